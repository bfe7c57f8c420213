//! Between pieces: the Han–Latin glue (rule 21) and where a line may break (UAX #14 plus 禁则,
//! rules 11–14), with the bonds that keep numbers with their units, ranges, URLs, transliterated
//! names and short credits together (issue 11).

use unicode_linebreak::BreakOpportunity;

use super::class::{
    Class, classify, is_chinese_unit, is_digit, is_paired_mark, is_range_connector, is_unit_sign, may_end_line,
    may_start_line, wants_han_latin_space,
};
use super::shape::{Break, Glue, Piece, ShapedParagraph, prio};
use crate::model::{Kinsoku, ParagraphStyle};

/// How a piece hangs on to its neighbours beyond 禁则 (issue 11): unit signs and Chinese units
/// after a number, range connectors between numbers, URLs, transliterated names, credits.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Bond {
    /// No break, no Han–Latin space and no justification gap before this piece.
    attach_before: bool,
    /// No break and no Han–Latin space after this piece.
    attach_after: bool,
    /// No break before this piece (Han–Latin space and justification as usual).
    keep_before: bool,
    /// `keep_before` only as the second of a number's two Chinese units.
    second_unit: bool,
    /// Inside a URL: `Some(true)` where a line may break before this piece, `Some(false)` where not.
    url_break: Option<bool>,
}

/// The bonds of each piece of a paragraph.
fn bonds(style: &ParagraphStyle, out: &ShapedParagraph) -> Vec<Bond> {
    let pieces = &out.pieces;
    let n = pieces.len();
    let mut bonds = vec![Bond::default(); n];
    let text = &out.text;
    let last = |p: &Piece| last_char(text, p);
    // The ink piece before `i`, over at most one typed space.
    let prev_ink = |i: usize| -> Option<usize> {
        let j = i.checked_sub(1)?;
        if pieces[j].is_space() { j.checked_sub(1).filter(|&k| !pieces[k].is_space()) } else { Some(j) }
    };
    let numeric = |p: &Piece| is_digit(last(p)) || is_unit_sign(last(p));
    let keep_units = style.keep_units && style.kinsoku != Kinsoku::None;
    let mut units_run = 0;
    for i in 0..n {
        let c = pieces[i].first;
        let Some(j) = prev_ink(i) else { continue };
        let pj = &pieces[j];
        if is_unit_sign(c) && is_digit(last(pj)) {
            bonds[i].attach_before = true;
        }
        if is_range_connector(c) && !is_paired_mark(c, pieces.get(i + 1).map_or(' ', |p| p.first)) && numeric(pj) {
            let next_digit = pieces.get(i + 1).is_some_and(|p| is_digit(p.first));
            if next_digit || c != '—' {
                bonds[i].attach_before = true;
                if next_digit {
                    bonds[i].attach_after = true;
                }
            }
        }
        // 1000万元, 12月, 3个月: a number keeps its Chinese unit (two at most).
        if keep_units && is_chinese_unit(c) && j + 1 == i {
            if numeric(pj) {
                bonds[i].keep_before = true;
                units_run = 1;
            } else if units_run == 1 && bonds[j].keep_before && is_chinese_unit(pj.first) {
                bonds[i].keep_before = true;
                bonds[i].second_unit = true;
                units_run = 2;
            } else {
                units_run = 0;
            }
        } else {
            units_run = 0;
        }
        // 李·安德森: never break at the 间隔号.
        if pieces[i].class == Class::MiddleDot && pj.class == Class::Han {
            bonds[i].keep_before = true;
            if let Some(b) = bonds.get_mut(i + 1) {
                b.keep_before = true;
            }
        }
    }
    // A short parenthesised credit or note (（本报记者）, （图）) never breaks inside.
    for i in 0..n {
        if pieces[i].first != '（' {
            continue;
        }
        let close = (i + 1..n.min(i + 9)).find(|&k| pieces[k].first == '）');
        if let Some(k) = close
            && k > i + 1
        {
            for b in &mut bonds[i + 1..=k] {
                b.keep_before = true;
            }
        } else if text[pieces[i].text.end..].starts_with("本报") {
            // （本报记者 张三 摄）: the credit word stays whole.
            let word = ["本报记者", "本报通讯员", "本报讯"].iter().find(|w| text[pieces[i].text.end..].starts_with(*w));
            if let Some(w) = word {
                let len = w.chars().count();
                for b in bonds.iter_mut().skip(i + 1).take(len) {
                    b.keep_before = true;
                }
            }
        }
    }
    // URLs: break after / or before . only.
    let mut at = 0;
    let mut starts: Vec<usize> =
        ["https://", "http://", "www."].iter().flat_map(|p| text.match_indices(p).map(|(k, _)| k)).collect();
    starts.sort_unstable();
    for start in starts {
        if start < at {
            continue;
        }
        let end = text[start..]
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() || classify(c).is_cjk() || !c.is_ascii())
            .map_or(text.len(), |(k, _)| start + k);
        let url = &text[start..end];
        let end = start + url.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']).len();
        // Pieces are in text order: only those inside the URL are visited.
        let from = pieces.partition_point(|p| p.text.start <= start);
        for i in from..n {
            let r = &pieces[i].text;
            if r.start >= end {
                break;
            }
            let before = text[..r.start].chars().next_back().unwrap_or(' ');
            let here = pieces[i].first;
            let ok = (before == '/' && here != '/') || (here == '.' && before != '.');
            bonds[i].url_break = Some(ok);
        }
        at = end.max(start + 1);
    }
    bonds
}

