//! The galley (稿件) window: a story's whole text in a large editor beside the page, for long
//! copy that the inspector's field is too small for; typing is one undo step per burst, as in
//! the inspector, and the window shows the story's 字数 and copyfit.

use super::EditorApp;
use super::i18n;
use crate::edit::{Command, story_text};

/// Shows the galley of the story `app.galley` names, if any.
pub fn window(app: &mut EditorApp, ctx: &egui::Context) {
    let Some(id) = app.galley.clone() else { return };
    let Some(story) = app.doc.stories.iter().find(|s| s.id == id).cloned() else {
        app.galley = None;
        return;
    };
    let s = app.strings();
    let fit = crate::check::story_fits(app.layout()).into_iter().find(|f| f.story == id);
    let mut open = true;
    egui::Window::new(i18n::fill(s.galley_title, &id)).open(&mut open).default_size([520.0, 640.0]).show(ctx, |ui| {
        let mut text = story_text(&story);
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        let fit = fit.map_or(String::new(), |f| {
            if f.over > 0 { format!(" · 超 {} 字", f.over) } else { format!(" · 差 {} 字", f.short) }
        });
        ui.label(format!("{chars} 字{fit}"));
        egui::ScrollArea::vertical().show(ui, |ui| {
            let edit = egui::TextEdit::multiline(&mut text).desired_width(f32::INFINITY).desired_rows(30);
            if ui.add(edit).changed() {
                app.command_merged(Command::SetStoryText { story: id.clone(), text }, format!("story:{id}"));
            }
        });
    });
    if !open {
        app.galley = None;
    }
}
