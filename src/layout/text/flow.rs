//! A story flowing through its chain of frames, column by column, line by line.
//!
//! Lines are broken one at a time at the measure of the column they land in, so a story can
//! thread through frames of different widths. The result is glyph runs in page coordinates and
//! a report per frame (lines, overset characters, missing glyphs).

use super::line::{SetLine, avoid_orphan, break_line, set_line};
pub use super::place::{line_text, place_line};
use super::place::{piece_char_offsets, place_line_vertical};
use super::shape::{Break, ShapedParagraph};
pub use super::wrap::Obstacle;
use super::wrap::{BELOW_OBSTACLE, Span, free_span};
use crate::fonts::FontBook;
use crate::layout::frame::{CaretLine, ElementReport, GlyphRun, LineInfo};
use crate::model::{Align, Paragraph, StyleSheet, VAlign};
use crate::units::Rect;

/// Where a CJK em box's baseline sits below its top, in em (ideographic box: 0.88 / 0.12).
pub const EM_ASCENT: f32 = 0.88;
pub const EM_DESCENT: f32 = 0.12;

/// A text frame as the flow sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowFrame {
    pub element: String,
    /// Vertical text: lines top to bottom, right to left; one column.
    pub vertical: bool,
    /// Balance the columns if the story ends here (rule 10).
    pub balance: bool,
    /// The body line grid lines snap to (rules 2, 6, 7), and whose body em Han characters
    /// keep to across the line.
    pub grid: Option<crate::layout::grid::LineGrid>,
    /// The text area (frame less inset).
    pub area: Rect,
    pub columns: u32,
    pub column_gap: f32,
    pub valign: VAlign,
    /// Depth kept free at the head of the first column and at the foot of the last (a jump
    /// line's strip: it takes a line of its own column only).
    pub reserve: (f32, f32),
    /// Areas kept free of text (elements above the frame with text wrap, grown by their
    /// offsets) and which side of them a line takes.
    pub obstacles: Vec<Obstacle>,
}

impl FlowFrame {
    /// The frame's columns, less the strips kept for jump lines.
    pub fn column_rects(&self) -> Vec<Rect> {
        if self.vertical {
            return vec![self.area];
        }
        let mut cols = self.area.columns(self.columns, self.column_gap);
        let (head, foot) = self.reserve;
        let last = cols.len() - 1;
        cols[0].y += head;
        cols[0].h -= head;
        cols[last].h -= foot;
        cols.iter_mut().for_each(|c| c.h = c.h.max(0.0));
        cols
    }
}

/// The columns of a text frame's text area (vertical text is set in one).
pub fn text_columns(area: Rect, columns: u32, gap: f32, vertical: bool) -> Vec<Rect> {
    area.columns(if vertical { 1 } else { columns }, gap)
}

/// What one frame of the chain received.
#[derive(Clone, Debug, Default)]
pub struct FramedText {
    pub runs: Vec<GlyphRun>,
    pub lines: Vec<LineInfo>,
    /// Where the caret can stand on each line set from the story (not on jump lines).
    pub carets: Vec<CaretLine>,
    pub report: ElementReport,
}

struct Cursor {
    frame: usize,
    column: usize,
    /// Lines set in the current column.
    lines_here: usize,
    /// How far into the column the last line's baseline lies (None: column empty).
    last_baseline: Option<f32>,
    /// How far into the column the last line's em box reaches.
    last_bottom: f32,
    /// Set when a line went below a wrap obstacle: how far into the column the next line's top
    /// must lie (past the obstacle's foot, so the flow always moves on).
    below: Option<f32>,
}

/// Flows `paragraphs` through `frames`; returns one `FramedText` per frame. Where the story
/// ends in a frame that balances its columns, it is flowed again with fewer lines per column.
pub fn flow_story(
    book: &FontBook,
    styles: &StyleSheet,
    paragraphs: &[Paragraph],
    frames: &[FlowFrame],
) -> Vec<FramedText> {
    let first = flow_with_caps(book, styles, paragraphs, frames, &vec![None; frames.len()]);
    let Some((f, frame)) = frames.iter().enumerate().rev().find(|(f, _)| first[*f].report.lines > 0) else {
        return first;
    };
    let ncols = frame.column_rects().len();
    if !frame.balance || ncols < 2 || first.iter().any(|t| t.report.overset_chars > 0) {
        return first;
    }
    let lines = first[f].report.lines;
    let mut caps = vec![None; frames.len()];
    for cap in lines.div_ceil(ncols)..lines {
        caps[f] = Some(cap);
        let balanced = flow_with_caps(book, styles, paragraphs, frames, &caps);
        if balanced.iter().all(|t| t.report.overset_chars == 0) {
            return balanced;
        }
    }
    first
}

