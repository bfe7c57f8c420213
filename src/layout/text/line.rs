//! Line breaking and justification over pieces: greedy first fit with push-in / push-out for
//! 禁则 (rules 11–15), line-end and line-start trimming (17) and priority justification (22).
//! Justified paragraphs choose among these lines as a whole (`fit`).

use super::shape::{Break, ShapedParagraph, prio};
use crate::model::Align;

const EPS: f32 = 0.01;

/// One set line: pieces `start..end` with their boxes, x relative to the line's start.
#[derive(Clone, Debug, PartialEq)]
pub struct SetLine {
    pub start: usize,
    pub end: usize,
    /// Box left of each piece in `start..end`.
    pub xs: Vec<f32>,
    /// Box width of each piece.
    pub ws: Vec<f32>,
    /// The measure the line was set to.
    pub measure: f32,
    /// Rightmost box edge: the measure for justified lines.
    pub right: f32,
}

/// Widths of `start..end` as set on one line: box widths and glue with line-edge trims.
fn line_boxes(para: &ShapedParagraph, start: usize, end: usize, shrunk: bool) -> (Vec<f32>, Vec<f32>) {
    let pieces = &para.pieces;
    let last_ink = (start..end).rev().find(|&k| !pieces[k].is_space()).unwrap_or(start);
    let mut ws = Vec::with_capacity(end - start);
    let mut gs = Vec::with_capacity(end - start);
    for (k, p) in pieces.iter().enumerate().take(end).skip(start) {
        let at_start = k == start && p.trims_at_line_start();
        let edge_trim = (at_start && para.trim_line_start) || (k == last_ink && p.trims_at_line_end());
        // An opening bracket that keeps its width at a line's start never shrinks either: its
        // ink would move into the gutter.
        let w = if k > last_ink && p.is_space() {
            0.0
        } else if at_start && !para.trim_line_start {
            p.natural
        } else if edge_trim || shrunk {
            p.min
        } else {
            p.natural
        };
        ws.push(w);
        gs.push(if k == start {
            0.0
        } else if shrunk {
            p.glue.min
        } else {
            p.glue.natural
        });
    }
    (ws, gs)
}

/// The natural width of `start..end` set as one line (its edge trims made, trailing spaces
/// hanging): what `fit`'s running sums must agree with.
#[cfg(test)]
pub(super) fn line_width(para: &ShapedParagraph, start: usize, end: usize) -> f32 {
    let (ws, gs) = line_boxes(para, start, end, false);
    ws.iter().sum::<f32>() + gs.iter().sum::<f32>()
}

/// Where the line starting at `start` ends, for a measure in pt.
pub fn break_line(para: &ShapedParagraph, start: usize, measure: f32) -> usize {
    let pieces = &para.pieces;
    let n = pieces.len();
    let legal = |end: usize| end >= n || pieces[end].break_before != Break::Never;
    let mut nat = 0.0; // natural width of start..=k, untrimmed end
    let mut min = 0.0;
    let mut trailing_nat = 0.0; // trailing spaces' width
    let mut trailing_min = 0.0;
    let mut any_nat_end = start; // largest end with a natural fit
    let mut legal_nat_end = None;
    let mut push_in_end = None;
    // The furthest legal end that fits only shrunk, and the natural width at the legal end.
    let mut pull_in_end = None;
    let mut legal_nat_width = 0.0;
    let mut saw_ink = false;
    for k in start..n {
        let p = &pieces[k];
        if k > start && p.break_before == Break::Forced {
            return k;
        }
        let head_trim = k == start && para.trim_line_start && p.trims_at_line_start();
        let w_nat = if head_trim { p.min } else { p.natural };
        let g = if k == start { (0.0, 0.0) } else { (p.glue.natural, p.glue.min) };
        if p.is_space() {
            trailing_nat += g.0 + w_nat;
            trailing_min += g.1 + p.min;
            continue;
        }
        saw_ink = true;
        nat += trailing_nat + g.0 + w_nat;
        let keeps_start = k == start && p.trims_at_line_start() && !para.trim_line_start;
        min += trailing_min + g.1 + if keeps_start { w_nat } else { p.min.min(w_nat) };
        trailing_nat = 0.0;
        trailing_min = 0.0;
        let tail_trim = if p.trims_at_line_end() && !head_trim { w_nat - p.min } else { 0.0 };
        let end = k + 1;
        // Spaces right after k hang at the line's end and do not count.
        let mut end_after_spaces = end;
        while end_after_spaces < n && pieces[end_after_spaces].is_space() {
            end_after_spaces += 1;
        }
        let hangs = para.hanging && p.may_hang() && k > start;
        let fits_nat = nat - tail_trim <= measure + EPS || (hangs && nat - w_nat <= measure + EPS);
        let fits_min = min <= measure + EPS;
        if fits_nat {
            any_nat_end = end_after_spaces;
            if legal(end_after_spaces) {
                legal_nat_end = Some(end_after_spaces);
                legal_nat_width = nat - tail_trim;
            }
        } else if fits_min {
            if push_in_end.is_none() && legal(end_after_spaces) && any_nat_end > start && !legal(any_nat_end) {
                push_in_end = Some(end_after_spaces);
            }
            if legal(end_after_spaces) {
                pull_in_end = Some(end_after_spaces);
            }
        } else {
            break;
        }
        if end_after_spaces >= n && fits_nat {
            return n;
        }
    }
    if !saw_ink {
        // Only spaces (or newlines) are left before the paragraph's end or a forced break.
        return (start + 1..n).find(|&k| pieces[k].break_before == Break::Forced).unwrap_or(n);
    }
    if any_nat_end >= n {
        return n;
    }
    if legal_nat_end == Some(any_nat_end) {
        // A word or number that would leave this line loose (half an em or more to spread) is
        // pulled in when shrinking punctuation and Han–Latin space makes room for it.
        let em = pieces[start].size;
        let western = |k: usize| pieces.get(k).is_some_and(|p| !p.class.is_cjk());
        if let Some(end) = pull_in_end
            && measure - legal_nat_width >= em / 2.0
            && western(any_nat_end)
        {
            return end;
        }
        return any_nat_end;
    }
    if let Some(end) = push_in_end {
        return end;
    }
    if let Some(end) = legal_nat_end
        && end > start
    {
        // A number kept with two units (32.6万户) that would leave the line two ems or more
        // loose goes on it as far as its first unit.
        let loose = measure - legal_nat_width >= 2.0 * pieces[start].size;
        if loose && let Some(k) = (end + 1..=any_nat_end.min(n - 1)).rev().find(|&k| pieces[k].loose_break) {
            return k;
        }
        return end;
    }
    // No legal break fits: break inside a kept-together number, name or credit if one fits,
    // else where it fits at all (at least one piece).
    if let Some(k) = (start + 1..=any_nat_end.min(n - 1)).rev().find(|&k| pieces[k].soft_never) {
        return k;
    }
    any_nat_end.max(start + 1).min(n)
}

