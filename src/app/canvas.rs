//! The canvas: the page (tiles of the laid-out page), its guides, element outlines, selection
//! handles, overset markers and threads, rulers; and the tools: select, move, resize with
//! snapping, rubber band, and placing new frames by dragging.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Sense, Stroke, Vec2, pos2, vec2};

use super::EditorApp;
use super::ports;
use super::snap::{Edges, Guides, Snapped, snap_move, snap_resize};
use super::view::View;
use crate::edit::Command;
use crate::layout::grid::{LineGrid, frame_grid};
use crate::model::ElementKind;
use crate::units::{Rect as PRect, mm_to_pt, pt_to_mm};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Select,
    Text,
    Table,
    Qr,
    Image,
    Rule,
    Box,
}

#[derive(Clone, Debug)]
enum Drag {
    Move {
        ids: Vec<String>,
        start: Pos2,
        rects: Vec<PRect>,
        current: Vec<PRect>,
    },
    Resize {
        id: String,
        edges: Edges,
        start: Pos2,
        rect: PRect,
        current: PRect,
    },
    Band {
        start: Pos2,
        current: Pos2,
    },
    Create {
        tool: Tool,
        start: Pos2,
        current: Pos2,
    },
    Pan {
        start: Pos2,
        pan: Vec2,
    },
    /// Alt-drag on an image: the picture moves inside its frame (crop), the frame stays.
    Crop {
        id: String,
        start: Pos2,
        offset: (f32, f32),
    },
}

#[derive(Default)]
pub struct CanvasState {
    drag: Option<Drag>,
    pub zoom_request: Option<f32>,
    pub actual_size_request: bool,
    pub pointer_mm: Option<(f32, f32)>,
    snapped: Snapped,
    /// A text frame waiting for the click that names its next frame.
    pub link_from: Option<String>,
    /// Where page point (0, 0) would be without pan: the canvas origin of the last frame.
    pub origin: Pos2,
    /// The overset ports and labels and thread ports drawn last frame, on screen (they must
    /// cover no text; tests check it).
    pub marks: Vec<Rect>,
    /// The page last shown whole, for the zoom module to show it whole again.
    pub shown_whole: Option<super::zoom::ShownWhole>,
    /// A field had the keyboard as the last frame ended (an Esc now is the field's).
    pub field_had_focus: bool,
}

const RULER: f32 = 18.0;
const HANDLE: f32 = 7.0;
const SNAP_PX: f32 = 6.0;
const SELECT_BLUE: Color32 = Color32::from_rgb(30, 120, 230);
const GUIDE_MARGIN: Color32 = Color32::from_rgba_premultiplied(200, 60, 200, 160);
const GUIDE_COLUMN: Color32 = Color32::from_rgba_premultiplied(60, 150, 230, 110);
const SNAP_COLOR: Color32 = Color32::from_rgb(240, 40, 120);

pub fn show(app: &mut EditorApp, ui: &mut egui::Ui) {
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    let canvas = response.rect;
    let origin = canvas.min + vec2(RULER, RULER);
    app.canvas.origin = origin;
    let ctx = ui.ctx().clone();
    painter.rect_filled(canvas, 0.0, Color32::from_gray(120));
    if app.doc.pages.is_empty() {
        return;
    }
    let page_index = app.page.min(app.doc.pages.len() - 1);
    let (pw, ph) = (app.doc.pages[page_index].width, app.doc.pages[page_index].height);
    super::zoom::steer(app, &response, origin, canvas.size() - vec2(RULER, RULER), (pw, ph));

    // The page itself, from the layout.
    app.layout();
    let page_rect = app.view.rect_to_screen(origin, PRect::new(0.0, 0.0, pw, ph));
    painter.rect_filled(page_rect.translate(vec2(3.0, 3.0)), 0.0, Color32::from_black_alpha(60));
    let pending = {
        let EditorApp { layout, tiles, book, generation, .. } = app;
        match layout.get(page_index) {
            Some(frame) => {
                tiles.paint(&ctx, &painter, frame, book, page_index, *generation, page_rect, ctx.pixels_per_point())
            }
            None => false,
        }
    };
    if pending {
        ctx.request_repaint();
    }
    draw_guides(app, &painter, origin, page_index);
    app.canvas.marks = draw_elements(app, &painter, origin, page_index);
    interact(app, &response, origin, page_index, &ctx);
    super::textedit::paint_find(app, &painter, origin, page_index);
    super::textedit::paint(app, &painter, origin, page_index, &ctx);
    draw_drag(app, &painter, origin, page_index);
    super::rulers::draw(app, &painter, canvas, origin, response.hover_pos(), RULER);
}