fn flow_with_caps(
    book: &FontBook,
    styles: &StyleSheet,
    paragraphs: &[Paragraph],
    frames: &[FlowFrame],
    caps: &[Option<usize>],
) -> Vec<FramedText> {
    let mut out: Vec<FramedText> = frames
        .iter()
        .map(|f| FramedText {
            runs: Vec::new(),
            lines: Vec::new(),
            carets: Vec::new(),
            report: ElementReport { element: f.element.clone(), kind: "text", ..Default::default() },
        })
        .collect();
    let columns: Vec<Vec<Rect>> = frames.iter().map(|f| f.column_rects()).collect();
    // Per frame, per column: the runs set there (for vertical alignment afterwards).
    let mut column_runs: Vec<Vec<Vec<GlyphRun>>> = columns.iter().map(|c| vec![Vec::new(); c.len()]).collect();
    let mut column_lines: Vec<Vec<Vec<LineInfo>>> = columns.iter().map(|c| vec![Vec::new(); c.len()]).collect();
    let mut column_carets: Vec<Vec<Vec<CaretLine>>> = columns.iter().map(|c| vec![Vec::new(); c.len()]).collect();
    // Per frame, per column: how deep its last line reaches (copyfit counts the slots below).
    let mut column_depth: Vec<Vec<Option<f32>>> = columns.iter().map(|c| vec![None; c.len()]).collect();
    let mut cur = Cursor { frame: 0, column: 0, lines_here: 0, last_baseline: None, last_bottom: 0.0, below: None };
    let mut overset = 0usize;
    let mut prev_space_after = 0.0;
    let mut missing: Vec<char> = Vec::new();
    let mut missing_fonts: Vec<String> = Vec::new();
    // The body size and pitch of the last paragraph (copyfit of the empty lines after it).
    let (mut body_size, mut body_pitch) = (10.5f32, 15.75f32);
    // The size of the last line set (a heading's, when a paragraph follows it).
    let mut last_size = 0.0f32;

    for (para_index, para) in paragraphs.iter().enumerate() {
        let vertical = frames.first().is_some_and(|f| f.vertical);
        let grid_em = frames.first().and_then(|f| f.grid).map(|g| g.body);
        let (style, shaped) = super::shape_model_paragraph(book, styles, para, vertical, grid_em);
        for c in &shaped.missing {
            if !missing.contains(c) {
                missing.push(*c);
            }
        }
        for f in &shaped.missing_fonts {
            if !missing_fonts.contains(f) {
                missing_fonts.push(f.clone());
            }
        }
        if cur.frame >= frames.len() {
            overset += count_chars(&shaped, 0);
            continue;
        }
        keep_heading_with_next(styles, paragraphs, para_index, &style, &shaped, &columns, caps, &mut cur);
        let n = shaped.pieces.len();
        let piece_chars = piece_char_offsets(&shaped);
        let mut start = 0;
        let mut first_line = true;
        // Justified text is broken paragraph-wide where the measure stays the column's.
        let mut planner = super::fit::Planner::default();
        // An empty paragraph still takes a line.
        loop {
            if cur.frame >= frames.len() {
                overset += count_chars(&shaped, start);
                break;
            }
            let col = columns[cur.frame][cur.column];
            let vertical = frames[cur.frame].vertical;
            // Along the line (measure) and across lines (depth): swapped for vertical text.
            let (extent, depth) = if vertical { (col.h, col.w) } else { (col.w, col.h) };
            let indent = if first_line { (style.indent * style.size).clamp(0.0, extent / 2.0) } else { 0.0 };
            let measure = (extent - indent).max(style.size);
            let plain = style.align == Align::Justify && frames[cur.frame].obstacles.is_empty();
            let end = if n == 0 {
                0
            } else if plain {
                planner.end(&shaped, start, measure, extent.max(style.size))
            } else {
                avoid_orphan(&shaped, start, break_line(&shaped, start, measure), extent)
            };
            let size = line_size(&shaped, start, end, style.size);
            let pitch = style.leading * (size / style.size).max(1.0);
            // How far into the column the line's baseline (its centre, in vertical text) lies.
            let (lead_in, lead_out) =
                if vertical { (size / 2.0, size / 2.0) } else { (EM_ASCENT * size, EM_DESCENT * size) };
            let mut offset = match cur.last_baseline {
                None => lead_in,
                Some(b) => {
                    let gap = if first_line { prev_space_after + style.space_before } else { 0.0 };
                    let on_grid = frames[cur.frame].grid.is_some() && !vertical;
                    if on_grid && first_line && last_size > size * 1.05 {
                        // After a heading on a grid: its descent, the space after it and this
                        // line's ascent with a quarter em between, so that the heading takes
                        // whole body lines once, not its pitch rounded up and then this one.
                        let step = EM_DESCENT * last_size + EM_ASCENT * size + size / 4.0;
                        b + step.min(pitch) + gap
                    } else {
                        b + pitch + gap
                    }
                }
            };
            // Below a wrap obstacle: strictly past its foot, however the pitch and the grid fall.
            if let Some(top) = cur.below
                && offset - lead_in < top
            {
                offset = top + lead_in;
            }
            // On a line grid every line sits on a whole body line (headings take several).
            if let Some(grid) = frames[cur.frame].grid.filter(|_| !vertical) {
                offset = grid.at_or_below(col.y + offset) - col.y;
            }
            let full = caps[cur.frame].is_some_and(|cap| cur.lines_here >= cap);
            if full || offset + lead_out > depth + 0.01 {
                // The line goes to the next column (re-broken at that column's measure).
                advance_column(&mut cur, &columns);
                continue;
            }
            // Text wrap: the line is set in the free span beside the obstacles, or goes on below
            // them (the jump is no justification space: the line starts afresh there).
            let (mut end, mut measure, mut span) = (end, measure, (col.x, col.w));
            // A grid frame's line in a wrapped span: set on the character grid.
            let mut grid_span = None;
            let obstacles = &frames[cur.frame].obstacles;
            if !vertical && !obstacles.is_empty() {
                let em = frames[cur.frame].grid.map(|g| g.body);
                match free_span(&col, col.y + offset - lead_in, col.y + offset + lead_out, obstacles, em, style.size) {
                    Span::Whole => {}
                    Span::Part(x, w) => {
                        span = (x, w);
                        measure = (w - indent).max(style.size);
                        end = if n == 0 {
                            0
                        } else {
                            avoid_orphan(&shaped, start, break_line(&shaped, start, measure), w)
                        };
                        grid_span = em.map(|em| (em, (x + indent - col.x).rem_euclid(em)));
                    }
                    Span::Below(y) => {
                        let gap = if first_line && cur.last_baseline.is_some() {
                            prev_space_after + style.space_before
                        } else {
                            0.0
                        };
                        // The next line's top at the obstacle's foot (a hair past it).
                        cur.last_baseline = Some(y - col.y + lead_in - pitch - gap);
                        cur.last_bottom = y - col.y;
                        cur.below = Some(y - col.y + BELOW_OBSTACLE);
                        continue;
                    }
                }
            }
            let last = end >= n || shaped.pieces[end].break_before == Break::Forced;
            let align = if last && style.align == Align::Justify { Align::Left } else { style.align };
            let baseline = if vertical { col.right() - offset } else { col.y + offset };
            let line_start = if vertical { col.y + indent } else { span.0 + indent };
            let mut caret = CaretLine {
                element: frames[cur.frame].element.clone(),
                paragraph: para_index,
                stops: vec![(0, line_start)],
                column: if vertical { (col.y, col.bottom()) } else { (span.0, span.0 + span.1) },
                vertical,
                cross: baseline,
                size,
            };
            if n > 0 {
                let line = match grid_span {
                    Some((em, phase)) => {
                        let (e, line) = set_on_grid(&shaped, start, end, measure, em, phase, span.1);
                        end = e;
                        line
                    }
                    None => set_line(&shaped, start, end, measure, align, last),
                };
                let last = end >= n || shaped.pieces[end].break_before == Break::Forced;
                if last {
                    // Copyfit: the unused end of a paragraph's last line is room for more copy.
                    let free = (line.measure - (line.right - line.xs.first().copied().unwrap_or(0.0))).max(0.0);
                    out[cur.frame].report.short_chars += (free / style.size + 0.01).floor() as usize;
                }
                let line_no = out[cur.frame].report.lines as u32;
                let element = &frames[cur.frame].element;
                let (runs, x0) = if vertical {
                    (place_line_vertical(&shaped, &line, baseline, col.y + indent, element, line_no), col.y + indent)
                } else {
                    (place_line(&shaped, &line, span.0 + indent, baseline, element, line_no), span.0 + indent)
                };
                column_runs[cur.frame][cur.column].extend(runs);
                caret.stops = (line.start..end)
                    .map(|i| (piece_chars[i], x0 + line.xs[i - line.start]))
                    .chain(std::iter::once((
                        piece_chars[end],
                        x0 + line.xs.last().copied().unwrap_or(0.0) + line.ws.last().copied().unwrap_or(0.0),
                    )))
                    .collect();
                column_lines[cur.frame][cur.column].push(LineInfo {
                    element: element.clone(),
                    line: line_no,
                    baseline,
                    left: x0 + line.xs.first().copied().unwrap_or(0.0),
                    right: x0 + line.right,
                    measure_left: x0,
                    measure_right: x0 + measure,
                    justified: matches!(align, Align::Justify | Align::Distribute),
                    paragraph_end: last,
                    text: line_text(&shaped, &line),
                });
            }
            column_carets[cur.frame][cur.column].push(caret);
            out[cur.frame].report.lines += 1;
            cur.lines_here += 1;
            cur.last_baseline = Some(offset);
            last_size = size;
            cur.last_bottom = offset + lead_out;
            cur.below = None;
            column_depth[cur.frame][cur.column] = Some(cur.last_bottom);
            first_line = false;
            start = end;
            if start >= n {
                break;
            }
        }
        prev_space_after = style.space_after;
        body_size = style.size;
        body_pitch = style.leading.max(style.size);
    }
    if overset == 0 {
        copyfit_short(&mut out, &columns, &column_depth, cur.frame, body_size, body_pitch);
    }
    // 差 belongs to the chain's last frame (the frames before it are full and flow on), and
    // only when nothing is overset (超 is the story's then).
    let short: usize = out.iter_mut().map(|f| std::mem::take(&mut f.report.short_chars)).sum();
    if let Some(last) = out.last_mut().filter(|_| overset == 0) {
        last.report.short_chars = short;
    }

    for (f, frame) in frames.iter().enumerate() {
        for (c, runs) in column_runs[f].iter_mut().enumerate() {
            let shift = if frame.vertical { 0.0 } else { valign_shift(frame.valign, &columns[f][c], runs) };
            for mut r in runs.drain(..) {
                r.baseline += shift;
                out[f].runs.push(r);
            }
            for mut l in column_lines[f][c].drain(..) {
                l.baseline += shift;
                out[f].lines.push(l);
            }
            for mut l in column_carets[f][c].drain(..) {
                l.cross += shift;
                out[f].carets.push(l);
            }
        }
    }
    if let Some(last) = out.last_mut() {
        last.report.overset_chars = overset;
        last.report.missing_glyphs = missing;
        last.report.missing_fonts = missing_fonts;
    }
    out
}

