//! Set lines turned into glyph runs in page coordinates, horizontal and vertical, each glyph
//! carrying the characters it stands for (what the PDF's ToUnicode and the caret read back).

use super::line::SetLine;
use super::shape::{Piece, ShapedParagraph};
use crate::layout::frame::{GlyphRun, PlacedGlyph};
use std::sync::Arc;

use crate::layout::text::class::{Ink, is_default_ignorable};
use crate::layout::text::flow::EM_ASCENT;

/// The characters glyph `g` of a piece stands for (what ToUnicode gives back): one each where
/// the piece has a glyph per character (縦中横 digits, a number), else all on the first glyph.
pub(super) fn glyph_text(p: &ShapedParagraph, piece: &Piece, g: usize) -> String {
    let text = &p.text[piece.text.clone()];
    let glyphs = piece.glyphs.len();
    if glyphs > 1 && text.chars().count() == glyphs {
        return text.chars().nth(g).map(String::from).unwrap_or_default();
    }
    if g == 0 { text.to_string() } else { String::new() }
}

/// The character offset in the paragraph at which each piece starts, and (last) the paragraph's
/// length in characters.
pub(super) fn piece_char_offsets(p: &ShapedParagraph) -> Vec<usize> {
    let mut out = Vec::with_capacity(p.pieces.len() + 1);
    let mut chars = 0;
    let mut byte = 0;
    for piece in &p.pieces {
        chars += p.text[byte.min(piece.text.start)..piece.text.start].chars().count();
        out.push(chars);
        chars += p.text[piece.text.clone()].chars().count();
        byte = piece.text.end;
    }
    chars += p.text.get(byte..).map_or(0, |t| t.chars().count());
    out.push(chars);
    out
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
    let text = copy_text(p, line);
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
                line_text: text.clone(),
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
                text: glyph_text(p, piece, g),
                box_x,
                box_w: if g == 0 { box_w } else { 0.0 },
                rotated: false,
            });
        }
    }
    runs
}

/// Turns a set vertical line into glyph runs: the line's centre at `x_center`, its start at
/// `y0`. CJK glyphs stand upright in their em boxes, Western ones turn 90° clockwise, 縦中横
/// digits sit side by side in one em. Runs carry `y0` as baseline; each glyph's `dy` places it.
pub fn place_line_vertical(
    p: &ShapedParagraph,
    line: &SetLine,
    x_center: f32,
    y0: f32,
    element: &str,
    line_no: u32,
) -> Vec<GlyphRun> {
    let text = copy_text(p, line);
    let mut runs: Vec<GlyphRun> = Vec::new();
    for (i, piece) in p.pieces[line.start..line.end].iter().enumerate() {
        if piece.is_space() {
            continue;
        }
        let (box_y, box_h, em) = (y0 + line.xs[i], line.ws[i], piece.size);
        let same = runs
            .last()
            .is_some_and(|r: &GlyphRun| r.font == piece.font && r.size == piece.size && r.color == piece.color);
        if !same {
            runs.push(GlyphRun {
                font: piece.font,
                size: piece.size,
                color: piece.color,
                baseline: y0,
                glyphs: Vec::new(),
                element: element.to_string(),
                line: line_no,
                line_text: text.clone(),
            });
        }
        let Some(run) = runs.last_mut() else { continue };
        let glyphs = &p.glyphs[piece.glyphs.clone()];
        let tcy_scale = if piece.tcy {
            let total: f32 = glyphs.iter().map(|g| g.advance).sum();
            (0.95 * em / total.max(0.01)).min(1.0)
        } else {
            1.0
        };
        let tcy_width: f32 = glyphs.iter().map(|g| g.advance).sum::<f32>() * tcy_scale;
        for (g, glyph) in glyphs.iter().enumerate() {
            let (x, y, scale_x, rotated) = if piece.rotated {
                (x_center - 0.3 * em, box_y + glyph.dx, glyph.scale_x, true)
            } else if piece.tcy {
                (x_center - tcy_width / 2.0 + glyph.dx * tcy_scale, box_y + EM_ASCENT * em, tcy_scale, false)
            } else {
                let top = match piece.ink {
                    Ink::Right => box_y + box_h - em,
                    Ink::Center => box_y + (box_h - em) / 2.0,
                    _ => box_y,
                };
                (x_center - glyph.advance * glyph.scale_x / 2.0, top + EM_ASCENT * em, glyph.scale_x, false)
            };
            run.glyphs.push(PlacedGlyph {
                id: glyph.id,
                x,
                dy: y0 - y,
                scale_x,
                advance: glyph.advance,
                text: glyph_text(p, piece, g),
                box_x: box_y,
                box_w: if g == 0 { box_h } else { 0.0 },
                rotated,
            });
        }
    }
    runs
}

/// A set line's text as copying it should give: the pieces' text with default-ignorable
/// characters (which do not print) left out and no trailing spaces.
fn copy_text(p: &ShapedParagraph, line: &SetLine) -> Arc<str> {
    let text: String = line_text(p, line).chars().filter(|&c| !is_default_ignorable(c)).collect();
    Arc::from(text.trim_end())
}

/// The pieces' text of a set line, for snapshots and tests.
pub fn line_text(p: &ShapedParagraph, line: &SetLine) -> String {
    p.pieces[line.start..line.end].iter().map(|x: &Piece| &p.text[x.text.clone()]).collect()
}