fn to_screen(v: &View, origin: Pos2, r: PRect) -> Rect {
    v.rect_to_screen(origin, r)
}

fn draw_guides(app: &EditorApp, painter: &Painter, origin: Pos2, page_index: usize) {
    let page = &app.doc.pages[page_index];
    let v = &app.view;
    let area = page.type_area();
    painter.rect_stroke(to_screen(v, origin, area), 0.0, Stroke::new(1.0, GUIDE_MARGIN), egui::StrokeKind::Middle);
    for (l, r) in page.column_edges() {
        for x in [l, r] {
            let a = v.to_screen(origin, x, area.y);
            let b = v.to_screen(origin, x, area.bottom());
            painter.line_segment([a, b], Stroke::new(1.0, GUIDE_COLUMN));
        }
    }
    // The body line grid where the layout engine sets lines on it: the page's own, else each
    // grid frame's (lines sit on these baselines).
    let line = |grid: LineGrid, area: PRect| {
        if grid.pitch * v.zoom <= 6.0 {
            return;
        }
        for y in grid.baselines(area.y, area.bottom()) {
            let (a, b) = (v.to_screen(origin, area.x, y), v.to_screen(origin, area.right(), y));
            painter.line_segment([a, b], Stroke::new(0.5, Color32::from_rgba_unmultiplied(40, 150, 210, 110)));
        }
    };
    if let Some(grid) = LineGrid::of_page(page) {
        line(grid, area);
        return;
    }
    for el in page.elements.iter().filter(|e| !e.hidden) {
        let ElementKind::Text(t) = &el.kind else { continue };
        let grid = app.doc.story_of_frame(&el.id).and_then(|(story, _)| frame_grid(&app.doc, story, &el.id));
        if let Some(grid) = grid.filter(|_| !t.vertical) {
            line(grid, el.frame.inset(t.inset));
        }
    }
}

