//! `paiban compose`: set a piece of text at a given measure without a layout file, through the
//! very same path as a page (a one-frame document laid out by `layout::layout_document`), and
//! report each line and each character's box in em. A typographer's quick check of the rules.

use serde::Serialize;

use crate::fonts::FontBook;
use crate::layout::frame::FrameItem;
use crate::model::{
    ColumnGrid, Document, Element, ElementKind, Kinsoku, Margins, Page, Paragraph, PunctStyle, Run, Story, StyleProps,
    TextFrame,
};
use crate::units::Rect;

/// What to compose.
#[derive(Clone, Debug)]
pub struct ComposeRequest {
    pub text: String,
    pub family: String,
    pub size: f32,
    /// The measure in em of `size`.
    pub width_em: f32,
    pub kinsoku: Kinsoku,
    pub punct: PunctStyle,
    pub vertical: bool,
    /// First-line indent in em.
    pub indent_em: f32,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ComposedGlyph {
    pub char: String,
    /// Offset of the character's box from the line's start, in em (y for vertical text).
    pub offset: f32,
    /// The box's advance in em.
    pub advance: f32,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ComposedLine {
    pub text: String,
    pub glyphs: Vec<ComposedGlyph>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Composed {
    pub font: String,
    pub size: f32,
    pub width_em: f32,
    pub vertical: bool,
    pub lines: Vec<ComposedLine>,
}

/// A one-frame document holding `req.text` as a justified paragraph with no indent.
pub fn document_for(req: &ComposeRequest) -> Document {
    let measure = req.width_em * req.size;
    let lines_room = (req.text.chars().count() as f32 + 4.0) * req.size * 3.0;
    let (w, h) = if req.vertical { (lines_room, measure) } else { (measure, lines_room) };
    let frame = Element {
        id: "compose".into(),
        name: "compose".into(),
        frame: Rect::new(0.0, 0.0, w, h),
        locked: false,
        hidden: false,
        wrap: None,
        kind: ElementKind::Text(TextFrame { vertical: req.vertical, ..TextFrame::default() }),
    };
    let props = StyleProps {
        font_family: Some(req.family.clone()),
        size: Some(req.size),
        leading: Some(req.size * 1.5),
        indent: Some(req.indent_em),
        kinsoku: Some(req.kinsoku),
        punct: Some(req.punct),
        ..Default::default()
    };
    Document {
        title: String::new(),
        swatches: Vec::new(),
        masters: Vec::new(),
        variables: Default::default(),
        pages: vec![Page {
            width: w,
            height: h,
            margins: Margins::default(),
            grid: ColumnGrid { columns: 1, gutter: 0.0 },
            baseline: None,
            bleed: 0.0,
            label: None,
            master: None,
            elements: vec![frame],
        }],
        stories: vec![Story {
            id: "compose".into(),
            frames: vec!["compose".into()],
            paragraphs: req
                .text
                .split('\n')
                .map(|t| Paragraph {
                    style: None,
                    overrides: props.clone(),
                    runs: vec![Run { text: t.to_string(), style: Default::default() }],
                })
                .collect(),
            jump_lines: false,
        }],
        styles: Default::default(),
    }
}

/// Composes the request and reports its lines.
pub fn compose(book: &FontBook, req: &ComposeRequest) -> Composed {
    let doc = document_for(req);
    let pages = crate::layout::layout_document(&doc, book, std::path::Path::new("."));
    let em = req.size;
    let mut lines: Vec<ComposedLine> = Vec::new();
    let mut current: Option<u32> = None;
    for item in pages.iter().flat_map(|p| &p.items) {
        let FrameItem::Text(run) = item else { continue };
        if current != Some(run.line) {
            current = Some(run.line);
            lines.push(ComposedLine { text: String::new(), glyphs: Vec::new() });
        }
        let Some(line) = lines.last_mut() else { continue };
        for g in run.glyphs.iter().filter(|g| !g.text.is_empty()) {
            line.text.push_str(&g.text);
            line.glyphs.push(ComposedGlyph { char: g.text.clone(), offset: g.box_x / em, advance: g.box_w / em });
        }
    }
    Composed { font: req.family.clone(), size: req.size, width_em: req.width_em, vertical: req.vertical, lines }
}