/// 差 N 字: body characters that still fit, frame by frame — added to the unused ends of
/// paragraphs already counted: every blank line slot below the last line of each column of
/// the frame where the text ends (balanced columns, a heading kept with its text and a jump
/// line's column leave some), and every column of the frames after it.
fn copyfit_short(
    out: &mut [FramedText],
    columns: &[Vec<Rect>],
    depth: &[Vec<Option<f32>>],
    from_frame: usize,
    em: f32,
    pitch: f32,
) {
    let per_line = |col: &Rect| (col.w / em + 0.01).floor() as usize;
    let lines_in =
        |height: f32| if height + 0.01 < em { 0 } else { ((height - em) / pitch + 0.01).floor() as usize + 1 };
    for (f, cols) in columns.iter().enumerate().skip(from_frame) {
        let mut short = out[f].report.short_chars;
        for (c, col) in cols.iter().enumerate() {
            let free_lines = match depth[f][c] {
                Some(bottom) => ((col.h - bottom + 0.01) / pitch).floor().max(0.0) as usize,
                None => lines_in(col.h),
            };
            short += free_lines * per_line(col);
        }
        out[f].report.short_chars = short;
    }
}

/// Sets pieces from `start` (first guess ending at `end`) on the character grid of `em`, the
/// line's start lying `phase` past a grid line: every body-size Han character starts on a
/// grid line, the spare space stays at the line's end (Western runs already take whole
/// characters), and where undoing compressed punctuation overruns the measure the line is
/// broken again half a character shorter. Returns the line's end and the line.
fn set_on_grid(
    p: &ShapedParagraph,
    start: usize,
    end: usize,
    measure: f32,
    em: f32,
    phase: f32,
    next_measure: f32,
) -> (usize, SetLine) {
    let n = p.pieces.len();
    let mut end = end;
    let mut m = measure;
    loop {
        let last = end >= n || p.pieces[end].break_before == Break::Forced;
        let set = set_line(p, start, end, m, Align::Left, last);
        let mut line = set.clone();
        let mut pen = 0.0f32;
        let mut prev_end = 0.0f32;
        for i in 0..set.xs.len() {
            let piece = &p.pieces[start + i];
            let mut x = pen + (set.xs[i] - prev_end).max(0.0);
            if piece.class == super::class::Class::Han && (piece.size - em).abs() < 0.01 {
                x = ((x + phase) / em - 1e-3).ceil() * em - phase;
            }
            prev_end = set.xs[i] + set.ws[i];
            line.xs[i] = x;
            pen = x + set.ws[i];
        }
        let last_ink = (start..end).rev().find(|&k| !p.pieces[k].is_space()).unwrap_or(start) - start;
        line.right = line.xs.get(last_ink).map_or(0.0, |x| x + line.ws[last_ink]);
        line.measure = measure;
        if line.right <= measure + 0.01 || m < 2.0 * em || end <= start + 1 {
            return (end, line);
        }
        m -= em / 2.0;
        let shorter = avoid_orphan(p, start, break_line(p, start, m), next_measure);
        if shorter >= end {
            return (end, line);
        }
        end = shorter;
    }
}

