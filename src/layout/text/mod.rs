//! The CJK text engine: shaping into pieces (`shape`), Chinese line breaking and justification
//! (`line`), the character classes and 禁则 tables (`class`), and flowing a story through its
//! frames' columns (`flow`).

pub mod class;
pub mod flow;
pub mod line;
pub mod shape;

use crate::fonts::FontBook;
use crate::model::{Paragraph, ParagraphStyle, StyleSheet};
use shape::{ShapedParagraph, StyledRun};

/// Resolves a paragraph's style and shapes its runs.
pub fn shape_model_paragraph(
    book: &FontBook,
    styles: &StyleSheet,
    para: &Paragraph,
    vertical: bool,
    grid_em: Option<f32>,
) -> (ParagraphStyle, ShapedParagraph) {
    let style = styles.resolve(para.style.as_deref(), &para.overrides);
    let runs: Vec<StyledRun> = para
        .runs
        .iter()
        .map(|r| StyledRun {
            text: &r.text,
            family: r.style.font_family.as_deref().unwrap_or(&style.font_family),
            bold: r.style.bold.unwrap_or(style.bold),
            size: r.style.size.unwrap_or(style.size),
            color: r.style.color.unwrap_or(style.color),
        })
        .collect();
    let mut shaped = shape::shape_paragraph_oriented(book, &style, &runs, vertical);
    if let Some(em) = grid_em {
        shape::snap_to_grid(&mut shaped, em);
    }
    (style, shaped)
}