/// Sets pieces `start..end` to `measure`: shrink by priority, stretch, align.
pub fn set_line(para: &ShapedParagraph, start: usize, end: usize, measure: f32, align: Align, last: bool) -> SetLine {
    if let Some(line) = set_hanging_line(para, start, end, measure, align, last) {
        return line;
    }
    let pieces = &para.pieces;
    let (mut ws, mut gs) = line_boxes(para, start, end, false);
    let (min_ws, min_gs) = line_boxes(para, start, end, true);
    let total = |ws: &[f32], gs: &[f32]| ws.iter().sum::<f32>() + gs.iter().sum::<f32>();
    let mut deficit = total(&ws, &gs) - measure;
    if deficit > EPS {
        // Rule 22: shrink group by group.
        for group in [prio::WORD_SPACE, prio::BRACKET, prio::COMMA, prio::HAN_LATIN, prio::STOP] {
            if deficit <= EPS {
                break;
            }
            let mut avail = 0.0;
            for i in 0..ws.len() {
                let p = &pieces[start + i];
                if group == prio::HAN_LATIN {
                    avail += gs[i] - min_gs[i];
                } else if p.shrink_prio == group {
                    avail += ws[i] - min_ws[i];
                }
            }
            if avail <= 0.0 {
                continue;
            }
            let r = (deficit / avail).min(1.0);
            for i in 0..ws.len() {
                let p = &pieces[start + i];
                if group == prio::HAN_LATIN {
                    gs[i] -= r * (gs[i] - min_gs[i]);
                } else if p.shrink_prio == group {
                    ws[i] -= r * (ws[i] - min_ws[i]);
                }
            }
            deficit -= r * avail;
        }
    }
    let mut extra = vec![0.0; ws.len()];
    let stretch = match align {
        Align::Distribute => true,
        Align::Justify => !last,
        _ => false,
    };
    let last_ink = (start..end).rev().find(|&k| !pieces[k].is_space()).unwrap_or(start) - start;
    if stretch && deficit < -EPS {
        let mut slack = -deficit;
        // Word spaces to ½ em, then Han–Latin glue to ⅓ em.
        for pass in 0..2 {
            let mut avail = 0.0;
            for i in 1..=last_ink {
                let p = &pieces[start + i];
                avail += if pass == 0 { if p.is_space() { p.max - ws[i] } else { 0.0 } } else { p.glue.max - gs[i] };
            }
            if avail <= 0.0 {
                continue;
            }
            let r = (slack / avail).min(1.0);
            for i in 1..=last_ink {
                let p = &pieces[start + i];
                if pass == 0 {
                    if p.is_space() {
                        ws[i] += r * (p.max - ws[i]);
                    }
                } else {
                    gs[i] += r * (p.glue.max - gs[i]);
                }
            }
            slack -= r * avail;
        }
        // Then equal space between all characters that allow it.
        let gaps: Vec<usize> = (1..=last_ink).filter(|&i| pieces[start + i].spacing_before).collect();
        // A Western line (no gap between CJK characters) is justified fully in its word spaces,
        // else in its Han–Latin spaces.
        let spaces: Vec<usize> =
            (1..=last_ink).filter(|&i| pieces[start + i].is_space() && pieces[start + i].max > 0.0).collect();
        let glues: Vec<usize> = (1..=last_ink).filter(|&i| pieces[start + i].glue.max > 0.0).collect();
        if slack > EPS && !gaps.is_empty() {
            let each = slack / gaps.len() as f32;
            for i in gaps {
                extra[i] = each;
            }
        } else if slack > EPS && (!spaces.is_empty() || !glues.is_empty()) {
            let into = if spaces.is_empty() { glues } else { spaces };
            let each = slack / into.len() as f32;
            for i in into {
                extra[i] = each;
            }
        } else if slack > EPS && align == Align::Distribute && last_ink == 0 {
            // A single character spread evenly sits in the middle.
            extra[0] = slack / 2.0;
        }
    }
    let mut xs = Vec::with_capacity(ws.len());
    let mut x = 0.0;
    for i in 0..ws.len() {
        x += gs[i] + extra[i];
        xs.push(x);
        x += ws[i];
    }
    let used = xs.get(last_ink).map_or(0.0, |x| x + ws[last_ink]);
    let shift = match align {
        Align::Right => measure - used,
        Align::Center => (measure - used) / 2.0,
        _ => 0.0,
    };
    if shift != 0.0 {
        for x in &mut xs {
            *x += shift;
        }
    }
    SetLine { start, end, xs, ws, measure, right: used + shift }
}