/// A heading (larger or bolder than the paragraph after it, at most two lines) never stands at
/// a column's foot without its text (背题): when it and two lines of what follows do not fit in
/// what is left of the column, it goes to the frame's next column.
#[allow(clippy::too_many_arguments)]
fn keep_heading_with_next(
    styles: &StyleSheet,
    paragraphs: &[Paragraph],
    index: usize,
    style: &crate::model::ParagraphStyle,
    shaped: &ShapedParagraph,
    columns: &[Vec<Rect>],
    caps: &[Option<usize>],
    cur: &mut Cursor,
) {
    let Some(next) = paragraphs.get(index + 1) else { return };
    let Some(last_bottom) = cur.last_baseline.map(|_| cur.last_bottom) else { return };
    // Within a frame's columns only: a heading frame followed by a body frame is by design.
    let last_column = cur.column + 1 >= columns[cur.frame].len();
    if last_column || shaped.pieces.is_empty() {
        return;
    }
    let body = styles.resolve(next.style.as_deref(), &next.overrides);
    let heading = style.size > body.size * 1.05 || (style.bold && !body.bold);
    if !heading || next.runs.iter().all(|r| r.text.trim().is_empty()) {
        return;
    }
    let col = columns[cur.frame][cur.column];
    let lines = super::line::compose_paragraph(shaped, col.w, style.indent * style.size, style.align).len();
    if lines > 2 {
        return;
    }
    let body_lines = if next.runs.iter().map(|r| r.text.chars().count()).sum::<usize>() as f32 * body.size
        > col.w - body.indent * body.size
    {
        2
    } else {
        1
    };
    let need = style.space_before
        + lines as f32 * style.leading
        + style.space_after
        + body.space_before
        + body_lines as f32 * body.leading;
    let capped = caps[cur.frame].is_some_and(|cap| cur.lines_here + lines + body_lines > cap);
    if capped || last_bottom + need > col.h + 0.01 {
        advance_column(cur, columns);
    }
}

