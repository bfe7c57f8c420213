//! Breaking a paragraph as a whole (issue 11, defect 10). The greedy breaker (`line`) fills
//! each line as far as it goes; before a number or word that cannot be split, that can leave a
//! line far short of the measure, spread into wide gaps between Han characters. Here the
//! paragraph's breaks are chosen together: among the lines the greedy breaker would allow (no
//! line goes further than it would, so no rule of its is broken), the choice with the fewest
//! lines whose gaps are smallest — a loose line gives characters to the lines above it.

use std::collections::HashMap;

use super::line::{avoid_orphan, break_line};
use super::shape::{Break, ShapedParagraph};

/// Past this many pieces from its start a paragraph is broken greedily (linear, whatever the
/// length; pasted copy with no breaks can be 200 000 characters).
const MAX_PIECES: usize = 4000;
/// What one more line costs: more than any spacing it could save.
const LINE_COST: f32 = 1.0e6;
/// A paragraph's last line ends on a lone character (rule 9).
const ORPHAN_COST: f32 = 1.0e5;
/// The looseness a line may have before its paragraph is broken as a whole (gaps of 0.05 em).
const TOLERATED: f32 = 25.0;
/// A line is never made shorter than its measure by more than this many ems to help another.
const MAX_GIVE_EM: f32 = 3.0;

/// The ends chosen for a paragraph's lines at one column width, kept while the flow follows
/// them: by line start, the measure assumed and the end.
#[derive(Default)]
pub struct Planner {
    extent: f32,
    next: HashMap<usize, (f32, usize)>,
    /// The paragraph is too long to plan: it is broken greedily.
    greedy: bool,
}

impl Planner {
    /// The end of the line from `start` at `measure`, in a column `extent` wide (the lines after
    /// it at `extent`): the planned one when the flow is still on the plan, else a new plan's
    /// from here.
    pub fn end(&mut self, para: &ShapedParagraph, start: usize, measure: f32, extent: f32) -> usize {
        let greedy = || avoid_orphan(para, start, break_line(para, start, measure), extent);
        if self.greedy {
            return greedy();
        }
        if (self.extent - extent).abs() < 0.01
            && let Some(&(m, end)) = self.next.get(&start)
            && (m - measure).abs() < 0.01
        {
            return end;
        }
        let Some(ends) = plan(para, start, measure, extent) else {
            self.greedy = true;
            return greedy();
        };
        self.extent = extent;
        self.next.clear();
        let mut s = start;
        for &e in &ends {
            self.next.insert(s, (if s == start { measure } else { extent }, e));
            s = e;
        }
        ends.first().copied().unwrap_or_else(greedy)
    }
}

/// The ends of the lines from `start` to the paragraph's next forced break or its end: the first
/// line at `first`, the others at `measure`; `None` when that is more than `MAX_PIECES`.
pub fn plan(para: &ShapedParagraph, start: usize, first: f32, measure: f32) -> Option<Vec<usize>> {
    let pieces = &para.pieces;
    let n = pieces.len();
    let window = n.min(start + MAX_PIECES + 1);
    let stop = (start + 1..window).find(|&k| pieces[k].break_before == Break::Forced).unwrap_or(window);
    if stop < n && pieces[stop].break_before != Break::Forced {
        return None;
    }
    let em = pieces[start].size.max(1.0);
    let widths = Widths::new(para, start, stop);
    let line_measure = |s: usize| if s == start { first } else { measure };
    // Most paragraphs break well greedily: they keep those breaks.
    let mut greedy = Vec::new();
    let mut s = start;
    while s < stop {
        let e = avoid_orphan(para, s, break_line(para, s, line_measure(s)), measure).clamp(s + 1, stop);
        greedy.push((s, e));
        s = e;
    }
    let loose = greedy.iter().any(|&(s, e)| e < stop && widths.looseness(s, e, line_measure(s), em) > TOLERATED);
    if !loose {
        return Some(greedy.into_iter().map(|(_, e)| e).collect());
    }
    let mut best: Vec<Option<(f32, usize)>> = vec![None; stop + 1];
    best[start] = Some((0.0, start));
    for s in start..stop {
        let Some((cost, _)) = best[s] else { continue };
        let m = line_measure(s);
        let furthest = break_line(para, s, m).min(stop);
        if furthest <= s {
            continue;
        }
        let mut relax = |e: usize, line: f32| {
            let total = cost + LINE_COST + line;
            // Ties keep the greedy (later) break: candidates are tried from the furthest down.
            if best[e].is_none_or(|(c, _)| total < c - 0.5) {
                best[e] = Some((total, s));
            }
        };
        if furthest >= stop {
            relax(stop, if orphan(para, s, stop) && s > start { ORPHAN_COST } else { 0.0 });
        } else {
            relax(furthest, widths.looseness(s, furthest, m, em));
        }
        for e in (s + 1..furthest).rev() {
            if pieces[e].break_before == Break::Never || pieces[e].is_space() {
                continue;
            }
            if m - widths.width(s, e) > MAX_GIVE_EM * em {
                break;
            }
            relax(e, widths.looseness(s, e, m, em));
        }
    }
    let mut ends = Vec::new();
    let mut e = stop;
    while e > start {
        let Some((_, s)) = best[e] else { break };
        ends.push(e);
        e = s;
    }
    if e != start {
        return Some(greedy.into_iter().map(|(_, e)| e).collect());
    }
    ends.reverse();
    Some(ends)
}

