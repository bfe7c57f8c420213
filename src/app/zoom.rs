//! How the canvas's view follows the user: the page shown whole (fitted, or at the zoom last
//! chosen) when asked and while the canvas settles, zoom requests from menus and keys, the
//! wheel's zoom and scroll. A zoom the user chooses is the one pages open at from then on.

use egui::{Pos2, Vec2};

use super::EditorApp;
use super::settings::Zoom;
use super::view::View;

/// A page shown whole: for which canvas and window sizes, the view it got, and how many frames
/// ago. While the view is untouched the page is shown whole again when the window is resized,
/// or when the canvas changes size in the first frames (as the panels beside it settle; later
/// a panel growing must not move the page under the pointer).
#[derive(Clone, Copy, Debug)]
pub struct ShownWhole {
    canvas: Vec2,
    window: Vec2,
    view: View,
    frames: u32,
}

/// How many frames after a page is shown whole the panels may still be settling.
const SETTLING_FRAMES: u32 = 5;

/// Sets this frame's view for a canvas of `size` (after the rulers) whose page origin is at
/// `origin`, showing a page of `page` (w, h) pt.
pub fn steer(app: &mut EditorApp, response: &egui::Response, origin: Pos2, size: Vec2, (pw, ph): (f32, f32)) {
    let ppp = response.ctx.pixels_per_point();
    let before = app.view;
    let window = response.ctx.content_rect().size();
    let again = |s: &mut ShownWhole| {
        s.frames += 1;
        s.view == app.view && (s.window != window || (s.canvas != size && s.frames <= SETTLING_FRAMES))
    };
    if app.fit_pending || app.canvas.shown_whole.as_mut().is_some_and(again) {
        app.view = match app.zoom.percent() {
            Some(p) => View::at_percent(p, pw, ph, size, ppp),
            None => View::fit(pw, ph, size),
        };
        let frames = if app.fit_pending { 0 } else { app.canvas.shown_whole.map_or(0, |s| s.frames) };
        app.fit_pending = false;
        app.canvas.shown_whole = Some(ShownWhole { canvas: size, window, view: app.view, frames });
    }
    let zoom_before = app.view.zoom;
    let centre = response.rect.center();
    if let Some(f) = app.canvas.zoom_request.take() {
        app.view.zoom_at(origin, centre, f);
    }
    if std::mem::take(&mut app.canvas.actual_size_request) {
        app.view.actual_size(origin, centre, ppp);
    }
    wheel(app, response, origin);
    if app.view.zoom != zoom_before {
        app.zoom = Zoom::Percent(app.view.percent(ppp));
    }
    if app.view != before {
        // The status bar, drawn before the canvas, shows the new zoom next frame.
        response.ctx.request_repaint();
    }
}

impl EditorApp {
    /// Fits the page to the canvas, and pages open fitted from now on.
    pub fn fit_page(&mut self) {
        self.zoom = Zoom::Fit;
        self.fit_pending = true;
    }
}

/// Ctrl+wheel (or a pinch) zooms about the pointer; the wheel alone scrolls.
fn wheel(app: &mut EditorApp, response: &egui::Response, origin: Pos2) {
    if !response.hovered() {
        return;
    }
    let (zoom, scroll, pointer) =
        response.ctx.input(|i| (i.zoom_delta(), i.smooth_scroll_delta, i.pointer.hover_pos()));
    if zoom != 1.0 {
        let anchor = pointer.unwrap_or(response.rect.center());
        app.view.zoom_at(origin, anchor, zoom);
    } else if scroll != Vec2::ZERO {
        app.view.pan += scroll;
    }
}