/// Frame outlines, lock marks, overset ports and labels, selection handles and threads; returns
/// the screen rectangles of the marks drawn over the page (ports and labels).
fn draw_elements(app: &EditorApp, painter: &Painter, origin: Pos2, page_index: usize) -> Vec<Rect> {
    let v = &app.view;
    let page = &app.doc.pages[page_index];
    let s = app.strings();
    for el in page.elements.iter().filter(|e| !e.hidden) {
        let r = to_screen(v, origin, el.frame);
        if matches!(el.kind, ElementKind::Text(_) | ElementKind::Image(_)) {
            painter.rect_stroke(r, 0.0, Stroke::new(0.5, Color32::from_gray(170)), egui::StrokeKind::Inside);
        }
        if el.locked {
            painter.text(
                r.left_top() + vec2(2.0, 2.0),
                Align2::LEFT_TOP,
                app.strings().lock_short,
                FontId::proportional(10.0),
                Color32::GRAY,
            );
        }
    }
    if let Some(laid) = app.layout.get(page_index) {
        super::missing::draw(painter, page, laid, |r| to_screen(v, origin, r));
    }
    // Overset markers from the layout's reports: a red port just outside the frame's
    // bottom-right corner, and the 超 N 字 label beside it where it covers no text (a picture
    // it may cover: the label is drawn over the page).
    let mut marks = Vec::new();
    if let Some(frame) = app.layout.get(page_index)
        && frame.reports.iter().any(|r| r.overset_chars > 0)
    {
        let text: Vec<Rect> = frame
            .text_lines()
            .iter()
            .map(|l| to_screen(v, origin, PRect::new(l.x0, l.baseline - l.size * 0.88, l.x1 - l.x0, l.size)))
            .collect();
        for report in frame.reports.iter().filter(|r| r.overset_chars > 0) {
            if let Some((_, el)) = app.doc.element(&report.element) {
                let r = to_screen(v, origin, el.frame);
                let mut others = text.clone();
                others.push(r);
                let red = Color32::from_rgb(210, 30, 30);
                painter.rect_stroke(r, 0.0, Stroke::new(1.5, red), egui::StrokeKind::Inside);
                let port = ports::out_port(r);
                painter.rect_filled(port, 1.0, red);
                painter.text(
                    port.center(),
                    Align2::CENTER_CENTER,
                    "+",
                    FontId::proportional(ports::PORT),
                    Color32::WHITE,
                );
                marks.push(port);
                let label = super::i18n::fill(s.overset, report.overset_chars);
                let galley = painter.layout_no_wrap(label, FontId::proportional(12.0), Color32::WHITE);
                if let Some(bg) = ports::badge_place(r, port, galley.size() + vec2(6.0, 4.0), &others) {
                    painter.rect_filled(bg, 2.0, red);
                    painter.galley(bg.min + vec2(3.0, 2.0), galley, Color32::WHITE);
                    marks.push(bg);
                }
            }
        }
    }
    // Selection, and the thread of a selected text frame's story.
    for id in &app.selection {
        let Some((p, el)) = app.doc.element(id) else {
            continue;
        };
        if p != page_index {
            continue;
        }
        let r = to_screen(v, origin, el.frame);
        painter.rect_stroke(r, 0.0, Stroke::new(1.5, SELECT_BLUE), egui::StrokeKind::Outside);
        if app.selection.len() == 1 {
            for (h, _) in handles(r) {
                painter.rect_filled(Rect::from_center_size(h, vec2(HANDLE, HANDLE)), 0.0, Color32::WHITE);
                painter.rect_stroke(
                    Rect::from_center_size(h, vec2(HANDLE, HANDLE)),
                    0.0,
                    Stroke::new(1.0, SELECT_BLUE),
                    egui::StrokeKind::Inside,
                );
            }
        }
        if let Some((story, _)) = app.doc.story_of_frame(id) {
            let frames: Vec<Rect> = story
                .frames
                .iter()
                .filter_map(|f| {
                    app.doc.element(f).filter(|(pg, _)| *pg == page_index).map(|(_, e)| to_screen(v, origin, e.frame))
                })
                .collect();
            // From the out-port of each frame to the in-port of the next, ports outside the
            // frames and the line faint, so neither hides the text it crosses.
            let faint = Stroke::new(1.0, SELECT_BLUE.gamma_multiply(0.45));
            for pair in frames.windows(2) {
                let (from, to) = (ports::out_port(pair[0]), ports::in_port(pair[1]));
                painter.rect_stroke(from, 1.0, Stroke::new(1.0, SELECT_BLUE), egui::StrokeKind::Inside);
                painter.rect_stroke(to, 1.0, Stroke::new(1.0, SELECT_BLUE), egui::StrokeKind::Inside);
                painter.add(egui::Shape::dashed_line(&[from.center(), to.center()], faint, 4.0, 3.0));
                marks.extend([from, to]);
            }
        }
    }
    marks
}

/// The eight handles of a selection rectangle and which edges each moves.
fn handles(r: Rect) -> [(Pos2, Edges); 8] {
    let (l, t, rr, b) = (r.left(), r.top(), r.right(), r.bottom());
    let (cx, cy) = (r.center().x, r.center().y);
    [
        (pos2(l, t), (true, true, false, false)),
        (pos2(cx, t), (false, true, false, false)),
        (pos2(rr, t), (false, true, true, false)),
        (pos2(rr, cy), (false, false, true, false)),
        (pos2(rr, b), (false, false, true, true)),
        (pos2(cx, b), (false, false, false, true)),
        (pos2(l, b), (true, false, false, true)),
        (pos2(l, cy), (true, false, false, false)),
    ]
}