/// Natural widths of lines of one stretch of a paragraph, from running sums.
struct Widths<'a> {
    para: &'a ShapedParagraph,
    start: usize,
    /// Width of pieces `start..k` with the glue before each (sum to `k`).
    sum: Vec<f32>,
    /// How many pieces of `start..k` are not spaces.
    ink: Vec<u32>,
}

impl<'a> Widths<'a> {
    fn new(para: &'a ShapedParagraph, start: usize, stop: usize) -> Widths<'a> {
        let (mut sum, mut ink) = (vec![0.0], vec![0]);
        for p in &para.pieces[start..stop] {
            sum.push(sum[sum.len() - 1] + p.natural + p.glue.natural);
            ink.push(ink[ink.len() - 1] + u32::from(!p.is_space()));
        }
        Widths { para, start, sum, ink }
    }

    /// The natural width of `s..e` set as a line, as `line::line_width` gives it: no glue
    /// before its first piece, trailing spaces hanging, a mark at either edge trimmed.
    fn width(&self, s: usize, e: usize) -> f32 {
        let pieces = &self.para.pieces;
        let last_ink = (s..e).rev().find(|&k| !pieces[k].is_space()).unwrap_or(s);
        let (i, j) = (s - self.start, last_ink + 1 - self.start);
        let mut w = self.sum[j] - self.sum[i] - pieces[s].glue.natural;
        let (first, last) = (&pieces[s], &pieces[last_ink]);
        if last.trims_at_line_end() {
            w -= last.natural - last.min;
        }
        if self.para.trim_line_start && first.trims_at_line_start() && last_ink != s {
            w -= first.natural - first.min;
        }
        w
    }

    /// How loose the line `s..e` is at measure `m`: its spare space per gap between its pieces,
    /// in ems, squared (and scaled), so one very loose line costs more than two slightly loose.
    fn looseness(&self, s: usize, e: usize, m: f32, em: f32) -> f32 {
        let spare = (m - self.width(s, e)).max(0.0);
        let gaps = (self.ink[e - self.start] - self.ink[s - self.start]).saturating_sub(1).max(1) as f32;
        (100.0 * spare / em / gaps).powi(2)
    }
}

/// Whether `s..e`, a paragraph's last line, is one character (with its punctuation).
fn orphan(para: &ShapedParagraph, s: usize, e: usize) -> bool {
    para.pieces[s..e].iter().filter(|p| !p.is_space() && !p.class.is_cjk_punct()).count() < 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::text::line::line_width;
    use crate::layout::text::shape::{StyledRun, shape_paragraph};
    use crate::model::ParagraphStyle;

    #[test]
    fn running_widths_agree_with_the_line_setter() {
        let book = crate::FontBook::bundled().expect("fonts");
        let style = ParagraphStyle::default();
        let text = "（本报讯）记者从省发展改革委获悉，2026年一季度GDP增长6.8%，the service is “open”。今天 上午10点";
        let runs = [StyledRun { text, family: &style.font_family, bold: false, size: 10.5, color: style.color }];
        let para = shape_paragraph(&book, &style, &runs);
        let n = para.pieces.len();
        let widths = Widths::new(&para, 0, n);
        for s in 0..n {
            for e in s + 1..=n {
                if e < n && para.pieces[e].is_space() {
                    continue;
                }
                let (fast, set) = (widths.width(s, e), line_width(&para, s, e));
                assert!((fast - set).abs() < 0.01, "{s}..{e}: {fast} vs {set}");
            }
        }
    }
}
