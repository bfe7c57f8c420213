//! Rulers in millimetres along the canvas's top and left edges, following the pointer.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, pos2, vec2};

use super::EditorApp;
use crate::units::{mm_to_pt, pt_to_mm};

const POINTER: Color32 = Color32::from_rgb(240, 40, 120);

/// Rulers in millimetres along the top and left, with the pointer's position marked.
pub fn draw(app: &EditorApp, painter: &Painter, canvas: Rect, origin: Pos2, pointer: Option<Pos2>, size: f32) {
    let bg = Color32::from_gray(235);
    let ink = Color32::from_gray(60);
    let top = Rect::from_min_max(canvas.min, pos2(canvas.max.x, canvas.min.y + size));
    let left = Rect::from_min_max(canvas.min, pos2(canvas.min.x + size, canvas.max.y));
    painter.rect_filled(top, 0.0, bg);
    painter.rect_filled(left, 0.0, bg);
    let v = &app.view;
    let mm_px = mm_to_pt(1.0) * v.zoom;
    // Tick spacing: the smallest of 1, 5, 10, 50, 100 mm that is at least 6 px apart.
    let step = [1.0, 5.0, 10.0, 50.0, 100.0].into_iter().find(|s| s * mm_px >= 6.0).unwrap_or(100.0);
    let label_every = if step <= 1.0 {
        10.0
    } else if step <= 10.0 {
        50.0
    } else {
        100.0
    };
    let (x_from, _) = v.to_page(origin, top.min);
    let (x_to, _) = v.to_page(origin, top.max);
    let mut mm = (pt_to_mm(x_from) / step).floor() * step;
    while mm <= pt_to_mm(x_to) {
        let x = v.to_screen(origin, mm_to_pt(mm), 0.0).x;
        if x >= top.min.x + size {
            let major = (mm / label_every).round() * label_every == mm;
            let len = if major { size } else { size * 0.35 };
            painter.line_segment([pos2(x, top.max.y - len), pos2(x, top.max.y)], Stroke::new(1.0, ink));
            if major {
                painter.text(
                    pos2(x + 2.0, top.min.y),
                    Align2::LEFT_TOP,
                    format!("{mm:.0}"),
                    FontId::proportional(9.0),
                    ink,
                );
            }
        }
        mm += step;
    }
    let (_, y_from) = v.to_page(origin, left.min);
    let (_, y_to) = v.to_page(origin, left.max);
    let mut mm = (pt_to_mm(y_from) / step).floor() * step;
    while mm <= pt_to_mm(y_to) {
        let y = v.to_screen(origin, 0.0, mm_to_pt(mm)).y;
        if y >= left.min.y + size {
            let major = (mm / label_every).round() * label_every == mm;
            let len = if major { size } else { size * 0.35 };
            painter.line_segment([pos2(left.max.x - len, y), pos2(left.max.x, y)], Stroke::new(1.0, ink));
            if major {
                painter.text(
                    pos2(left.min.x + 1.0, y + 1.0),
                    Align2::LEFT_TOP,
                    format!("{mm:.0}"),
                    FontId::proportional(9.0),
                    ink,
                );
            }
        }
        mm += step;
    }
    if let Some(p) = pointer {
        painter.line_segment([pos2(p.x, top.min.y), pos2(p.x, top.max.y)], Stroke::new(1.0, POINTER));
        painter.line_segment([pos2(left.min.x, p.y), pos2(left.max.x, p.y)], Stroke::new(1.0, POINTER));
    }
    painter.rect_filled(Rect::from_min_size(canvas.min, vec2(size, size)), 0.0, bg);
}