/// The topmost visible element under a screen point.
fn hit(app: &EditorApp, origin: Pos2, page_index: usize, p: Pos2) -> Option<String> {
    app.doc.pages[page_index]
        .elements
        .iter()
        .rev()
        .filter(|e| !e.hidden)
        .find(|e| to_screen(&app.view, origin, e.frame).expand(3.0).contains(p))
        .map(|e| e.id.clone())
}

fn interact(app: &mut EditorApp, response: &egui::Response, origin: Pos2, page_index: usize, ctx: &egui::Context) {
    let pointer = response.hover_pos().or(response.interact_pointer_pos());
    app.canvas.pointer_mm = pointer.map(|p| {
        let (x, y) = app.view.to_page(origin, p);
        (pt_to_mm(x), pt_to_mm(y))
    });
    if super::textedit::pointer(app, response, origin, page_index, ctx) {
        return;
    }
    if response.double_clicked()
        && app.tool == Tool::Select
        && let Some(p) = response.interact_pointer_pos().or(response.hover_pos())
        && let Some(frame) = super::textedit::text_frame_at(app, origin, page_index, p)
    {
        enter_text_at(app, &frame, origin, page_index, p);
        return;
    }
    let esc_is_ours = app.text_edit.is_none() && app.modal.is_none() && !app.canvas.field_had_focus;
    if esc_is_ours && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        if app.canvas.drag.take().is_none() {
            app.selection.clear();
            app.canvas.link_from = None;
        }
        app.canvas.snapped = Snapped::default();
    }
    let space = ctx.input(|i| i.key_down(egui::Key::Space));
    if response.drag_started() {
        // Where the button went down, not where the drag was recognised a few pixels later.
        let start = ctx.input(|i| i.pointer.press_origin()).or(response.interact_pointer_pos()).unwrap_or_default();
        let middle = ctx.input(|i| i.pointer.middle_down());
        app.canvas.drag = Some(if middle || space {
            Drag::Pan { start, pan: app.view.pan }
        } else {
            start_drag(app, origin, page_index, start, ctx.input(|i| (i.modifiers.shift, i.modifiers.alt)))
        });
    }
    if let (Some(drag), Some(now)) = (app.canvas.drag.as_mut(), response.interact_pointer_pos()) {
        let zoom = app.view.zoom;
        let tol = SNAP_PX / zoom;
        match drag {
            Drag::Pan { start, pan } => app.view.pan = *pan + (now - *start),
            Drag::Crop { id, start, offset } => {
                let d = (now - *start) / zoom;
                if let Some((_, el)) = app.doc.element(id) {
                    let mut el = el.clone();
                    if let ElementKind::Image(img) = &mut el.kind {
                        img.offset = (offset.0 + d.x, offset.1 + d.y);
                    }
                    let key = format!("crop:{id}");
                    app.command_merged(Command::Replace { element: el }, key);
                }
            }
            Drag::Move { ids, start, rects, current } => {
                let d = (now - *start) / zoom;
                let guides = Guides::for_page(&app.doc.pages[page_index], ids);
                let bounds = union(rects).map(|b| PRect::new(b.x + d.x, b.y + d.y, b.w, b.h));
                let (dx, dy, snapped) = match bounds {
                    Some(b) => {
                        let (s, snapped) = snap_move(b, &guides, tol);
                        (d.x + s.x - b.x, d.y + s.y - b.y, snapped)
                    }
                    None => (d.x, d.y, Snapped::default()),
                };
                *current = rects.iter().map(|r| PRect::new(r.x + dx, r.y + dy, r.w, r.h)).collect();
                app.canvas.snapped = snapped;
            }
            Drag::Resize { id, edges, start, rect, current } => {
                let d = (now - *start) / zoom;
                let (mut l, mut t, mut r, mut b) = (rect.x, rect.y, rect.right(), rect.bottom());
                if edges.0 {
                    l += d.x;
                }
                if edges.1 {
                    t += d.y;
                }
                if edges.2 {
                    r += d.x;
                }
                if edges.3 {
                    b += d.y;
                }
                let raw = PRect::new(l.min(r), t.min(b), (r - l).abs().max(1.0), (b - t).abs().max(1.0));
                let guides = Guides::for_page(&app.doc.pages[page_index], std::slice::from_ref(id));
                let (snapped_rect, snapped) = snap_resize(raw, *edges, &guides, tol);
                *current = snapped_rect;
                app.canvas.snapped = snapped;
            }
            Drag::Band { current, .. } | Drag::Create { current, .. } => *current = now,
        }
    }
    if response.drag_stopped() {
        if let Some(drag) = app.canvas.drag.take() {
            finish_drag(app, drag, origin, page_index);
        }
        app.canvas.snapped = Snapped::default();
    } else if response.clicked() {
        click(
            app,
            origin,
            page_index,
            response.interact_pointer_pos().unwrap_or_default(),
            ctx.input(|i| i.modifiers.shift),
        );
    }
}

