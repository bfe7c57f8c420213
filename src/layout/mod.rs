//! The layout engine: `Document` → one `PageFrame` per page, shared by every painter.
//!
//! Stories are flowed once through their frame chains; each element then contributes its
//! items in z-order (frames' fills under their text). Problems (overset, missing glyphs, fonts
//! and images) are collected in per-element reports, never panics.

pub mod cache;
pub mod caret;
pub mod fields;
pub mod frame;
pub mod grid;
pub mod image;
pub mod jump;
pub mod placed_pdf;
pub mod problem;
pub mod qr;
pub mod table;
pub mod text;

use std::collections::HashMap;
use std::path::Path;

pub use cache::LayoutCache;

use crate::fonts::FontBook;
use crate::model::{Document, ElementKind, ShapeKind};
use frame::{ElementReport, FrameItem, ImageItem, PageFrame, PathItem, PathShape};
use text::flow::{FlowFrame, FramedText, flow_story};

/// What keeps text frame `id` free: the elements above it on its page with text wrap, each
/// frame grown by its wrap offset, with the side rule.
fn wrap_obstacles(doc: &Document, id: &str) -> Vec<text::flow::Obstacle> {
    let Some(page) = doc.pages.iter().find(|p| p.elements.iter().any(|e| e.id == id)) else { return Vec::new() };
    let below = page.elements.iter().position(|e| e.id == id).unwrap_or(0);
    page.elements[below + 1..]
        .iter()
        .filter(|e| !e.hidden)
        .filter_map(|e| {
            let w = e.wrap?;
            let [top, right, bottom, left] = w.offset;
            let f = e.frame;
            let rect = crate::units::Rect::new(f.x - left, f.y - top, f.w + left + right, f.h + top + bottom);
            Some(text::flow::Obstacle { rect, side: w.side, min_span: w.min_span })
        })
        .collect()
}

/// Lays out every page. `base_dir` is the layout file's folder (images are relative to it).
pub fn layout_document(doc: &Document, book: &FontBook, base_dir: &Path) -> Vec<PageFrame> {
    layout_document_cached(doc, book, base_dir, &mut LayoutCache::default())
}

/// Lays out every page, taking from `cache` the stories, tables and images that did not change
/// since it was last used (`cache.relaid` then names what was laid out anew).
pub fn layout_document_cached(
    doc: &Document,
    book: &FontBook,
    base_dir: &Path,
    cache: &mut LayoutCache,
) -> Vec<PageFrame> {
    cache.begin();
    let mut framed = flow_all_stories(doc, book, cache);
    let pages = doc
        .pages
        .iter()
        .enumerate()
        .map(|(p, page)| {
            let mut out = PageFrame { width: page.width, height: page.height, bleed: page.bleed, ..Default::default() };
            let fields = fields::PageFields::of(doc, p);
            let master = doc.master_of(page).map_or(&[][..], |m| m.elements.as_slice());
            for el in master.iter().filter(|e| !e.hidden) {
                let text =
                    matches!(el.kind, ElementKind::Text(_)).then(|| master_text(doc, book, el, &fields)).flatten();
                place_element(&mut out, el, text, book, base_dir, cache);
            }
            for el in page.elements.iter().filter(|e| !e.hidden) {
                place_element(&mut out, el, framed.remove(&el.id), book, base_dir, cache);
            }
            out
        })
        .collect();
    cache.end();
    pages
}

/// Adds one element's items and report to the page; `text` is what its story set in it.
fn place_element(
    out: &mut PageFrame,
    el: &crate::model::Element,
    text: Option<FramedText>,
    book: &FontBook,
    base_dir: &Path,
    cache: &mut LayoutCache,
) {
    match &el.kind {
        ElementKind::Text(t) => {
            if t.fill.is_some() || t.stroke.is_some() {
                out.items.push(FrameItem::Path(PathItem {
                    element: el.id.clone(),
                    shape: PathShape::Rect(el.frame),
                    fill: t.fill,
                    stroke: t.stroke.map(|s| (s.width, s.color)),
                }));
            }
            let text = text.unwrap_or_else(|| FramedText {
                runs: Vec::new(),
                lines: Vec::new(),
                carets: Vec::new(),
                report: ElementReport { element: el.id.clone(), kind: "text", ..Default::default() },
            });
            if let Some(rule) = t.column_rule {
                let area = el.frame.inset(t.inset);
                let columns = text::flow::text_columns(area, t.columns, t.column_gap, t.vertical);
                out.items.extend(column_rules(&el.id, area, &columns, rule));
            }
            out.items.extend(text.runs.into_iter().map(FrameItem::Text));
            out.lines.extend(text.lines);
            out.carets.extend(text.carets);
            out.reports.push(text.report);
        }
        ElementKind::Table(t) => {
            let (items, report) = cache.table(el, || table::layout_table(book, el, t));
            out.items.extend(items);
            out.reports.push(report);
        }
        ElementKind::Qr(q) => {
            let mut report = ElementReport { element: el.id.clone(), kind: "qr", ..Default::default() };
            match qr::qr_modules(q, el.frame) {
                Ok((rects, module)) => {
                    report.qr = Some(frame::QrReport { module_pt: module, quiet_zone: q.quiet_zone, color: q.color });
                    out.items.push(FrameItem::Path(PathItem {
                        element: el.id.clone(),
                        shape: PathShape::Rects(rects),
                        fill: Some(q.color),
                        stroke: None,
                    }))
                }
                Err(e) => report.errors.push(e),
            }
            out.reports.push(report);
        }
        ElementKind::Image(img) => {
            let mut report = ElementReport { element: el.id.clone(), kind: "image", ..Default::default() };
            match cache.image(&base_dir.join(&img.path), img.page.unwrap_or(1)) {
                Ok(loaded) => {
                    let rect = image::place_content(el.frame, loaded.natural_size(), img);
                    report.image_ppi = loaded.pdf.is_none().then(|| image::effective_ppi(&loaded, rect));
                    let element = el.id.clone();
                    out.items.push(FrameItem::Image(ImageItem { rect, clip: el.frame, image: loaded, element }));
                }
                Err(e) => report.errors.push(e),
            }
            out.reports.push(report);
        }
        ElementKind::Shape(s) => {
            let shape = match s.kind {
                ShapeKind::Rect => PathShape::Rect(el.frame),
                ShapeKind::Line => {
                    let f = el.frame;
                    if f.w >= f.h {
                        let y = f.y + f.h / 2.0;
                        PathShape::Line { x1: f.x, y1: y, x2: f.right(), y2: y }
                    } else {
                        let x = f.x + f.w / 2.0;
                        PathShape::Line { x1: x, y1: f.y, x2: x, y2: f.bottom() }
                    }
                }
            };
            out.items.push(FrameItem::Path(PathItem {
                element: el.id.clone(),
                shape,
                fill: if s.kind == ShapeKind::Rect { s.fill } else { None },
                stroke: s.stroke.map(|st| (st.width, st.color)),
            }));
        }
    }
}

