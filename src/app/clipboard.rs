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
        Ok(doc) => insert(app, doc, 0.0),
        Err(e) => app.error(format!("paste: {e}")),
    }
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
