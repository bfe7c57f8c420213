//! Vertical setting (竖排, rule 24) applied to shaped pieces: the fonts' vertical punctuation
//! forms, Western letters turned 90°, and 縦中横 for numbers of up to three digits.

use super::class::{Class, Ink};
use super::shape::{Piece, ShapedParagraph};
use crate::fonts::FontBook;

/// Vertical setting (rule 24): punctuation takes the font's vertical forms ('vert'), Western
/// letters turn 90° clockwise, and 2–3 digit numbers stand upright in one em.
pub(super) fn vertical_forms(book: &FontBook, out: &mut ShapedParagraph) {
    let vert = rustybuzz::Feature::new(rustybuzz::ttf_parser::Tag::from_bytes(b"vert"), 1, ..);
    for p in out.pieces.iter_mut().filter(|p| p.class.is_cjk_punct()) {
        let face = book.face(p.font);
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(&out.text[p.text.clone()]);
        let shaped = rustybuzz::shape(&face.shaper, &[vert], buffer);
        if let (Some(info), Some(g)) = (shaped.glyph_infos().first(), out.glyphs.get_mut(p.glyphs.start))
            && info.glyph_id != 0
        {
            g.id = info.glyph_id as u16;
            g.scale_x = 1.0;
        }
    }
    // 縦中横: a lone run of one to three ASCII digits becomes one upright piece of 1 em.
    let is_digit = |p: &Piece| p.first.is_ascii_digit() && p.glyphs.len() == 1;
    let mut i = 0;
    let mut merged: Vec<Piece> = Vec::with_capacity(out.pieces.len());
    while i < out.pieces.len() {
        let run = out.pieces[i..].iter().take_while(|p| is_digit(p)).count();
        let bounded = |j: Option<&Piece>| j.is_none_or(|p| p.class != Class::Latin);
        if (1..=3).contains(&run)
            && bounded(i.checked_sub(1).and_then(|j| out.pieces.get(j)))
            && bounded(out.pieces.get(i + run))
        {
            let (first, last) = (&out.pieces[i], &out.pieces[i + run - 1]);
            let mut p = first.clone();
            p.text = first.text.start..last.text.end;
            p.glyphs = first.glyphs.start..last.glyphs.end;
            p.class = Class::Han;
            p.ink = Ink::Natural;
            p.natural = p.size;
            p.min = p.size;
            p.max = p.size;
            p.tcy = true;
            // The digits were separate clusters: lay their glyphs out side by side.
            let mut x = 0.0;
            for g in &mut out.glyphs[p.glyphs.clone()] {
                g.dx = x;
                x += g.advance;
            }
            merged.push(p);
            i += run;
        } else {
            let mut p = out.pieces[i].clone();
            p.rotated = p.class == Class::Latin;
            merged.push(p);
            i += 1;
        }
    }
    out.pieces = merged;
}