fn advance_column(cur: &mut Cursor, columns: &[Vec<Rect>]) {
    cur.lines_here = 0;
    cur.column += 1;
    if cur.column >= columns[cur.frame].len() {
        cur.column = 0;
        cur.frame += 1;
    }
    cur.last_baseline = None;
    cur.below = None;
}

/// How far to move a column's lines down for centred or bottom alignment.
fn valign_shift(valign: VAlign, col: &Rect, runs: &[GlyphRun]) -> f32 {
    if runs.is_empty() || matches!(valign, VAlign::Top | VAlign::Justify) {
        return 0.0;
    }
    let bottom = runs.iter().map(|r| r.baseline + EM_DESCENT * r.size).fold(f32::MIN, f32::max);
    let free = (col.bottom() - bottom).max(0.0);
    if valign == VAlign::Center { free / 2.0 } else { free }
}

/// The largest size among the pieces of a line (the paragraph's size for an empty line).
fn line_size(p: &ShapedParagraph, start: usize, end: usize, default: f32) -> f32 {
    p.pieces.get(start..end).map_or(default, |line| line.iter().map(|x| x.size).fold(default, f32::max))
}

/// Characters (not spaces) from piece `start` on.
pub fn count_chars(p: &ShapedParagraph, start: usize) -> usize {
    p.pieces[start.min(p.pieces.len())..]
        .iter()
        .filter(|x| !x.is_space())
        .map(|x| p.text[x.text.clone()].chars().count())
        .sum()
}
