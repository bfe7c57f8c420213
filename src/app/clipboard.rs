//! Cut, copy, paste and duplicate of elements. Copied elements travel as a small layout file on
//! the system clipboard, so they paste into another open paiban window too.

use super::EditorApp;
use crate::edit::{Command, unique_element_id};
use crate::model::{Document, Page, Story};

/// Marks clipboard text as paiban elements.
const MARK: &str = "paiban-elements\n";

/// The selected elements (and the stories that flow only through them) as a one-page layout.
fn selection_as_document(app: &EditorApp) -> Option<Document> {
    let page = app.doc.pages.get(app.page)?;
    let elements: Vec<_> = page.elements.iter().filter(|e| app.selection.contains(&e.id)).cloned().collect();
    if elements.is_empty() {
        return None;
    }
    let ids: Vec<&String> = elements.iter().map(|e| &e.id).collect();
    let stories: Vec<Story> = app
        .doc
        .stories
        .iter()
        .filter(|s| s.frames.iter().any(|f| ids.contains(&f)))
        .map(|s| Story { frames: s.frames.iter().filter(|f| ids.contains(f)).cloned().collect(), ..s.clone() })
        .collect();
    Some(Document {
        title: String::new(),
        pages: vec![Page { elements, ..page.clone() }],
        stories,
        styles: app.doc.styles.clone(),
        swatches: app.doc.swatches.clone(),
        masters: Vec::new(),
        variables: app.doc.variables.clone(),
    })
}

pub fn copy(app: &mut EditorApp, ctx: &egui::Context, cut: bool) {
    let Some(doc) = selection_as_document(app) else {
        return;
    };
    ctx.copy_text(format!("{MARK}{}", crate::io::to_json(&doc)));
    if cut {
        app.delete_selection();
    }
}

/// Pastes elements copied from paiban (text that is not is ignored here).
pub fn paste(app: &mut EditorApp, text: &str) {
    let Some(json) = text.strip_prefix(MARK) else {
        return;
    };
    match crate::io::from_json(json) {
        Ok(doc) => {
            let offset = paste_offset(app, &doc);
            insert(app, doc, offset)
        }
        Err(e) => app.error(super::file_words::app_error(app.lang, &super::errors::AppError::Paste(Box::new(e)))),
    }
}

/// Where a paste lands: in place, unless that would cover elements of the same frame on this
/// page exactly (a paste beside its original) — then 5 mm down and right, as often as needed.
fn paste_offset(app: &EditorApp, doc: &Document) -> f32 {
    let step = crate::units::mm_to_pt(5.0);
    let Some(here) = app.doc.pages.get(app.page) else { return 0.0 };
    let pasted: Vec<_> = doc.pages.iter().flat_map(|p| &p.elements).map(|e| e.frame).collect();
    let covers = |offset: f32| {
        pasted.iter().any(|f| {
            here.elements.iter().any(|e| {
                (e.frame.x - f.x - offset).abs() < 0.01
                    && (e.frame.y - f.y - offset).abs() < 0.01
                    && (e.frame.w - f.w).abs() < 0.01
                    && (e.frame.h - f.h).abs() < 0.01
            })
        })
    };
    (0..20).map(|n| n as f32 * step).find(|o| !covers(*o)).unwrap_or(0.0)
}

pub fn duplicate(app: &mut EditorApp) {
    if let Some(doc) = selection_as_document(app) {
        insert(app, doc, crate::units::mm_to_pt(5.0));
    }
}

