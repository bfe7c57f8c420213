//! Where the canvas puts its marks over the page: the in- and out-ports of text frames (overset
//! and threads) and the overset label, placed so that none covers text.

use egui::{Rect, Vec2, pos2, vec2};

/// Side of a frame's in- and out-ports on screen.
pub const PORT: f32 = 9.0;

/// The out-port: a small square just outside a frame's bottom-right corner.
pub fn out_port(r: Rect) -> Rect {
    Rect::from_min_size(r.right_bottom() + vec2(1.0, 1.0), vec2(PORT, PORT))
}

/// The in-port: a small square just outside a frame's top-left corner.
pub fn in_port(r: Rect) -> Rect {
    Rect::from_min_size(r.left_top() - vec2(PORT + 1.0, PORT + 1.0), vec2(PORT, PORT))
}

/// Where an overset label of `size` goes for frame `r`: below the frame beside its port, or
/// right of it, or above it; the first place that covers nothing in `others` (the lines of text
/// on the page and the frame itself). `None` when every place would: the port and the status
/// bar say it then.
pub fn badge_place(r: Rect, port: Rect, size: Vec2, others: &[Rect]) -> Option<Rect> {
    let below = Rect::from_min_size(pos2(port.left() - size.x - 2.0, r.bottom() + 2.0), size);
    let right = Rect::from_min_size(pos2(r.right() + 2.0, port.top() - size.y - 2.0), size);
    let above = Rect::from_min_size(pos2(r.right() - size.x, r.top() - size.y - 2.0), size);
    [below, right, above].into_iter().find(|b| others.iter().all(|o| !o.intersects(*b)))
}
