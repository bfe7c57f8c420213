//! Paragraph → pieces: font choice with per-character fallback, shaping and punctuation widths
//! (rules 16, 19, 20); the glue and break opportunities between pieces are `breaks`', the
//! return to the character grid `char_grid`'s.
//!
//! A piece is one cluster: a Han character, a punctuation mark, a Latin letter or a space. Its
//! box width is decided here (natural and fully shrunk); where its ink sits in the box is kept so
//! the line composer can trim punctuation without knowing fonts.

use std::ops::Range;

use super::class::{Class, Ink, classify, is_default_ignorable};
use crate::color::Color;
use crate::fonts::{FontBook, FontId};
use crate::model::{ParagraphStyle, PunctStyle};

/// Shrink priorities of rule 22 (lower shrinks first).
pub mod prio {
    pub const WORD_SPACE: u8 = 1;
    pub const BRACKET: u8 = 3;
    pub const COMMA: u8 = 4;
    pub const HAN_LATIN: u8 = 5;
    pub const STOP: u8 = 6;
    pub const NONE: u8 = u8::MAX;
}

/// One glyph of a piece, positioned from the piece's box left at natural width.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShapedGlyph {
    pub id: u16,
    /// Offset from the piece's start, in pt (for `Ink::Natural` pieces).
    pub dx: f32,
    /// Vertical offset (up) from the baseline, in pt.
    pub dy: f32,
    /// The glyph's own advance in pt (before any scaling).
    pub advance: f32,
    /// Horizontal scale applied when drawing (2 em dashes built from narrower glyphs).
    pub scale_x: f32,
}

/// Space that may go before a piece (Han–Latin spacing, word spaces are pieces of their own).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Glue {
    pub natural: f32,
    pub min: f32,
    pub max: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Break {
    /// No line may start here.
    Never,
    Allowed,
    /// A forced line break (a newline in the text) ends the line before this piece.
    Forced,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    /// Byte range in the paragraph's text.
    pub text: Range<usize>,
    pub first: char,
    pub class: Class,
    pub font: FontId,
    pub size: f32,
    pub color: Color,
    /// Range in `ShapedParagraph::glyphs`.
    pub glyphs: Range<usize>,
    pub ink: Ink,
    /// Box width at natural size, pt.
    pub natural: f32,
    /// Box width fully shrunk, pt.
    pub min: f32,
    /// Box width fully stretched (word spaces), pt.
    pub max: f32,
    pub shrink_prio: u8,
    pub glue: Glue,
    pub break_before: Break,
    /// Justification may add letter space before this piece.
    pub spacing_before: bool,
    /// No font had a glyph for this character.
    pub missing: bool,
    /// In vertical text: a Western glyph turned 90° clockwise.
    pub rotated: bool,
    /// In vertical text: 2–3 digits set upright side by side in one em (縦中横).
    pub tcy: bool,
    /// A CJK piece that belongs to the Western run before it (℃ after a number, the connector
    /// of 2026—2028): set with the run, no Han–Latin space, off the character grid.
    pub attached: bool,
    /// No line starts here only to keep a number, unit, name or credit together: where no
    /// legal break fits, a line breaks here before it breaks against 禁则.
    pub soft_never: bool,
    /// The second of a number's two Chinese units (32.6万|户): a line may break here rather than
    /// be left two ems or more loose.
    pub loose_break: bool,
}

impl Piece {
    /// A mark that can lose the blank half of its em box at a line's end (rule 17).
    pub fn trims_at_line_end(&self) -> bool {
        self.ink == Ink::Left && self.class.is_cjk_punct()
    }
    /// An opening mark that may lose its leading blank half at a line's start (rule 17).
    pub fn trims_at_line_start(&self) -> bool {
        self.ink == Ink::Right && self.class.is_cjk_punct()
    }
    /// One of 、，。, the only marks that may hang (rule 18).
    pub fn may_hang(&self) -> bool {
        matches!(self.first, '、' | '，' | '。')
    }

    pub fn is_space(&self) -> bool {
        self.class == Class::Space
    }
}

/// A paragraph's text as pieces with their glyphs.
#[derive(Clone, Debug, Default)]
pub struct ShapedParagraph {
    pub text: String,
    pub pieces: Vec<Piece>,
    pub glyphs: Vec<ShapedGlyph>,
    /// Characters no font could show.
    pub missing: Vec<char>,
    /// Font families asked for that the book does not have.
    pub missing_fonts: Vec<String>,
    /// Opening brackets at a line's start lose their blank half.
    pub trim_line_start: bool,
    /// 、，。 may hang past a line's end (rule 18).
    pub hanging: bool,
    /// Set for vertical text (rule 24).
    pub vertical: bool,
}

