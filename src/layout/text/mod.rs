//! The CJK text engine: shaping into pieces (`shape`), Chinese line breaking and justification
//! (`line`, and paragraph-wide in `fit`), the character classes and 禁则 tables (`class`), vertical forms and 縦中横
//! (`vertical`), flowing a story through its frames' columns (`flow`), and set lines
//! turned into glyph runs (`place`).

mod breaks;
mod char_grid;
pub mod class;
pub mod fit;
pub mod flow;
pub mod line;
mod place;
pub mod shape;
mod vertical;
mod wrap;

use crate::fonts::FontBook;
use crate::model::{Paragraph, ParagraphStyle, StyleSheet};
use shape::{ShapedParagraph, StyledRun};

/// What a paragraph's shaping depends on: the font book, its text and runs, their resolved
/// styles, the direction and the grid.
#[derive(PartialEq)]
struct ShapeKey {
    book: usize,
    para: Paragraph,
    styles: String,
    vertical: bool,
    grid_em: Option<u32>,
}

/// Shaped paragraphs by what they were shaped from, so an edit shapes again only the paragraph
/// it touched (a 200 000-character story is not shaped again for one keystroke). Per thread,
/// bounded by the characters it holds.
struct ShapeCache {
    entries: std::collections::HashMap<u64, (ShapeKey, std::sync::Arc<ShapedParagraph>)>,
    chars: usize,
}

const SHAPE_CACHE_CHARS: usize = 2_000_000;

thread_local! {
    static SHAPED: std::cell::RefCell<ShapeCache> =
        std::cell::RefCell::new(ShapeCache { entries: Default::default(), chars: 0 });
}

/// Resolves a paragraph's style and shapes its runs (from the shape cache when the same
/// paragraph was shaped in the same style before).
pub fn shape_model_paragraph(
    book: &FontBook,
    styles: &StyleSheet,
    para: &Paragraph,
    vertical: bool,
    grid_em: Option<f32>,
) -> (ParagraphStyle, std::sync::Arc<ShapedParagraph>) {
    use std::hash::{Hash, Hasher};
    let style = styles.resolve(para.style.as_deref(), &para.overrides);
    let own: Vec<_> = para.runs.iter().map(|r| styles.resolve_run(&r.style)).collect();
    let key = ShapeKey {
        book: book as *const FontBook as usize,
        para: para.clone(),
        styles: format!("{style:?}{own:?}"),
        vertical,
        grid_em: grid_em.map(f32::to_bits),
    };
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (key.book, &key.styles, key.vertical, key.grid_em).hash(&mut h);
    for r in &para.runs {
        r.text.hash(&mut h);
    }
    let hash = h.finish();
    let hit = SHAPED.with(|c| c.borrow().entries.get(&hash).filter(|(k, _)| *k == key).map(|(_, s)| s.clone()));
    if let Some(shaped) = hit {
        return (style, shaped);
    }
    let shaped = std::sync::Arc::new(shape_uncached(book, &style, para, &own, vertical, grid_em));
    let n = shaped.text.len();
    SHAPED.with(|c| {
        let mut c = c.borrow_mut();
        if c.chars + n > SHAPE_CACHE_CHARS {
            c.entries.clear();
            c.chars = 0;
        }
        c.chars += n;
        c.entries.insert(hash, (key, shaped.clone()));
    });
    (style, shaped)
}

fn shape_uncached(
    book: &FontBook,
    style: &ParagraphStyle,
    para: &Paragraph,
    own: &[crate::model::CharStyle],
    vertical: bool,
    grid_em: Option<f32>,
) -> ShapedParagraph {
    let runs: Vec<StyledRun> = para
        .runs
        .iter()
        .zip(own)
        .map(|(r, own)| StyledRun {
            text: &r.text,
            family: own.font_family.as_deref().unwrap_or(&style.font_family),
            bold: own.bold.unwrap_or(style.bold),
            size: own.size.unwrap_or(style.size),
            color: own.color.unwrap_or(style.color),
        })
        .collect();
    let mut shaped = shape::shape_paragraph_oriented(book, style, &runs, vertical);
    if let Some(em) = grid_em {
        char_grid::snap_to_grid(&mut shaped, em);
    }
    shaped
}
