//! Story positions on the laid-out page: the one mapping between a place in a story's text and
//! a place on the page. Hit-testing (point → position), the caret's rectangle (position →
//! rect) and selection and find highlights (range → rects) all read the engine's `CaretLine`s,
//! in horizontal and vertical frames, across columns and threaded frames.

use super::frame::{CaretLine, PageFrame};
use super::text::flow::{EM_ASCENT, EM_DESCENT};
use crate::edit::{TextPos, TextRange};
use crate::units::Rect;

/// A line of a story and the page it is on.
#[derive(Clone, Copy, Debug)]
pub struct Placed<'a> {
    pub page: usize,
    pub line: &'a CaretLine,
}

/// The lines set from a story whose chain is `frames`, in text order.
pub fn story_lines<'a>(pages: &'a [PageFrame], frames: &[String]) -> Vec<Placed<'a>> {
    let mut out = Vec::new();
    for frame in frames {
        for (page, p) in pages.iter().enumerate() {
            out.extend(p.carets.iter().filter(|l| &l.element == frame).map(|line| Placed { page, line }));
        }
    }
    out
}

/// One stop per character boundary of the line (pieces of several characters, like a Latin
/// word, are divided evenly).
pub fn char_stops(line: &CaretLine) -> Vec<(usize, f32)> {
    let mut out: Vec<(usize, f32)> = Vec::with_capacity(line.stops.len());
    for pair in line.stops.windows(2) {
        let ((a, xa), (b, xb)) = (pair[0], pair[1]);
        out.push((a, xa));
        let n = b.saturating_sub(a);
        for k in 1..n {
            out.push((a + k, xa + (xb - xa) * k as f32 / n as f32));
        }
    }
    if let Some(&last) = line.stops.last() {
        out.push(last);
    }
    out
}

/// Where along the line the caret before character `offset` stands.
fn along(line: &CaretLine, offset: usize) -> f32 {
    let stops = char_stops(line);
    stops.iter().find(|s| s.0 >= offset).or(stops.last()).map_or(0.0, |s| s.1)
}

/// The character boundary nearest to `at` along the line.
fn nearest_offset(line: &CaretLine, at: f32) -> usize {
    char_stops(line).into_iter().min_by(|a, b| (a.1 - at).abs().total_cmp(&(b.1 - at).abs())).map_or(0, |s| s.0)
}

/// The line's box on the page, across its whole column.
fn line_box(line: &CaretLine) -> Rect {
    let (first, last) = line.column;
    if line.vertical {
        Rect::new(line.cross - line.size / 2.0, first, line.size, (last - first).max(0.0))
    } else {
        let top = line.cross - EM_ASCENT * line.size;
        Rect::new(first, top, (last - first).max(0.0), line.size * (EM_ASCENT + EM_DESCENT))
    }
}

/// The band across the line that the caret and highlights fill.
fn caret_box(line: &CaretLine) -> Rect {
    if line.vertical {
        Rect::new(line.cross - line.size / 2.0, 0.0, line.size, 0.0)
    } else {
        Rect::new(0.0, line.cross - EM_ASCENT * line.size, 0.0, line.size * (EM_ASCENT + EM_DESCENT))
    }
}

fn distance(r: &Rect, x: f32, y: f32) -> f32 {
    let dx = (r.x - x).max(0.0).max(x - r.right());
    let dy = (r.y - y).max(0.0).max(y - r.bottom());
    dx.hypot(dy)
}

/// The story position nearest to page point (x, y) on `page`: in the line under the point, or
/// the nearest line (between lines, past a line's end, in another column or frame).
pub fn hit(lines: &[Placed], page: usize, x: f32, y: f32) -> Option<TextPos> {
    let best = lines
        .iter()
        .filter(|l| l.page == page)
        .min_by(|a, b| distance(&line_box(a.line), x, y).total_cmp(&distance(&line_box(b.line), x, y)))?;
    let at = if best.line.vertical { y } else { x };
    Some(TextPos::new(best.line.paragraph, nearest_offset(best.line, at)))
}

/// The index in `lines` of the line the caret at `pos` stands on: the line holding the
/// character after it (so a caret at a line break stands at the start of the next line), or
/// the paragraph's last line at its end.
pub fn line_of(lines: &[Placed], pos: TextPos) -> Option<usize> {
    let mut last_of_paragraph = None;
    for (i, l) in lines.iter().enumerate() {
        if l.line.paragraph != pos.paragraph {
            continue;
        }
        let (a, b) = l.line.span();
        if pos.offset >= a && pos.offset < b {
            return Some(i);
        }
        if pos.offset >= a {
            last_of_paragraph = Some(i);
        }
    }
    last_of_paragraph
}