pub(super) fn union(rects: &[PRect]) -> Option<PRect> {
    let first = rects.first()?;
    let (mut l, mut t, mut r, mut b) = (first.x, first.y, first.right(), first.bottom());
    for x in rects {
        l = l.min(x.x);
        t = t.min(x.y);
        r = r.max(x.right());
        b = b.max(x.bottom());
    }
    Some(PRect::new(l, t, r - l, b - t))
}

fn start_drag(app: &mut EditorApp, origin: Pos2, page_index: usize, start: Pos2, (shift, alt): (bool, bool)) -> Drag {
    if app.tool != super::Tool::Select {
        return Drag::Create { tool: app.tool, start, current: start };
    }
    if alt
        && let Some(id) = hit(app, origin, page_index, start)
        && let Some((_, el)) = app.doc.element(&id)
        && let ElementKind::Image(img) = &el.kind
        && !el.locked
    {
        app.selection = vec![id.clone()];
        return Drag::Crop { id, start, offset: img.offset };
    }
    if app.selection.len() == 1
        && let Some((_, el)) = app.doc.element(&app.selection[0])
        && !el.locked
    {
        let r = to_screen(&app.view, origin, el.frame);
        if let Some((_, edges)) = handles(r).into_iter().find(|(h, _)| h.distance(start) <= HANDLE) {
            return Drag::Resize { id: el.id.clone(), edges, start, rect: el.frame, current: el.frame };
        }
    }
    match hit(app, origin, page_index, start) {
        Some(id) => {
            if !app.selection.contains(&id) {
                if !shift {
                    app.selection.clear();
                }
                app.selection.push(id);
            }
            let ids: Vec<String> = app
                .selection
                .iter()
                .filter(|id| app.doc.element(id).is_some_and(|(p, e)| p == page_index && !e.locked))
                .cloned()
                .collect();
            let rects: Vec<PRect> = ids.iter().filter_map(|id| app.doc.element(id).map(|(_, e)| e.frame)).collect();
            Drag::Move { ids, start, current: rects.clone(), rects }
        }
        None => {
            if !shift {
                app.selection.clear();
            }
            Drag::Band { start, current: start }
        }
    }
}

fn finish_drag(app: &mut EditorApp, drag: Drag, origin: Pos2, page_index: usize) {
    match drag {
        Drag::Pan { .. } => {}
        Drag::Crop { .. } => app.history.close_group(),
        Drag::Move { ids, rects, current, .. } => {
            if let (Some(a), Some(b)) = (rects.first(), current.first()) {
                let (dx, dy) = (b.x - a.x, b.y - a.y);
                if dx != 0.0 || dy != 0.0 {
                    app.command(Command::Move { ids, dx, dy });
                }
            }
        }
        Drag::Resize { id, rect, current, .. } => {
            if rect != current {
                app.command(Command::SetFrame { id, frame: current });
            }
        }
        Drag::Band { start, current } => {
            let band = Rect::from_two_pos(start, current);
            let ids: Vec<String> = app.doc.pages[page_index]
                .elements
                .iter()
                .filter(|e| !e.hidden && band.contains_rect(to_screen(&app.view, origin, e.frame)))
                .map(|e| e.id.clone())
                .collect();
            for id in ids {
                if !app.selection.contains(&id) {
                    app.selection.push(id);
                }
            }
        }
        Drag::Create { tool, start, current } => {
            let (x0, y0) = app.view.to_page(origin, start);
            let (x1, y1) = app.view.to_page(origin, current);
            let mut r = PRect::new(x0.min(x1), y0.min(y1), (x1 - x0).abs(), (y1 - y0).abs());
            if r.w < mm_to_pt(3.0) && r.h < mm_to_pt(3.0) {
                r = super::place::default_rect(tool, x0, y0);
            }
            super::place::create(app, tool, page_index, r);
        }
    }
}

