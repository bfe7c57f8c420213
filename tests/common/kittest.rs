//! Shared helpers for the editor's kittests: a harness on an editor, and a pointer drag.
#![allow(dead_code)]

use egui::{Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use paiban::app::EditorApp;

/// A 1400 × 950 window on `app`, frames a sixtieth of a second apart (so two clicks make a
/// double-click), with the accessibility check on.
pub fn harness_of(app: EditorApp) -> Harness<'static, EditorApp> {
    let book = paiban_book();
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 950.0))
        .with_max_steps(16)
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(move |ctx| EditorApp::install_fonts(ctx, book))
        .build_ui_state(|ui, app: &mut EditorApp| app.ui(ui), app);
    h.run_ok();
    h
}

fn paiban_book() -> &'static paiban::FontBook {
    static BOOK: std::sync::OnceLock<paiban::FontBook> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| paiban::FontBook::bundled().expect("bundled fonts"))
}

/// Drags with the primary button from `a` to `b` in five moves, and drops: the frame of the
/// drop has run, the frames after it have not.
pub fn drag(h: &mut Harness<'static, EditorApp>, a: Pos2, b: Pos2) {
    h.hover_at(a);
    h.step();
    h.drag_at(a);
    h.step();
    for i in 1..=5 {
        h.hover_at(a + (b - a) * (i as f32 / 5.0));
        h.step();
    }
    h.drop_at(b);
    h.step();
}

/// Sends a copy and returns the text the editor put on the system clipboard.
pub fn copy_out(h: &mut Harness<'static, EditorApp>) -> String {
    h.event(egui::Event::Copy);
    h.step();
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| if let egui::OutputCommand::CopyText(t) = c { Some(t.clone()) } else { None })
        .expect("text on the system clipboard")
}

/// Types `text` into the inspector's number field labelled `label`, key by key as a person
/// types (a half-typed value must not apply), and presses `key`.
pub fn type_into_number(h: &mut Harness<'static, EditorApp>, label: &str, text: &str, key: egui::Key) {
    h.get_by_label(label).click();
    h.run_ok();
    for c in text.chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.run_ok();
    }
    h.key_press(key);
    h.run_ok();
}

/// Steps until the typed-path dialog shows (no desktop portal here), for up to two seconds.
pub fn path_entry_shown(h: &mut Harness<'static, EditorApp>) -> bool {
    for _ in 0..100 {
        h.step();
        if matches!(h.state().modal, Some(paiban::app::Modal::PathEntry { .. })) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}