/// A run of text with the character style already resolved.
pub struct StyledRun<'a> {
    pub text: &'a str,
    pub family: &'a str,
    pub bold: bool,
    pub size: f32,
    pub color: Color,
}

/// Shapes a paragraph's runs under `style`.
pub fn shape_paragraph(book: &FontBook, style: &ParagraphStyle, runs: &[StyledRun]) -> ShapedParagraph {
    shape_paragraph_oriented(book, style, runs, false)
}

/// Shapes a paragraph for horizontal or vertical (rule 24) setting.
pub fn shape_paragraph_oriented(
    book: &FontBook,
    style: &ParagraphStyle,
    runs: &[StyledRun],
    vertical: bool,
) -> ShapedParagraph {
    let mut out = ShapedParagraph {
        trim_line_start: style.trim_line_start,
        hanging: style.hanging,
        vertical,
        ..Default::default()
    };
    // Vertical Chinese takes corner brackets for quotes.
    let mapped: Vec<String> = runs
        .iter()
        .map(|r| {
            if vertical {
                r.text
                    .chars()
                    .map(|c| match c {
                        '“' => '「',
                        '”' => '」',
                        '‘' => '『',
                        '’' => '』',
                        c => c,
                    })
                    .collect()
            } else {
                String::new()
            }
        })
        .collect();
    let runs: Vec<StyledRun> =
        runs.iter().zip(&mapped).map(|(r, m)| StyledRun { text: if vertical { m } else { r.text }, ..*r }).collect();
    for run in &runs {
        let primary = match book.find(run.family, run.bold) {
            Some(f) => f,
            None => {
                if !out.missing_fonts.iter().any(|f| f == run.family) {
                    out.missing_fonts.push(run.family.to_string());
                }
                book.find(&ParagraphStyle::default().font_family, run.bold)
                    .unwrap_or_else(|| book.faces().next().map(|(id, _)| id).unwrap_or(FontId(0)))
            }
        };
        let base = out.text.len();
        out.text.push_str(run.text);
        shape_run(book, primary, run, base, &mut out);
    }
    if vertical {
        super::vertical::vertical_forms(book, &mut out);
    } else {
        western_quotes(book, &mut out);
    }
    adjust_punctuation(style, &mut out.pieces);
    super::breaks::add_glue_and_breaks(style, &mut out);
    for i in 1..out.pieces.len() {
        if out.pieces[i - 1].first == '\n' {
            out.pieces[i].break_before = Break::Forced;
        }
    }
    out
}

/// Splits a run by font (fallback per character) and by CJK/Western, and shapes each segment.
/// A newline becomes a zero-width piece; the piece after it starts a new line.
fn shape_run(book: &FontBook, primary: FontId, run: &StyledRun, base: usize, out: &mut ShapedParagraph) {
    let mut seg_start = 0;
    let mut seg_font = None;
    let mut seg_cjk = false;
    let flush = |out: &mut ShapedParagraph, start: usize, end: usize, font: Option<FontId>, cjk: bool| {
        if let Some(font) = font
            && start < end
        {
            if cjk {
                shape_cjk(book, font, run, base, start..end, out);
            } else {
                shape_western(book, font, run, base, start..end, out);
            }
        }
    };
    for (i, c) in run.text.char_indices() {
        if matches!(c, '\n' | '\u{2028}' | '\r') {
            flush(out, seg_start, i, seg_font, seg_cjk);
            if c != '\r' {
                let at = base + i;
                let glyphs = out.glyphs.len()..out.glyphs.len();
                let mut newline = new_piece(run, primary, at..at + c.len_utf8(), ' ', glyphs, 0.0);
                newline.first = '\n';
                out.pieces.push(newline);
            }
            seg_start = i + c.len_utf8();
            seg_font = None;
            continue;
        }
        if is_default_ignorable(c) {
            // Never printed, never a missing glyph, never counted: no piece at all.
            flush(out, seg_start, i, seg_font, seg_cjk);
            seg_start = i + c.len_utf8();
            seg_font = None;
            continue;
        }
        let face = book.face(primary);
        let font = if face.glyph(c).is_some() || classify(c) == Class::Space {
            primary
        } else {
            match book.fallback(primary, c) {
                Some(f) => f,
                None => {
                    if !out.missing.contains(&c) {
                        out.missing.push(c);
                    }
                    primary
                }
            }
        };
        let cjk = classify(c).is_cjk();
        if seg_font != Some(font) || cjk != seg_cjk {
            flush(out, seg_start, i, seg_font, seg_cjk);
            seg_start = i;
            seg_font = Some(font);
            seg_cjk = cjk;
        }
    }
    flush(out, seg_start, run.text.len(), seg_font, seg_cjk);
}