/// Han–Latin glue (rule 21; a typed space between them becomes that glue), and where lines may
/// break: UAX #14 for Western text, 禁则 for everything touching CJK.
pub(super) fn add_glue_and_breaks(style: &ParagraphStyle, out: &mut ShapedParagraph) {
    let bonds = bonds(style, out);
    let text = &out.text;
    let mut uax = vec![false; text.len() + 1];
    for (at, op) in unicode_linebreak::linebreaks(text) {
        if at <= text.len() {
            uax[at] = matches!(op, BreakOpportunity::Allowed | BreakOpportunity::Mandatory);
        }
    }
    let pieces = &mut out.pieces;
    let level = style.kinsoku;
    // Opening and closing marks (Chinese, or Western quotes set narrow) keep to their character.
    let opening = |p: &Piece| p.class == Class::Open || matches!(p.first, '‘' | '“' | '(' | '[');
    let closing = |p: &Piece| p.class == Class::Close || matches!(p.first, '’' | '”' | ')' | ']');
    for i in 1..pieces.len() {
        let (a, b) = (&pieces[i - 1], &pieces[i]);
        let bonded = bonds[i].attach_before || bonds[i - 1].attach_after;
        let kinsoku_ok = if is_paired_mark(a.first, b.first) {
            false
        } else if level == Kinsoku::None && (a.class.is_cjk() || b.class.is_cjk()) {
            true
        } else if !may_start_line(b.first, level) || !may_end_line(last_char(text, a), level) {
            false
        } else if a.class.is_cjk() || b.class.is_cjk() {
            // Spaces break before themselves only in Western text.
            !b.is_space()
        } else {
            uax[b.text.start]
        };
        let kept = bonded || bonds[i].keep_before;
        let allowed = bonds[i].url_break.unwrap_or(kinsoku_ok && !kept);
        let spacing = (a.class.is_cjk() || b.class.is_cjk())
            && !is_paired_mark(a.first, b.first)
            && !bonded
            && !opening(a)
            && !closing(b)
            // 6.8%，: nothing opens between a Western character and the Chinese mark after it.
            && (a.class.is_cjk() || !b.class.is_cjk_punct());
        let b = &mut pieces[i];
        b.attached = bonds[i].attach_before && b.class.is_cjk();
        b.soft_never = kept && kinsoku_ok && bonds[i].url_break.is_none();
        b.loose_break = b.soft_never && !bonded && bonds[i].second_unit;
        if b.break_before != Break::Forced {
            b.break_before = if allowed { Break::Allowed } else { Break::Never };
        }
        b.spacing_before = spacing;
    }
    if let Some(first) = pieces.first_mut() {
        first.break_before = Break::Allowed;
    }
    // A typed space between a Western character and a Chinese mark, or between a number and its
    // unit sign, takes no width (no Han–Latin space goes there).
    for i in 1..pieces.len().saturating_sub(1) {
        if !pieces[i].is_space() || pieces[i].first == '\n' {
            continue;
        }
        let (a, b) = (&pieces[i - 1], &pieces[i + 1]);
        let western = |p: &Piece| p.class == Class::Latin;
        let mark = |p: &Piece| p.class.is_cjk_punct();
        if (western(a) && mark(b)) || (mark(a) && western(b)) || bonds[i + 1].attach_before {
            let space = &mut pieces[i];
            space.natural = 0.0;
            space.min = 0.0;
            space.max = 0.0;
            space.shrink_prio = prio::NONE;
            if bonds[i + 1].attach_before {
                pieces[i + 1].break_before = Break::Never;
                pieces[i].break_before = Break::Never;
            }
        }
    }
    // Han–Latin spacing.
    let hl = style.han_latin_space;
    if hl > 0.0 {
        for i in 1..pieces.len() {
            let prev = &pieces[i - 1];
            let (left, typed_space) = if prev.is_space() && i >= 2 { (&pieces[i - 2], true) } else { (prev, false) };
            let left_at = if typed_space { i - 2 } else { i - 1 };
            // A Western sentence mark typed in Chinese text (到位,分级) takes no space either side:
            // the space is for Western letters and figures.
            let western_side = if left.class == Class::Latin { last_char(text, left) } else { pieces[i].first };
            if !wants_han_latin_space(left.class, pieces[i].class)
                || matches!(western_side, ',' | '.' | ';' | ':' | '!' | '?')
                || bonds[i].attach_before
                || bonds[left_at].attach_after
            {
                continue;
            }
            let em = pieces[i].size.max(left.size);
            if typed_space {
                let space = &mut pieces[i - 1];
                space.natural = 0.0;
                space.min = 0.0;
                space.max = 0.0;
                space.shrink_prio = prio::NONE;
            }
            let p = &mut pieces[i];
            p.glue = Glue { natural: hl * em, min: (em / 8.0).min(hl * em), max: (em / 3.0).max(hl * em) };
            p.spacing_before = true;
        }
    }
}

fn last_char(text: &str, p: &Piece) -> char {
    text[p.text.clone()].chars().next_back().unwrap_or(p.first)
}