fn click(app: &mut EditorApp, origin: Pos2, page_index: usize, p: Pos2, shift: bool) {
    let target = hit(app, origin, page_index, p);
    if let Some(from) = app.canvas.link_from.take() {
        if let Some(next) =
            target.filter(|t| app.doc.element(t).is_some_and(|(_, e)| matches!(e.kind, ElementKind::Text(_))))
        {
            app.command(Command::Link { frame: from, next });
        }
        return;
    }
    if app.tool == Tool::Text
        && let Some(frame) = super::textedit::text_frame_at(app, origin, page_index, p)
    {
        enter_text_at(app, &frame, origin, page_index, p);
        return;
    }
    if app.tool != Tool::Select {
        let (x, y) = app.view.to_page(origin, p);
        let tool = app.tool;
        super::place::create(app, tool, page_index, super::place::default_rect(tool, x, y));
        return;
    }
    match target {
        Some(id) if shift => {
            if let Some(i) = app.selection.iter().position(|s| s == &id) {
                app.selection.remove(i);
            } else {
                app.selection.push(id);
            }
        }
        Some(id) => app.selection = vec![id],
        None if !shift => app.selection.clear(),
        None => {}
    }
}

/// Starts writing in text frame `frame` with the caret at the character under `p`.
fn enter_text_at(app: &mut EditorApp, frame: &str, origin: Pos2, page_index: usize, p: Pos2) {
    app.canvas.drag = None;
    let story = app.doc.story_of_frame(frame).map(|(s, _)| s.id.clone());
    let at = story.and_then(|s| super::textedit::position_at(app, &s, origin, page_index, p));
    app.begin_text_edit(frame, at);
}

fn draw_drag(app: &EditorApp, painter: &Painter, origin: Pos2, page_index: usize) {
    let v = &app.view;
    let dashed = Stroke::new(1.0, SELECT_BLUE);
    match &app.canvas.drag {
        Some(Drag::Move { current, .. }) => {
            for r in current {
                painter.rect_stroke(to_screen(v, origin, *r), 0.0, dashed, egui::StrokeKind::Middle);
            }
        }
        Some(Drag::Resize { current, .. }) => {
            painter.rect_stroke(to_screen(v, origin, *current), 0.0, dashed, egui::StrokeKind::Middle);
        }
        Some(Drag::Band { start, current }) | Some(Drag::Create { start, current, .. }) => {
            let r = Rect::from_two_pos(*start, *current);
            painter.rect_filled(r, 0.0, Color32::from_rgba_unmultiplied(30, 120, 230, 30));
            painter.rect_stroke(r, 0.0, dashed, egui::StrokeKind::Middle);
        }
        _ => {}
    }
    let page = &app.doc.pages[page_index];
    if let Some(x) = app.canvas.snapped.x {
        painter.line_segment(
            [v.to_screen(origin, x, 0.0), v.to_screen(origin, x, page.height)],
            Stroke::new(1.0, SNAP_COLOR),
        );
    }
    if let Some(y) = app.canvas.snapped.y {
        painter.line_segment(
            [v.to_screen(origin, 0.0, y), v.to_screen(origin, page.width, y)],
            Stroke::new(1.0, SNAP_COLOR),
        );
    }
}