fn new_piece(
    run: &StyledRun,
    font: FontId,
    text: Range<usize>,
    first: char,
    glyphs: Range<usize>,
    width: f32,
) -> Piece {
    let class = classify(first);
    Piece {
        text,
        first,
        class,
        font,
        size: run.size,
        color: run.color,
        glyphs,
        ink: class.ink(),
        natural: width,
        min: width,
        max: width,
        shrink_prio: prio::NONE,
        glue: Glue::default(),
        break_before: Break::Allowed,
        spacing_before: false,
        missing: false,
        rotated: false,
        tcy: false,
        attached: false,
        soft_never: false,
        loose_break: false,
    }
}

/// CJK segments need no shaping: one glyph per character from the cmap, set on the em.
fn shape_cjk(
    book: &FontBook,
    font: FontId,
    run: &StyledRun,
    base: usize,
    range: Range<usize>,
    out: &mut ShapedParagraph,
) {
    let face = book.face(font);
    let em = run.size;
    for (i, c) in run.text[range.clone()].char_indices() {
        let at = base + range.start + i;
        let glyph = face.glyph(c);
        let advance = glyph.map_or(em, |g| face.advance_em(g) * em);
        let class = classify(c);
        // Han characters are set solid at exactly 1 em (rule 1); dashes fill 1 em per
        // character (rule 13; ⸺ is a whole 2 em), the glyph scaled to the engine's width.
        let dash_width = if c == '⸺' { 2.0 * em } else { em };
        let scale_x = if class == Class::Dash && advance > 0.0 { dash_width / advance } else { 1.0 };
        let start = out.glyphs.len();
        out.glyphs.push(ShapedGlyph { id: glyph.unwrap_or(0), dx: 0.0, dy: 0.0, advance, scale_x });
        let width = match class {
            Class::Dash => dash_width,
            Class::Han | Class::IdeographicSpace => em,
            _ if class.is_cjk_punct() => em,
            _ => advance,
        };
        let mut piece = new_piece(run, font, at..at + c.len_utf8(), c, start..start + 1, width);
        piece.missing = glyph.is_none() && class != Class::IdeographicSpace;
        out.pieces.push(piece);
    }
}

/// Western segments are shaped with rustybuzz (kerning, ligatures); one piece per cluster.
fn shape_western(
    book: &FontBook,
    font: FontId,
    run: &StyledRun,
    base: usize,
    range: Range<usize>,
    out: &mut ShapedParagraph,
) {
    let face = book.face(font);
    let text = &run.text[range.clone()];
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    buffer.guess_segment_properties();
    let shaped = rustybuzz::shape(&face.shaper, &[], buffer);
    let scale = run.size / face.units_per_em;
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    let mut i = 0;
    while i < infos.len() {
        let cluster = infos[i].cluster as usize;
        let mut j = i + 1;
        while j < infos.len() && infos[j].cluster as usize == cluster {
            j += 1;
        }
        let end = if j < infos.len() { infos[j].cluster as usize } else { text.len() };
        let start = out.glyphs.len();
        let mut x = 0.0;
        let mut missing = false;
        for k in i..j {
            let pos = &positions[k];
            missing |= infos[k].glyph_id == 0;
            out.glyphs.push(ShapedGlyph {
                id: infos[k].glyph_id as u16,
                dx: x + pos.x_offset as f32 * scale,
                dy: pos.y_offset as f32 * scale,
                advance: pos.x_advance as f32 * scale,
                scale_x: 1.0,
            });
            x += pos.x_advance as f32 * scale;
        }
        let first = text[cluster..].chars().next().unwrap_or(' ');
        let at = base + range.start + cluster;
        let mut piece =
            new_piece(run, font, at..base + range.start + end.max(cluster), first, start..out.glyphs.len(), x);
        piece.missing = missing && piece.class != Class::Space;
        out.pieces.push(piece);
        i = j;
    }
}

