//! The CJK text engine: shaping into pieces (`shape`), Chinese line breaking and justification
//! (`line`), the character classes and 禁则 tables (`class`), vertical forms and 縦中横
//! (`vertical`), and flowing a story through its frames' columns (`flow`).

pub mod class;
pub mod flow;
pub mod line;
pub mod shape;
mod vertical;

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
    let own: Vec<_> = para.runs.iter().map(|r| styles.resolve_run(&r.style)).collect();
    let runs: Vec<StyledRun> = para
        .runs
        .iter()
        .zip(&own)
        .map(|(r, own)| StyledRun {
            text: &r.text,
            family: own.font_family.as_deref().unwrap_or(&style.font_family),
            bold: own.bold.unwrap_or(style.bold),
            size: own.size.unwrap_or(style.size),
            color: own.color.unwrap_or(style.color),
        })
        .collect();
    let mut shaped = shape::shape_paragraph_oriented(book, &style, &runs, vertical);
    if let Some(em) = grid_em {
        shape::snap_to_grid(&mut shaped, em);
    }
    (style, shaped)
}
