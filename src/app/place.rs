//! Placing new elements: text frames (with a story of their own), tables, QR codes, images and
//! PDF pages, rules and boxes — each added by one `Command::Add` and selected, the tool put down.

use super::{EditorApp, Modal, Tool};
use crate::edit::{Command, unique_element_id};
use crate::model::{
    Element, ElementKind, ImageElement, ImageFit, Paragraph, Run, Shape, ShapeKind, Story, Stroke as PStroke, Table,
    TextFrame,
};
use crate::units::{Rect as PRect, mm_to_pt};

/// A new element named by its id, unlocked, shown, with no text wrap.
pub fn new_element(id: String, frame: PRect, kind: ElementKind) -> Element {
    Element { name: id.clone(), id, frame, locked: false, hidden: false, wrap: None, kind }
}

/// The size a click (rather than a drag) gives a new element of `tool`'s kind, at (x, y).
pub fn default_rect(tool: Tool, x: f32, y: f32) -> PRect {
    let (w, h) = match tool {
        Tool::Text => (50.0, 30.0),
        Tool::Table => (80.0, 30.0),
        Tool::Qr => (25.0, 25.0),
        Tool::Image => (60.0, 40.0),
        Tool::Rule => (60.0, 2.0),
        _ => (50.0, 30.0),
    };
    PRect::new(x, y, mm_to_pt(w), mm_to_pt(h))
}

/// Adds a new element of `tool`'s kind in `r` (pt) on `page`.
pub fn create(app: &mut EditorApp, tool: Tool, page: usize, r: PRect) {
    let base = match tool {
        Tool::Text => "text",
        Tool::Table => "table",
        Tool::Qr => {
            app.modal = Some(Modal::QrPayload { page, frame: r, text: "https://".into() });
            return;
        }
        Tool::Image => {
            app.files.pick_image(page, r);
            return;
        }
        Tool::Rule => "rule",
        Tool::Box => "box",
        Tool::Select => return,
    };
    let id = unique_element_id(&app.doc, base);
    let (kind, story) = match tool {
        Tool::Text => {
            let style = app.doc.styles.paragraph.contains_key("正文").then(|| "正文".to_string());
            let story = Story {
                id: id.clone(),
                frames: vec![id.clone()],
                paragraphs: vec![Paragraph { style, runs: vec![Run::default()], ..Default::default() }],
                jump_lines: false,
            };
            (ElementKind::Text(TextFrame::default()), Some(story))
        }
        Tool::Table => (ElementKind::Table(Table::new(3, 3)), None),
        Tool::Rule => (
            ElementKind::Shape(Shape {
                kind: ShapeKind::Line,
                fill: None,
                stroke: Some(PStroke { width: 1.0, color: crate::color::Color::BLACK }),
            }),
            None,
        ),
        _ => (
            ElementKind::Shape(Shape {
                kind: ShapeKind::Rect,
                fill: None,
                stroke: Some(PStroke { width: 0.5, color: crate::color::Color::BLACK }),
            }),
            None,
        ),
    };
    add_element(app, page, new_element(id, r, kind), story);
}

pub fn add_element(app: &mut EditorApp, page: usize, mut element: Element, story: Option<Story>) {
    // A new element is named in the UI's language: 图片 2, text 3 (its id stays `image-2`).
    if element.name == element.id
        && let Some((_, n)) = element.id.rsplit_once('-')
    {
        element.name = format!("{} {n}", super::panels::kind_word(app.strings(), &element.kind));
    }
    app.selection = vec![element.id.clone()];
    app.command(Command::Add { page, element, story });
    app.tool = Tool::Select;
}

pub fn add_qr(app: &mut EditorApp, page: usize, frame: PRect, payload: String) {
    let id = unique_element_id(&app.doc, "qr");
    let qr = crate::model::QrCode {
        payload,
        ec_level: Default::default(),
        quiet_zone: 4,
        color: crate::color::Color::BLACK,
    };
    let side = frame.w.min(frame.h);
    let frame = PRect::new(frame.x, frame.y, side, side);
    add_element(app, page, new_element(id, frame, ElementKind::Qr(qr)), None);
}

pub fn add_image(app: &mut EditorApp, page: usize, frame: PRect, path: String) {
    let id = unique_element_id(&app.doc, "image");
    let kind = ElementKind::Image(ImageElement { path, fit: ImageFit::Fit, ..Default::default() });
    add_element(app, page, new_element(id, frame, kind), None);
}