/// Quotes and apostrophes inside Western text (don’t, “Risk”) are Western marks: narrow, no
/// em box, no line break around them.
fn western_quotes(book: &FontBook, out: &mut ShapedParagraph) {
    let latin = |p: Option<&Piece>| p.is_some_and(|p| p.class == Class::Latin);
    let western_side = |p: Option<&Piece>| p.is_none_or(|p| matches!(p.class, Class::Latin | Class::Space));
    for i in 0..out.pieces.len() {
        if !matches!(out.pieces[i].first, '‘' | '’' | '“' | '”') {
            continue;
        }
        let prev = i.checked_sub(1).and_then(|j| out.pieces.get(j));
        let next = out.pieces.get(i + 1);
        if (latin(prev) || latin(next)) && western_side(prev) && western_side(next) {
            // CJK fonts draw these full width with the ink to one side: keep the inked part.
            let advance: f32 = out.glyphs[out.pieces[i].glyphs.clone()].iter().map(|g| g.advance).sum();
            if matches!(out.pieces[i].first, '’' | '\'') && latin(prev) && latin(next) {
                // An apostrophe inside a word (o’clock, don’t): as narrow as its ink.
                apostrophe(book, out, i);
                continue;
            }
            let p = &mut out.pieces[i];
            let width = advance.min(p.size * 0.4);
            p.class = Class::Latin;
            p.ink = if matches!(p.first, '‘' | '“') { Ink::Right } else { Ink::Left };
            p.natural = width;
            p.min = width;
            p.max = width;
        }
    }
}

/// Sets the apostrophe at piece `i` as a Western mark: its box the width of its ink plus a thin
/// side bearing each side, the glyph moved so its ink sits in that box.
fn apostrophe(book: &FontBook, out: &mut ShapedParagraph, i: usize) {
    let p = &out.pieces[i];
    let em = p.size;
    let face = book.face(p.font);
    let scale = em / face.units_per_em;
    let bearing = em * 0.04;
    let Some(g) = out.glyphs.get(p.glyphs.start).copied() else { return };
    let (x_min, x_max) = face
        .shaper
        .glyph_bounding_box(ttf_parser::GlyphId(g.id))
        .map_or((0.0, em * 0.22), |b| (b.x_min as f32 * scale, b.x_max as f32 * scale));
    let width = ((x_max - x_min).max(0.0) + 2.0 * bearing).min(em * 0.3);
    let range = p.glyphs.clone();
    for k in range {
        out.glyphs[k].dx = bearing - x_min;
    }
    let p = &mut out.pieces[i];
    p.class = Class::Latin;
    p.ink = Ink::Natural;
    p.natural = width;
    p.min = width;
    p.max = width;
}

/// Full-width punctuation boxes by style (rules 19, 20) and adjacent marks closed up (rule 16).
fn adjust_punctuation(style: &ParagraphStyle, pieces: &mut [Piece]) {
    for p in pieces.iter_mut() {
        let em = p.size;
        let (natural, min, prio) = match p.class {
            Class::MiddleDot => (em / 2.0, em / 2.0, prio::NONE),
            Class::Dash | Class::Ellipsis => (p.natural, p.natural, prio::NONE),
            Class::Open | Class::Close => (em, em / 2.0, prio::BRACKET),
            Class::Comma | Class::Colon => (em, em / 2.0, prio::COMMA),
            Class::Stop | Class::Question => (em, em / 2.0, prio::STOP),
            Class::Space => {
                let w = p.natural;
                p.min = w.min(em / 4.0);
                p.max = w.max(em / 2.0);
                p.shrink_prio = prio::WORD_SPACE;
                continue;
            }
            _ => continue,
        };
        let full = match style.punct {
            PunctStyle::Full => true,
            PunctStyle::Kaiming => matches!(p.class, Class::Stop | Class::Question),
            PunctStyle::Half => false,
        };
        let trimmable = prio != prio::NONE;
        p.natural = if full || !trimmable { natural } else { em / 2.0 };
        p.min = if trimmable { min } else { natural };
        p.max = p.natural;
        p.shrink_prio = if p.min < p.natural { prio } else { prio::NONE };
    }
    // Rule 16: two adjacent full-width marks close up to 1.5 em.
    for i in 1..pieces.len() {
        let (a, b) = pieces.split_at_mut(i);
        let (a, b) = (&mut a[i - 1], &mut b[0]);
        let full = |p: &Piece| p.class.is_cjk_punct() && p.natural >= p.size * 0.99 && p.min < p.natural;
        if !(full(a) && full(b)) {
            continue;
        }
        if a.ink == Ink::Left {
            a.natural = a.min;
            a.shrink_prio = prio::NONE;
        } else if b.ink == Ink::Right {
            b.natural = b.min;
            b.shrink_prio = prio::NONE;
        }
    }
}
