//! Snapping a moved or resized rectangle to the page's guides: margins, grid columns and
//! gutters, and other elements' edges and centres. Pure geometry in page points.

use crate::model::Page;
use crate::units::Rect;

/// Lines a rectangle's edges and centre may snap to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Guides {
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
}

impl Guides {
    /// The page's guides, and the edges and centres of its elements except `skip`.
    pub fn for_page(page: &Page, skip: &[String]) -> Guides {
        let mut g = Guides::default();
        let area = page.type_area();
        g.xs.extend([0.0, area.x, area.right(), page.width, page.width / 2.0]);
        g.ys.extend([0.0, area.y, area.bottom(), page.height, page.height / 2.0]);
        for (l, r) in page.column_edges() {
            g.xs.extend([l, r]);
        }
        for e in page.elements.iter().filter(|e| !e.hidden && !skip.contains(&e.id)) {
            let f = e.frame;
            g.xs.extend([f.x, f.x + f.w / 2.0, f.right()]);
            g.ys.extend([f.y, f.y + f.h / 2.0, f.bottom()]);
        }
        g
    }
}

/// Which guide a snap used, for drawing it.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Snapped {
    pub x: Option<f32>,
    pub y: Option<f32>,
}

/// The nearest guide to any of `candidates` within `tol`: (offset to apply, guide).
fn nearest(candidates: &[f32], guides: &[f32], tol: f32) -> Option<(f32, f32)> {
    let mut best: Option<(f32, f32)> = None;
    for &c in candidates {
        for &g in guides {
            let d = g - c;
            if d.abs() <= tol && best.is_none_or(|(bd, _)| d.abs() < bd.abs()) {
                best = Some((d, g));
            }
        }
    }
    best
}

/// Moves `r` so its left, centre or right edge (and top, middle or bottom) lands on a guide.
pub fn snap_move(r: Rect, guides: &Guides, tol: f32) -> (Rect, Snapped) {
    let mut out = r;
    let mut s = Snapped::default();
    if let Some((d, g)) = nearest(&[r.x, r.x + r.w / 2.0, r.right()], &guides.xs, tol) {
        out.x += d;
        s.x = Some(g);
    }
    if let Some((d, g)) = nearest(&[r.y, r.y + r.h / 2.0, r.bottom()], &guides.ys, tol) {
        out.y += d;
        s.y = Some(g);
    }
    (out, s)
}

/// Which edges a resize handle moves: (left, top, right, bottom).
pub type Edges = (bool, bool, bool, bool);

/// Snaps the moving edges of a resized rectangle.
pub fn snap_resize(r: Rect, edges: Edges, guides: &Guides, tol: f32) -> (Rect, Snapped) {
    let (mut l, mut t, mut rt, mut b) = (r.x, r.y, r.right(), r.bottom());
    let mut s = Snapped::default();
    let snap_x = |v: &mut f32, s: &mut Snapped| {
        if let Some((d, g)) = nearest(&[*v], &guides.xs, tol) {
            *v += d;
            s.x = Some(g);
        }
    };
    if edges.0 {
        snap_x(&mut l, &mut s);
    }
    if edges.2 {
        snap_x(&mut rt, &mut s);
    }
    let snap_y = |v: &mut f32, s: &mut Snapped| {
        if let Some((d, g)) = nearest(&[*v], &guides.ys, tol) {
            *v += d;
            s.y = Some(g);
        }
    };
    if edges.1 {
        snap_y(&mut t, &mut s);
    }
    if edges.3 {
        snap_y(&mut b, &mut s);
    }
    (Rect::new(l.min(rt), t.min(b), (rt - l).abs().max(1.0), (b - t).abs().max(1.0)), s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snaps_to_the_nearest_guide_within_tolerance() {
        let g = Guides { xs: vec![100.0, 200.0], ys: vec![50.0] };
        let (r, s) = snap_move(Rect::new(97.0, 52.0, 40.0, 20.0), &g, 5.0);
        assert_eq!((r.x, r.y), (100.0, 50.0));
        assert_eq!(s, Snapped { x: Some(100.0), y: Some(50.0) });
        let (r, s) = snap_move(Rect::new(90.0, 80.0, 40.0, 20.0), &g, 5.0);
        assert_eq!((r.x, r.y, s.x), (90.0, 80.0, None));
        // The right edge snaps too.
        let (r, _) = snap_move(Rect::new(158.0, 0.0, 40.0, 20.0), &g, 5.0);
        assert_eq!(r.right(), 200.0);
    }

    #[test]
    fn resize_snaps_only_moving_edges() {
        let g = Guides { xs: vec![100.0, 203.0], ys: vec![] };
        let (r, _) = snap_resize(Rect::new(98.0, 0.0, 101.0, 10.0), (false, false, true, false), &g, 5.0);
        assert_eq!((r.x, r.right()), (98.0, 203.0));
    }
}
