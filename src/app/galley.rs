//! The galley (稿件) window: a story's whole text in a large editor beside the page, for long
//! copy that the inspector's field is too small for; typing is one undo step per burst, as in
//! the inspector, and the window shows the story's 字数 and copyfit. Also the style shortcuts
//! that act on the selected frames' stories.

use super::EditorApp;
use super::i18n;
use crate::edit::{Command, story_text};

/// Opens the galley of the selected text frame's story.
pub fn open(app: &mut EditorApp) {
    if let [id] = app.selection.as_slice()
        && let Some((story, _)) = app.doc.story_of_frame(id)
    {
        app.galley = Some(story.id.clone());
    } else {
        let msg = app.strings().galley_needs_frame.to_string();
        app.info(msg);
    }
}

/// Applies the `n`th paragraph style (in the style list's order) to every paragraph of the
/// selected text frames' stories: the shortcut Ctrl+Alt+1…9.
pub fn apply_style_shortcut(app: &mut EditorApp, n: usize) {
    let Some(name) = app.doc.styles.paragraph.keys().nth(n).cloned() else { return };
    for id in app.selection.clone() {
        if let Some((story, _)) = app.doc.story_of_frame(&id) {
            let mut story = story.clone();
            story.paragraphs.iter_mut().for_each(|p| p.style = Some(name.clone()));
            app.command(Command::ReplaceStory { story });
        }
    }
}

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
    // Opens below the menu bar and toolbar, beside the pages panel.
    let window = egui::Window::new(i18n::fill(s.galley_title, &id))
        .open(&mut open)
        .default_size([520.0, 640.0])
        .default_pos([240.0, 80.0])
        .constrain(true);
    window.show(ctx, |ui| {
        let mut text = story_text(&story);
        // 字数: what prints (no spaces, no invisible characters).
        let ignorable = crate::layout::text::class::is_default_ignorable;
        let chars = text.chars().filter(|c| !c.is_whitespace() && !ignorable(*c)).count();
        let fit = fit.map_or(String::new(), |f| {
            let n = if f.over > 0 {
                i18n::fill(s.characters_over, f.over)
            } else {
                i18n::fill(s.characters_short, f.short)
            };
            format!(" · {n}")
        });
        let label = ui.label(format!("{}{fit}", i18n::fill(s.n_chars, chars)));
        egui::ScrollArea::vertical().show(ui, |ui| {
            let edit = egui::TextEdit::multiline(&mut text).desired_width(f32::INFINITY).desired_rows(30);
            if ui.add(edit).labelled_by(label.id).changed()
                && let Some(cmd) = crate::edit::plain_text_edit(&story, &text)
            {
                app.command_merged(cmd, format!("story:{id}"));
            }
        });
    });
    if !open {
        app.galley = None;
    }
}
