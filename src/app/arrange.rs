//! The Arrange menu: stacking order, alignment and even distribution of the selection, each
//! change one undo step.

use super::EditorApp;
use super::canvas::union;
use crate::edit::{Command, ZMove};
use crate::units::Rect as PRect;

/// The Arrange menu: stacking, alignment and distribution of the selection.
pub fn menu(app: &mut EditorApp, ui: &mut egui::Ui) {
    let s = app.strings();
    let one = app.selection.len() == 1;
    for (label, to) in [
        (s.bring_forward, ZMove::Forward),
        (s.send_backward, ZMove::Backward),
        (s.bring_to_front, ZMove::Front),
        (s.send_to_back, ZMove::Back),
    ] {
        if ui.add_enabled(one, egui::Button::new(label)).clicked() {
            app.command(Command::Restack { id: app.selection[0].clone(), to });
        }
    }
    ui.separator();
    let many = app.selection.len() >= 2;
    for (label, how) in [
        (s.align_left, Align::Left),
        (s.align_hcenter, Align::HCenter),
        (s.align_right, Align::Right),
        (s.align_top, Align::Top),
        (s.align_vcenter, Align::VCenter),
        (s.align_bottom, Align::Bottom),
    ] {
        if ui.add_enabled(many, egui::Button::new(label)).clicked() {
            align(app, how);
        }
    }
    let three = app.selection.len() >= 3;
    if ui.add_enabled(three, egui::Button::new(s.distribute_h)).clicked() {
        distribute(app, true);
    }
    if ui.add_enabled(three, egui::Button::new(s.distribute_v)).clicked() {
        distribute(app, false);
    }
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    HCenter,
    Right,
    Top,
    VCenter,
    Bottom,
}

fn selected_frames(app: &EditorApp) -> Vec<(String, PRect)> {
    app.selection
        .iter()
        .filter_map(|id| app.doc.element(id).filter(|(_, e)| !e.locked).map(|(_, e)| (id.clone(), e.frame)))
        .collect()
}

/// Sets several frames as one undo step.
fn set_frames(app: &mut EditorApp, frames: Vec<(String, PRect)>) {
    let key = format!("arrange-{}", app.layout_count + app.pending.len());
    app.history.close_group();
    for (id, frame) in frames {
        app.command_merged(Command::SetFrame { id, frame }, key.clone());
    }
}

fn align(app: &mut EditorApp, how: Align) {
    let frames = selected_frames(app);
    let rects: Vec<PRect> = frames.iter().map(|(_, r)| *r).collect();
    let Some(b) = union(&rects) else { return };
    let moved = frames
        .into_iter()
        .map(|(id, mut r)| {
            match how {
                Align::Left => r.x = b.x,
                Align::HCenter => r.x = b.x + (b.w - r.w) / 2.0,
                Align::Right => r.x = b.right() - r.w,
                Align::Top => r.y = b.y,
                Align::VCenter => r.y = b.y + (b.h - r.h) / 2.0,
                Align::Bottom => r.y = b.bottom() - r.h,
            }
            (id, r)
        })
        .collect();
    set_frames(app, moved);
}

/// Equal gaps between the selected frames, the outermost staying put.
fn distribute(app: &mut EditorApp, horizontal: bool) {
    let mut frames = selected_frames(app);
    if frames.len() < 3 {
        return;
    }
    let key = |r: &PRect| if horizontal { r.x } else { r.y };
    frames.sort_by(|a, b| key(&a.1).total_cmp(&key(&b.1)));
    let (first, last) = (frames[0].1, frames[frames.len() - 1].1);
    let span = if horizontal { last.right() - first.x } else { last.bottom() - first.y };
    let used: f32 = frames.iter().map(|(_, r)| if horizontal { r.w } else { r.h }).sum();
    let gap = (span - used) / (frames.len() - 1) as f32;
    let mut at = if horizontal { first.x } else { first.y };
    for (_, r) in frames.iter_mut() {
        if horizontal {
            r.x = at;
            at += r.w + gap;
        } else {
            r.y = at;
            at += r.h + gap;
        }
    }
    set_frames(app, frames);
}
