//! Copy arriving in the editor: files dropped on the window — .txt and .docx into the
//! selected text frame's story (or a new frame), .csv/.tsv as a new table — and tab-separated
//! text pasted into the selected table. Text may be UTF-8 or GB18030 (`crate::import`).

use std::path::Path;

use super::EditorApp;
use super::errors::AppError;
use super::place::{add_element, new_element};
use crate::edit::{Command, unique_element_id};
use crate::import;
use crate::model::{Element, ElementKind, Paragraph, Run, Story, TextFrame};
use crate::units::{Rect, mm_to_pt};

/// Imports every file dropped on the window this frame.
pub fn handle_drops(app: &mut EditorApp, ctx: &egui::Context) {
    let dropped = ctx.input(|i| i.raw.dropped_files.clone());
    for file in dropped {
        if let Err(e) = import_file(app, file.path()) {
            let msg = super::file_words::app_error(app.lang, &e);
            app.error(msg);
        }
    }
}

/// Imports a file as if dropped on the current page.
pub fn import_file(app: &mut EditorApp, path: &Path) -> Result<(), AppError> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "pdf") {
        // A photo or an ad (PDF): placed on the page at 80 × 60 mm in the type area's corner,
        // fitted; the frame is then moved and sized as any other.
        let link = super::files::link_for(app, path)?;
        // A document always keeps a page, and the current one is kept in range.
        let Some(area) = app.doc.pages.get(app.page).map(|p| p.type_area()) else { return Ok(()) };
        let frame = crate::units::Rect::new(area.x, area.y, crate::units::mm_to_pt(80.0), crate::units::mm_to_pt(60.0));
        super::place::add_image(app, app.page, frame, link);
        return Ok(());
    }
    let bytes = crate::io::read_regular(path, import::MAX_IMPORT_BYTES)
        .map_err(|source| AppError::Read { file: path.into(), source })?;
    import_bytes(app, path, &bytes)
}

fn import_bytes(app: &mut EditorApp, path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let fail = |error: import::ImportError| AppError::Import { file: path.into(), error };
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" => {
            let paragraphs = import::paragraphs(&import::decode(bytes).map_err(fail)?);
            if paragraphs.is_empty() {
                return Err(fail(import::ImportError::Empty));
            }
            place_text(app, paragraphs.into_iter().map(|t| (None, t)).collect());
            Ok(())
        }
        "docx" => {
            let paragraphs = import::docx_paragraphs(bytes).map_err(fail)?;
            place_text(app, paragraphs.into_iter().map(|p| (p.style, p.text)).collect());
            Ok(())
        }
        "csv" | "tsv" => {
            let table = import::table(import::rows(&import::decode(bytes).map_err(fail)?).map_err(fail)?);
            place_table(app, table);
            Ok(())
        }
        _ => Err(AppError::NotImportable(path.into())),
    }
}

/// The selected element, when exactly one is selected.
fn selected(app: &EditorApp) -> Option<Element> {
    match app.selection.as_slice() {
        [id] => app.doc.element(id).map(|(_, e)| e.clone()),
        _ => None,
    }
}

/// Into the selected text frame's story, else a new frame at the top left of the type area.
/// Each paragraph takes the house style of its name (from Word) when the document has one,
/// else 正文.
fn place_text(app: &mut EditorApp, paragraphs: Vec<(Option<String>, String)>) {
    let body = app.doc.styles.paragraph.contains_key("正文").then(|| "正文".to_string());
    let paragraphs: Vec<Paragraph> = paragraphs
        .into_iter()
        .map(|(style, text)| Paragraph {
            style: style.filter(|s| app.doc.styles.paragraph.contains_key(s)).or_else(|| body.clone()),
            runs: vec![Run { text, style: Default::default() }],
            ..Default::default()
        })
        .collect();
    if let Some(el) = selected(app).filter(|e| matches!(e.kind, ElementKind::Text(_)))
        && let Some((story, _)) = app.doc.story_of_frame(&el.id)
    {
        let story = Story { paragraphs, ..story.clone() };
        app.command(Command::ReplaceStory { story });
        return;
    }
    let page = app.page;
    let area = app.doc.pages[page].type_area();
    let id = unique_element_id(&app.doc, "text");
    let story = Story { id: id.clone(), frames: vec![id.clone()], paragraphs, jump_lines: false };
    let frame = Rect::new(area.x, area.y, area.w / 2.0, area.h.min(mm_to_pt(100.0)));
    let kind = ElementKind::Text(TextFrame::default());
    add_element(app, page, new_element(id, frame, kind), Some(story));
}

/// A new table at the top left of the type area, a row per 6 mm.
fn place_table(app: &mut EditorApp, table: crate::model::Table) {
    let page = app.page;
    let area = app.doc.pages[page].type_area();
    let id = unique_element_id(&app.doc, "table");
    let h = (table.rows.len() as f32 * mm_to_pt(6.0)).clamp(mm_to_pt(12.0), area.h);
    let frame = Rect::new(area.x, area.y, area.w / 2.0, h);
    let kind = ElementKind::Table(table);
    add_element(app, page, new_element(id, frame, kind), None);
}

/// Tab-separated text pasted while one table is selected replaces its cells (its look stays).
/// Returns whether the paste was taken.
pub fn paste_into_table(app: &mut EditorApp, text: &str) -> bool {
    let Some(mut el) = selected(app) else { return false };
    let ElementKind::Table(t) = &mut el.kind else { return false };
    if !text.contains('\t') {
        return false;
    }
    let Ok(rows) = import::rows(text) else { return false };
    let imported = import::table(rows);
    t.rows = imported.rows;
    t.column_align = imported.column_align;
    t.column_widths.resize(t.column_align.len(), 1.0);
    t.column_widths.truncate(t.column_align.len());
    t.header_rows = t.header_rows.min(t.rows.len() as u32);
    app.command(Command::Replace { element: el });
    true
}
