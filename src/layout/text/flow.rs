//! A story flowing through its chain of frames, column by column, line by line.
//!
//! Lines are broken one at a time at the measure of the column they land in, so a story can
//! thread through frames of different widths. The result is glyph runs in page coordinates and
//! a report per frame (lines, overset characters, missing glyphs).

use super::line::{SetLine, break_line, set_line};
use super::shape::{Break, Piece, ShapedParagraph};
use crate::fonts::FontBook;
use crate::layout::frame::{ElementReport, GlyphRun, PlacedGlyph};
use crate::layout::text::class::Ink;
use crate::model::{Align, Paragraph, StyleSheet, VAlign};
use crate::units::Rect;

/// Where a CJK em box's baseline sits below its top, in em (ideographic box: 0.88 / 0.12).
pub const EM_ASCENT: f32 = 0.88;
pub const EM_DESCENT: f32 = 0.12;

/// A text frame as the flow sees it.
pub struct FlowFrame {
    pub element: String,
    /// The text area (frame less inset).
    pub area: Rect,
    pub columns: u32,
    pub column_gap: f32,
    pub valign: VAlign,
}

impl FlowFrame {
    pub fn column_rects(&self) -> Vec<Rect> {
        let n = self.columns.max(1) as f32;
        let w = ((self.area.w - self.column_gap * (n - 1.0)) / n).max(0.0);
        (0..self.columns.max(1))
            .map(|i| Rect::new(self.area.x + i as f32 * (w + self.column_gap), self.area.y, w, self.area.h))
            .collect()
    }
}

/// What one frame of the chain received.
#[derive(Debug, Default)]
pub struct FramedText {
    pub runs: Vec<GlyphRun>,
    pub report: ElementReport,
}

struct Cursor {
    frame: usize,
    column: usize,
    /// Baseline of the last line set in this column (None: column empty).
    last_baseline: Option<f32>,
    /// Bottom of the last line's em box.
    last_bottom: f32,
}

/// Flows `paragraphs` through `frames`; returns one `FramedText` per frame.
pub fn flow_story(
    book: &FontBook,
    styles: &StyleSheet,
    paragraphs: &[Paragraph],
    frames: &[FlowFrame],
) -> Vec<FramedText> {
    let mut out: Vec<FramedText> = frames
        .iter()
        .map(|f| FramedText {
            runs: Vec::new(),
            report: ElementReport { element: f.element.clone(), kind: "text", ..Default::default() },
        })
        .collect();
    let columns: Vec<Vec<Rect>> = frames.iter().map(|f| f.column_rects()).collect();
    // Per frame, per column: the runs set there (for vertical alignment afterwards).
    let mut column_runs: Vec<Vec<Vec<GlyphRun>>> = columns.iter().map(|c| vec![Vec::new(); c.len()]).collect();
    let mut cur = Cursor { frame: 0, column: 0, last_baseline: None, last_bottom: 0.0 };
    let mut overset = 0usize;
    let mut prev_space_after = 0.0;
    let mut missing: Vec<char> = Vec::new();
    let mut missing_fonts: Vec<String> = Vec::new();

    for para in paragraphs {
        let (style, shaped) = super::shape_model_paragraph(book, styles, para);
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
        let n = shaped.pieces.len();
        let mut start = 0;
        let mut first_line = true;
        // An empty paragraph still takes a line.
        loop {
            if cur.frame >= frames.len() {
                overset += count_chars(&shaped, start);
                break;
            }
            let col = columns[cur.frame][cur.column];
            let indent = if first_line { (style.indent * style.size).clamp(0.0, col.w / 2.0) } else { 0.0 };
            let measure = (col.w - indent).max(style.size);
            let end = if n == 0 { 0 } else { break_line(&shaped, start, measure) };
            let size = line_size(&shaped, start, end, style.size);
            let pitch = style.leading * (size / style.size).max(1.0);
            let baseline = match cur.last_baseline {
                None => col.y + EM_ASCENT * size,
                Some(b) => {
                    let gap = if first_line { prev_space_after + style.space_before } else { 0.0 };
                    b + pitch + gap
                }
            };
            let bottom = baseline + EM_DESCENT * size;
            if bottom > col.bottom() + 0.01 {
                // The line goes to the next column (re-broken at that column's measure).
                advance_column(&mut cur, &columns);
                continue;
            }
            let last = end >= n || shaped.pieces[end].break_before == Break::Forced;
            let align = if last && style.align == Align::Justify { Align::Left } else { style.align };
            if n > 0 {
                let line = set_line(&shaped, start, end, measure, align, last);
                let line_no = out[cur.frame].report.lines as u32;
                let runs = place_line(&shaped, &line, col.x + indent, baseline, &frames[cur.frame].element, line_no);
                column_runs[cur.frame][cur.column].extend(runs);
            }
            out[cur.frame].report.lines += 1;
            cur.last_baseline = Some(baseline);
            cur.last_bottom = bottom;
            first_line = false;
            start = end;
            if start >= n {
                break;
            }
        }
        prev_space_after = style.space_after;
    }

    for (f, frame) in frames.iter().enumerate() {
        for (c, runs) in column_runs[f].iter_mut().enumerate() {
            let shift = valign_shift(frame.valign, &columns[f][c], runs);
            for mut r in runs.drain(..) {
                r.baseline += shift;
                out[f].runs.push(r);
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

fn advance_column(cur: &mut Cursor, columns: &[Vec<Rect>]) {
    cur.column += 1;
    if cur.column >= columns[cur.frame].len() {
        cur.column = 0;
        cur.frame += 1;
    }
    cur.last_baseline = None;
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

/// Turns a set line into glyph runs at (x, baseline) in page coordinates.
pub fn place_line(
    p: &ShapedParagraph,
    line: &SetLine,
    x0: f32,
    baseline: f32,
    element: &str,
    line_no: u32,
) -> Vec<GlyphRun> {
    let mut runs: Vec<GlyphRun> = Vec::new();
    for (i, piece) in p.pieces[line.start..line.end].iter().enumerate() {
        if piece.is_space() {
            continue;
        }
        let box_x = x0 + line.xs[i];
        let box_w = line.ws[i];
        let same = runs
            .last()
            .is_some_and(|r: &GlyphRun| r.font == piece.font && r.size == piece.size && r.color == piece.color);
        if !same {
            runs.push(GlyphRun {
                font: piece.font,
                size: piece.size,
                color: piece.color,
                baseline,
                glyphs: Vec::new(),
                element: element.to_string(),
                line: line_no,
            });
        }
        let Some(run) = runs.last_mut() else { continue };
        for (g, glyph) in p.glyphs[piece.glyphs.clone()].iter().enumerate() {
            let drawn = glyph.advance * glyph.scale_x;
            let x = match piece.ink {
                Ink::Natural => box_x + glyph.dx,
                Ink::Left => box_x,
                Ink::Right => box_x + box_w - drawn,
                Ink::Center => box_x + (box_w - drawn) / 2.0,
            };
            run.glyphs.push(PlacedGlyph {
                id: glyph.id,
                x,
                dy: glyph.dy,
                scale_x: glyph.scale_x,
                advance: glyph.advance,
                text: if g == 0 { p.text[piece.text.clone()].to_string() } else { String::new() },
            });
        }
    }
    runs
}

/// The pieces' text of a set line, for snapshots and tests.
pub fn line_text(p: &ShapedParagraph, line: &SetLine) -> String {
    p.pieces[line.start..line.end].iter().map(|x: &Piece| &p.text[x.text.clone()]).collect()
}
