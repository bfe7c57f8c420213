//! The return to the character grid (rule 7) in a grid frame: after a Western run the next Han
//! character starts on a whole em again, and the spare space that leaves is shared out around
//! the run rather than dumped on one side of it.

use super::class::Class;
use super::shape::{Piece, ShapedParagraph};

/// On a character grid (rule 7): after a Western run (with its Han–Latin space) the next Han
/// character goes back onto the em grid. The spare space is shared: split evenly between the
/// Han–Latin spaces on both sides of the run (or put into the run's word spaces); a run that
/// overshoots by a quarter em or less takes it back from both sides evenly; beside a Chinese
/// mark the mark's blank half takes up the overshoot, helped by the space on the run's other
/// side (down to ⅛ em) when it is not enough alone.
pub fn snap_to_grid(out: &mut ShapedParagraph, em: f32) {
    let n = out.pieces.len();
    let mut i = 0;
    while i < n {
        if out.pieces[i].class.is_cjk() {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && (!out.pieces[i].class.is_cjk() || out.pieces[i].attached) {
            i += 1;
        }
        if i >= n || start == 0 {
            continue;
        }
        let pieces = &mut out.pieces;
        // Width from the end of the Han before the run to the start of the Han after it.
        let span: f32 =
            pieces[start..i].iter().map(|p| p.glue.natural + p.natural).sum::<f32>() + pieces[i].glue.natural;
        let over = span.rem_euclid(em);
        if over < 0.001 || em - over < 0.001 {
            continue;
        }
        // Beside a Chinese mark (，2026年 or 增长23%。) the mark's blank half takes up the
        // overshoot: no space is added at all.
        let give = |p: &Piece| if p.class.is_cjk_punct() { p.natural - p.min } else { 0.0 };
        if give(&pieces[i]) >= over - 0.001 && pieces[i].glue.natural == 0.0 {
            pieces[i].natural -= over;
            continue;
        }
        if give(&pieces[start - 1]) >= over - 0.001 && pieces[start].glue.natural == 0.0 {
            pieces[start - 1].natural -= over;
            continue;
        }
        let first_ink = (start..i).find(|&k| !pieces[k].is_space()).unwrap_or(start);
        let before = pieces[first_ink].glue.natural > 0.0;
        // After a unit sign set with its number (12～18℃之间) the space may go too.
        let after = pieces[i].glue.natural > 0.0 || (pieces[i - 1].attached && pieces[i].class == Class::Han);
        // Shares of the spare space: before the run, after it.
        let (wb, wa) = match (before, after) {
            (true, true) => (0.5, 0.5),
            (true, false) => (1.0, 0.0),
            _ => (0.0, 1.0),
        };
        let add = |pieces: &mut [Piece], k: usize, d: f32| {
            let g = &mut pieces[k].glue;
            g.natural = (g.natural + d).max(0.0);
            g.max = (g.max + d).max(g.natural);
            // Space the grid adds may shrink back on a tight line; space it takes never
            // leaves less than ⅛ em to shrink to (the Han–Latin floor).
            g.min = (g.min + d.min(0.0)).max(em / 8.0).min(g.natural);
        };
        let floor = em / 8.0;
        // Beside a mark whose blank half is not enough alone (到8.6%，), the Han–Latin space on
        // the run's other side gives the rest, down to ⅛ em: nearer ¼ em than adding the rest of
        // a grid cell would leave it.
        let mark_side = if pieces[i].glue.natural == 0.0 && give(&pieces[i]) > 0.0 {
            Some((i, first_ink))
        } else if pieces[start].glue.natural == 0.0 && give(&pieces[start - 1]) > 0.0 {
            Some((start - 1, i))
        } else {
            None
        };
        if let Some((mark, spaced)) = mark_side {
            let rest = over - give(&pieces[mark]);
            let glue = pieces[spaced].glue.natural;
            if glue > 0.0 && glue - rest >= floor - 0.001 && rest < em - over {
                pieces[mark].natural = pieces[mark].min;
                add(pieces, spaced, -rest);
                continue;
            }
        }
        // Both sides end up with the same space: the total, shared by the weights.
        let (gb, ga) = (pieces[first_ink].glue.natural, pieces[i].glue.natural);
        let shrunk = gb + ga - over;
        if over <= em / 4.0 + 0.001 && (wb == 0.0 || shrunk * wb >= floor) && (wa == 0.0 || shrunk * wa >= floor) {
            add(pieces, first_ink, shrunk * wb - gb);
            add(pieces, i, shrunk * wa - ga);
            continue;
        }
        let d = em - over;
        let spaces: Vec<usize> =
            (first_ink + 1..i).filter(|&k| pieces[k].is_space() && pieces[k].natural > 0.0).collect();
        if !spaces.is_empty() && (start..i).all(|k| pieces[k].first != '\n') {
            let each = d / spaces.len() as f32;
            for k in spaces {
                let p = &mut pieces[k];
                p.natural += each;
                p.max += each;
                p.min = p.min.min(p.natural);
            }
        } else {
            let grown = gb + ga + d;
            add(pieces, first_ink, grown * wb - gb);
            add(pieces, i, grown * wa - ga);
        }
    }
}
