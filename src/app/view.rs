//! The canvas's page → screen transform: zoom and pan. Changing it never touches the layout.

use egui::{Pos2, Rect, Vec2, pos2, vec2};

/// Screen points per page point, and where the page's origin is on screen (relative to the
/// canvas's top-left).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub zoom: f32,
    pub pan: Vec2,
}

impl Default for View {
    fn default() -> Self {
        View { zoom: 1.0, pan: vec2(40.0, 40.0) }
    }
}

pub const MIN_ZOOM: f32 = 0.05;
pub const MAX_ZOOM: f32 = 16.0;

impl View {
    /// A page point to a screen position, for a canvas whose top-left is `origin`.
    pub fn to_screen(&self, origin: Pos2, x: f32, y: f32) -> Pos2 {
        origin + self.pan + vec2(x, y) * self.zoom
    }

    pub fn rect_to_screen(&self, origin: Pos2, r: crate::units::Rect) -> Rect {
        Rect::from_min_max(self.to_screen(origin, r.x, r.y), self.to_screen(origin, r.right(), r.bottom()))
    }

    /// A screen position to a page point.
    pub fn to_page(&self, origin: Pos2, p: Pos2) -> (f32, f32) {
        let v = (p - origin - self.pan) / self.zoom;
        (v.x, v.y)
    }

    /// Zooms by `factor` keeping the page point under `anchor` (screen) where it is.
    pub fn zoom_at(&mut self, origin: Pos2, anchor: Pos2, factor: f32) {
        let (px, py) = self.to_page(origin, anchor);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let now = self.to_screen(origin, px, py);
        self.pan += anchor - now;
    }

    /// The whole page (`w` × `h` pt) centred in a canvas of `size` with a margin.
    pub fn fit(w: f32, h: f32, size: Vec2) -> View {
        let margin = 24.0;
        let zoom = ((size.x - 2.0 * margin) / w).min((size.y - 2.0 * margin) / h).clamp(MIN_ZOOM, MAX_ZOOM);
        let pan = vec2((size.x - w * zoom) / 2.0, (size.y - h * zoom) / 2.0);
        View { zoom, pan }
    }

    /// The whole page (`w` × `h` pt) at `percent` of its real size, centred across a canvas of
    /// `size`, its top at the margin when it is taller than the canvas.
    pub fn at_percent(percent: f32, w: f32, h: f32, size: Vec2, pixels_per_point: f32) -> View {
        let margin = 24.0;
        let zoom = (percent / 100.0 * 96.0 / 72.0 / pixels_per_point.max(0.1)).clamp(MIN_ZOOM, MAX_ZOOM);
        let y = if h * zoom + 2.0 * margin <= size.y { (size.y - h * zoom) / 2.0 } else { margin };
        View { zoom, pan: vec2((size.x - w * zoom) / 2.0, y) }
    }

    /// The zoom as a percentage of the page's real size (100 %: a page millimetre is a screen
    /// millimetre on a 96 dpi screen).
    pub fn percent(&self, pixels_per_point: f32) -> f32 {
        self.zoom * 72.0 / 96.0 * pixels_per_point * 100.0
    }

    /// 100 %: one page millimetre is one screen millimetre (96 dpi screens: 1 pt = 4/3 px).
    pub fn actual_size(&mut self, origin: Pos2, anchor: Pos2, pixels_per_point: f32) {
        let target = 96.0 / 72.0 / pixels_per_point.max(0.1);
        self.zoom_at(origin, anchor, target / self.zoom);
    }
}

/// The canvas area's origin for tests of the transform.
pub fn origin() -> Pos2 {
    pos2(0.0, 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_anchor_still() {
        let mut v = View { zoom: 1.0, pan: vec2(10.0, 20.0) };
        let anchor = pos2(300.0, 200.0);
        let before = v.to_page(origin(), anchor);
        v.zoom_at(origin(), anchor, 2.0);
        let after = v.to_page(origin(), anchor);
        assert!((before.0 - after.0).abs() < 1e-3 && (before.1 - after.1).abs() < 1e-3);
        assert_eq!(v.zoom, 2.0);
    }

    #[test]
    fn fit_shows_the_whole_page() {
        let v = View::fit(842.0, 1191.0, vec2(800.0, 900.0));
        let r = v.rect_to_screen(origin(), crate::units::Rect::new(0.0, 0.0, 842.0, 1191.0));
        assert!(r.min.x >= 0.0 && r.min.y >= 0.0 && r.max.x <= 800.0 && r.max.y <= 900.0);
    }
}