/// A master page's text frame on one page: its story set in it alone, fields filled in.
fn master_text(
    doc: &Document,
    book: &FontBook,
    el: &crate::model::Element,
    fields: &fields::PageFields,
) -> Option<FramedText> {
    let ElementKind::Text(t) = &el.kind else { return None };
    let (story, _) = doc.story_of_frame(&el.id)?;
    let story = fields.fill_story(story);
    let frame = FlowFrame {
        element: el.id.clone(),
        vertical: t.vertical,
        balance: t.balance,
        grid: None,
        area: el.frame.inset(t.inset),
        columns: t.columns,
        column_gap: t.column_gap,
        valign: t.valign,
        reserve: (0.0, 0.0),
        obstacles: Vec::new(),
    };
    let mut framed = flow_story(book, &doc.styles, &story.paragraphs, &[frame]).into_iter().next()?;
    framed.report.story = Some(story.id.clone());
    Some(framed)
}

/// Rules down the middle of the gaps between a frame's columns, the height of its text area.
fn column_rules(
    element: &str,
    area: crate::units::Rect,
    columns: &[crate::units::Rect],
    rule: crate::model::Stroke,
) -> Vec<FrameItem> {
    columns
        .windows(2)
        .map(|pair| {
            let x = (pair[0].right() + pair[1].x) / 2.0;
            FrameItem::Path(PathItem {
                element: element.to_string(),
                shape: PathShape::Line { x1: x, y1: area.y, x2: x, y2: area.bottom() },
                fill: None,
                stroke: Some((rule.width, rule.color)),
            })
        })
        .collect()
}

/// Flows every story through its frames; the result is keyed by frame id.
fn flow_all_stories(doc: &Document, book: &FontBook, cache: &mut LayoutCache) -> HashMap<String, FramedText> {
    let mut out = HashMap::new();
    for story in &doc.stories {
        let frames: Vec<FlowFrame> = story
            .frames
            .iter()
            .filter_map(|id| {
                let (_, el) = doc.element(id).filter(|(_, e)| !e.hidden)?;
                match &el.kind {
                    ElementKind::Text(t) => Some(FlowFrame {
                        element: id.clone(),
                        vertical: t.vertical,
                        balance: t.balance,
                        grid: grid::frame_grid(doc, story, id),
                        area: el.frame.inset(t.inset),
                        columns: t.columns,
                        column_gap: t.column_gap,
                        valign: t.valign,
                        reserve: (0.0, 0.0),
                        obstacles: if t.ignore_wrap { Vec::new() } else { wrap_obstacles(doc, id) },
                    }),
                    _ => None,
                }
            })
            .collect();
        if frames.is_empty() {
            continue;
        }
        // Fields are those of the page the story starts on.
        let first_page = doc.element(&frames[0].element).map_or(0, |(p, _)| p);
        let story = fields::PageFields::of(doc, first_page).fill_story(story);
        let jumps = jump::jumps(doc, &story, &frames);
        let mut frames = frames;
        let strips = jump::reserve(doc, &story, &mut frames, &jumps);
        let mut flowed =
            cache.story(&story, frames, &doc.styles, |frames| flow_story(book, &doc.styles, &story.paragraphs, frames));
        // Jump lines name other pages' labels: set anew every time, never cached.
        jump::set(book, doc, &story, &jumps, &strips, &mut flowed);
        for mut framed in flowed {
            framed.report.story = Some(story.id.clone());
            out.insert(framed.report.element.clone(), framed);
        }
    }
    out
}
