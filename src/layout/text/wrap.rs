//! Text wrap as the flow meets it: the areas kept free of a frame's text (elements grown by
//! their wrap offset) and, for one line's band, the span of its column it may be set in — beside
//! the obstacles, or below them.

use crate::units::Rect;

/// An area kept free of a frame's text: an element's frame grown by its wrap offset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Obstacle {
    pub rect: Rect,
    pub side: crate::model::WrapSide,
    /// The narrowest span beside it that takes a line, in characters of the line's size.
    pub min_span: f32,
}

/// Where a line may go in its column beside wrap obstacles.
pub(super) enum Span {
    /// Nothing is in the way.
    Whole,
    /// From x, this wide.
    Part(f32, f32),
    /// No span wide enough: the text goes on below `y`.
    Below(f32),
}

/// The free span for a line whose band across is `top..bottom` in column `col`: the column
/// less the obstacles beside the line, the span the side rule picks, at least the obstacles'
/// minimum span (in characters of `size`) wide; on a grid its edges fall on whole characters
/// of `em` from the column's start.
pub(super) fn free_span(col: &Rect, top: f32, bottom: f32, obstacles: &[Obstacle], em: Option<f32>, size: f32) -> Span {
    let beside: Vec<&Obstacle> = obstacles
        .iter()
        .filter(|o| o.rect.y < bottom && o.rect.bottom() > top && o.rect.x < col.right() && o.rect.right() > col.x)
        .collect();
    if beside.is_empty() {
        return Span::Whole;
    }
    let min = beside.iter().map(|o| o.min_span).fold(1.0f32, f32::max) * size;
    let mut blocked: Vec<(f32, f32)> =
        beside.iter().map(|o| (o.rect.x.max(col.x), o.rect.right().min(col.right()))).collect();
    blocked.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut free = Vec::new();
    let mut x = col.x;
    for (a, b) in blocked {
        if a > x {
            free.push((x, a));
        }
        x = x.max(b);
    }
    if x < col.right() {
        free.push((x, col.right()));
    }
    let snap = |(a, b): (f32, f32)| match em {
        Some(em) => (col.x + ((a - col.x) / em - 1e-3).ceil() * em, col.x + ((b - col.x) / em + 1e-3).floor() * em),
        None => (a, b),
    };
    let wide: Vec<(f32, f32)> = free.into_iter().map(snap).filter(|(a, b)| b - a >= min - 1e-3).collect();
    let side = beside[0].side;
    let pick = match side {
        crate::model::WrapSide::Left => wide.first().copied(),
        crate::model::WrapSide::Right => wide.last().copied(),
        crate::model::WrapSide::Largest => wide.iter().copied().max_by(|p, q| (p.1 - p.0).total_cmp(&(q.1 - q.0))),
    };
    match pick {
        Some((a, b)) => Span::Part(a, b - a),
        None => Span::Below(beside.iter().map(|o| o.rect.bottom()).fold(f32::MIN, f32::max)),
    }
}

/// How far past a wrap obstacle's foot the line after it starts, in pt (so that rounding never
/// leaves it touching the obstacle).
pub(super) const BELOW_OBSTACLE: f32 = 0.01;