/// Adds a copied document's elements to the current page under fresh ids, shifted by `offset`;
/// their stories come along (renamed), and any paragraph styles this document lacks.
fn insert(app: &mut EditorApp, mut doc: Document, offset: f32) {
    let Some(page) = doc.pages.pop() else { return };
    let mut scratch = app.doc.clone();
    let mut renamed = std::collections::HashMap::new();
    let mut elements = Vec::new();
    for mut el in page.elements {
        let id = unique_element_id(&scratch, &el.id);
        renamed.insert(el.id.clone(), id.clone());
        // An element named by its id takes its new id as its name (the list shows names).
        if el.name == el.id {
            el.name = id.clone();
        }
        el.id = id;
        el.frame.x += offset;
        el.frame.y += offset;
        // Reserve the id so the next element does not take it.
        scratch.pages[0].elements.push(el.clone());
        elements.push(el);
    }
    let mut stories: Vec<Story> = doc
        .stories
        .into_iter()
        .map(|s| {
            let frames: Vec<String> = s.frames.iter().filter_map(|f| renamed.get(f).cloned()).collect();
            let id = (1..)
                .map(|n| format!("{}-{n}", s.id))
                .find(|id| !app.doc.stories.iter().any(|x| &x.id == id))
                .unwrap_or_default();
            Story { id, frames, ..s }
        })
        .collect();
    app.history.close_group();
    app.command_merged(Command::AddStyles { styles: doc.styles }, "paste".into());
    let mut new_ids = Vec::new();
    for el in elements {
        let story = stories.iter().position(|s| s.frames.first() == Some(&el.id)).map(|i| stories.remove(i));
        new_ids.push(el.id.clone());
        app.command_merged(Command::Add { page: app.page, element: el, story }, "paste".into());
    }
    app.selection = new_ids;
}

/// Where styled text copied in a paiban window waits for a paste in any paiban window (the
/// system clipboard carries the plain text, for every other application).
fn styled_clip_path() -> std::path::PathBuf {
    let user = std::env::var("USER").unwrap_or_default();
    std::env::var_os("XDG_RUNTIME_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
        .join(format!("paiban-styled-clipboard-{user}.json"))
}

/// Keeps copied paragraphs with their runs and styles beside their plain text.
pub fn remember_styled_text(doc: &Document, paragraphs: &[crate::model::Paragraph], plain: &str) {
    let frame = crate::model::Element {
        id: "clip".into(),
        name: "clip".into(),
        frame: crate::units::Rect::new(0.0, 0.0, 100.0, 100.0),
        locked: false,
        hidden: false,
        wrap: None,
        kind: crate::model::ElementKind::Text(Default::default()),
    };
    let Some(page) = doc.pages.first() else { return };
    let clip = Document {
        title: plain.to_string(),
        pages: vec![Page { elements: vec![frame], master: None, ..page.clone() }],
        stories: vec![Story {
            id: "clip".into(),
            frames: vec!["clip".into()],
            paragraphs: paragraphs.to_vec(),
            jump_lines: false,
        }],
        styles: doc.styles.clone(),
        swatches: doc.swatches.clone(),
        masters: Vec::new(),
        variables: Default::default(),
    };
    let _ = crate::io::write_atomically(&styled_clip_path(), crate::io::to_json(&clip).as_bytes());
}

/// The styled paragraphs copied in paiban whose plain text is `plain` (what the system
/// clipboard now holds), with the styles they use; `None` when the clipboard holds something
/// else.
pub fn styled_text_for(plain: &str) -> Option<(Vec<crate::model::Paragraph>, crate::model::StyleSheet)> {
    std::fs::metadata(styled_clip_path()).ok().filter(|m| m.is_file() && m.len() < 64 << 20)?;
    let json = std::fs::read_to_string(styled_clip_path()).ok()?;
    let doc = crate::io::from_json(&json).ok()?;
    let story = doc.stories.into_iter().next()?;
    let text = story.paragraphs.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    (doc.title == plain && text == plain).then_some((story.paragraphs, doc.styles))
}

/// Pasted paragraphs made safe for `doc`: character styles it does not have are resolved into
/// the runs' own settings (so the saved file still loads); paragraph styles it lacks are added.
pub fn adopt_styled_text(
    doc: &Document,
    mut paragraphs: Vec<crate::model::Paragraph>,
    styles: &crate::model::StyleSheet,
) -> (Vec<crate::model::Paragraph>, crate::model::StyleSheet) {
    for run in paragraphs.iter_mut().flat_map(|p| &mut p.runs) {
        if run.style.name.as_ref().is_some_and(|n| !doc.styles.character.contains_key(n)) {
            run.style = crate::model::CharStyle { name: None, ..styles.resolve_run(&run.style) };
        }
    }
    let mut missing = crate::model::StyleSheet::default();
    for p in &paragraphs {
        if let Some(name) = &p.style
            && !doc.styles.paragraph.contains_key(name)
            && let Some(s) = styles.paragraph.get(name)
        {
            missing.paragraph.insert(name.clone(), s.clone());
        }
    }
    (paragraphs, missing)
}