/// The caret's rectangle: the page it is on and a thin box the height (or, vertical, the
/// width) of the line.
pub fn caret_rect(lines: &[Placed], pos: TextPos) -> Option<(usize, Rect)> {
    let placed = lines[line_of(lines, pos)?];
    let l = placed.line;
    let a = along(l, pos.offset);
    let b = caret_box(l);
    let r = if l.vertical { Rect::new(b.x, a, b.w, 0.0) } else { Rect::new(a, b.y, 0.0, b.h) };
    Some((placed.page, r))
}

/// Where the caret at `pos` lies along its line (the goal kept while moving up and down).
pub fn caret_along(lines: &[Placed], pos: TextPos) -> Option<f32> {
    line_of(lines, pos).map(|i| along(lines[i].line, pos.offset))
}

/// The position on the line `delta` lines away from the caret's, nearest to `goal` along it.
pub fn line_step(lines: &[Placed], pos: TextPos, delta: isize, goal: f32) -> Option<TextPos> {
    let i = line_of(lines, pos)?;
    let j = i.checked_add_signed(delta).filter(|j| *j < lines.len())?;
    let l = lines[j].line;
    Some(TextPos::new(l.paragraph, nearest_offset(l, goal)))
}

/// The start and end of the caret's line.
pub fn line_ends(lines: &[Placed], pos: TextPos) -> Option<(TextPos, TextPos)> {
    let l = lines[line_of(lines, pos)?].line;
    let (a, b) = l.span();
    Some((TextPos::new(l.paragraph, a), TextPos::new(l.paragraph, b)))
}

/// The rectangles that highlight `range`, one per line it touches, with their pages.
pub fn selection_rects(lines: &[Placed], range: TextRange) -> Vec<(usize, Rect)> {
    let mut out = Vec::new();
    for placed in lines {
        let l = placed.line;
        let (a, b) = l.span();
        let (lo, hi) = (TextPos::new(l.paragraph, a), TextPos::new(l.paragraph, b));
        if range.end <= lo || range.start >= hi {
            continue;
        }
        let from = if range.start > lo { range.start.offset } else { a };
        let to = if range.end < hi { range.end.offset } else { b };
        let (p, q) = (along(l, from), along(l, to));
        let bx = caret_box(l);
        out.push((
            placed.page,
            if l.vertical { Rect::new(bx.x, p, bx.w, q - p) } else { Rect::new(p, bx.y, q - p, bx.h) },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(paragraph: usize, stops: Vec<(usize, f32)>, cross: f32) -> CaretLine {
        let column = if stops[0].1 < 100.0 { (0.0, 90.0) } else { (100.0, 190.0) };
        CaretLine { element: "t".into(), paragraph, stops, column, vertical: false, cross, size: 10.0 }
    }

    #[test]
    fn hits_carets_and_selections_follow_the_lines() {
        let page = PageFrame {
            carets: vec![
                line(0, vec![(0, 0.0), (1, 10.0), (4, 40.0)], 10.0),
                line(0, vec![(4, 0.0), (6, 20.0)], 25.0),
                line(1, vec![(0, 100.0), (2, 120.0)], 10.0),
            ],
            ..Default::default()
        };
        let pages = [page];
        let lines = story_lines(&pages, &["t".to_string()]);
        assert_eq!(hit(&lines, 0, 21.0, 8.0), Some(TextPos::new(0, 2)), "inside a Latin piece");
        assert_eq!(hit(&lines, 0, 80.0, 26.0), Some(TextPos::new(0, 6)), "past a line's end");
        assert_eq!(hit(&lines, 0, 111.0, 15.0), Some(TextPos::new(1, 1)), "below, in the next column");
        assert_eq!(line_of(&lines, TextPos::new(0, 4)), Some(1), "a caret at a break starts the next line");
        assert_eq!(line_of(&lines, TextPos::new(0, 6)), Some(1));
        let (_, r) = caret_rect(&lines, TextPos::new(0, 5)).unwrap();
        assert!((r.x - 10.0).abs() < 1e-3 && (r.y - (25.0 - 8.8)).abs() < 1e-3);
        assert_eq!(line_step(&lines, TextPos::new(0, 2), 1, 20.0), Some(TextPos::new(0, 6)));
        assert_eq!(line_step(&lines, TextPos::new(0, 2), -1, 20.0), None);
        let rects = selection_rects(&lines, TextRange::new(TextPos::new(0, 3), TextPos::new(1, 1)));
        assert_eq!(rects.len(), 3);
        assert!((rects[0].1.x - 30.0).abs() < 1e-3 && (rects[0].1.w - 10.0).abs() < 1e-3);
        assert!((rects[2].1.w - 10.0).abs() < 1e-3);
    }
}