/// A line whose last mark hangs (rule 18): the rest is set to the measure, the mark after it.
fn set_hanging_line(
    para: &ShapedParagraph,
    start: usize,
    end: usize,
    measure: f32,
    align: Align,
    last: bool,
) -> Option<SetLine> {
    if !para.hanging || end <= start + 1 {
        return None;
    }
    let k = (start..end).rev().find(|&k| !para.pieces[k].is_space())?;
    let mark = &para.pieces[k];
    if !mark.may_hang() || k == start {
        return None;
    }
    let (ws, gs) = line_boxes(para, start, end, false);
    let natural: f32 = ws.iter().sum::<f32>() + gs.iter().sum::<f32>();
    if natural <= measure + EPS {
        return None;
    }
    let mut line = set_line(para, start, k, measure, align, last);
    let x = line.xs.last().zip(line.ws.last()).map_or(0.0, |(x, w)| x + w);
    line.xs.push(x);
    line.ws.push(mark.min);
    for _ in k + 1..end {
        line.xs.push(x + mark.min);
        line.ws.push(0.0);
    }
    line.end = end;
    line.right = x + mark.min;
    Some(line)
}

/// Where to end the line `start..end` so the paragraph's last line is not a lone character
/// (rule 9): when the rest would be one character (plus punctuation), end earlier, so that it
/// holds two.
pub fn avoid_orphan(para: &ShapedParagraph, start: usize, end: usize, next_measure: f32) -> usize {
    let n = para.pieces.len();
    if end >= n || end <= start + 1 {
        return end;
    }
    // Count at most three characters from `from` up to the next forced break: linear in the
    // paragraph, however long it is.
    let chars = |from: usize| {
        let mut count = 0;
        for (k, p) in para.pieces.iter().enumerate().skip(from) {
            if k > from && p.break_before == Break::Forced {
                break;
            }
            if !p.is_space() && !p.class.is_cjk_punct() {
                count += 1;
                if count > 2 {
                    break;
                }
            }
        }
        count
    };
    if chars(end) != 1 {
        return end;
    }
    let forced = (end + 1..n).find(|&k| para.pieces[k].break_before == Break::Forced).unwrap_or(n);
    if break_line(para, end, next_measure) < forced {
        return end;
    }
    // The latest earlier legal break that leaves at least two pieces on this line and at least
    // two characters, still on one line, for the last (a mark pulled down alone would leave the
    // last line one character plus punctuation again).
    (start + 2..end)
        .rev()
        .find(|&k| {
            para.pieces[k].break_before != Break::Never && chars(k) >= 2 && break_line(para, k, next_measure) >= forced
        })
        .unwrap_or(end)
}

/// Breaks a whole paragraph at one measure (first line shortened by `indent`), for tests,
/// `check` and single-frame callers.
pub fn compose_paragraph(para: &ShapedParagraph, measure: f32, indent: f32, align: Align) -> Vec<SetLine> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut planner = super::fit::Planner::default();
    while start < para.pieces.len() {
        let m = if start == 0 { measure - indent } else { measure };
        let end = if align == Align::Justify {
            planner.end(para, start, m, measure)
        } else {
            avoid_orphan(para, start, break_line(para, start, m), measure)
        };
        let last = end >= para.pieces.len() || para.pieces[end].break_before == Break::Forced;
        lines.push(set_line(para, start, end, m, align, last));
        start = end;
    }
    lines
}
