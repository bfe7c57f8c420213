//! The left side: the page list (select, add, remove, reorder) and the elements of the current
//! page in stacking order (topmost first) with lock and hide toggles.

use super::EditorApp;
use super::i18n::fill;
use crate::edit::Command;
use crate::model::Page;

pub fn left(app: &mut EditorApp, ui: &mut egui::Ui) {
    let s = app.strings();
    egui::Panel::left("pages-elements").default_size(210.0).show(ui, |ui| {
        ui.heading(s.pages);
        for i in 0..app.doc.pages.len() {
            if ui.selectable_label(app.page == i, fill(s.page, i + 1)).clicked() && app.page != i {
                app.page = i;
                app.selection.clear();
                app.fit_pending = true;
            }
        }
        ui.horizontal_wrapped(|ui| {
            if ui.small_button(s.add_page).clicked() {
                let template = &app.doc.pages[app.page];
                let page = Page { elements: Vec::new(), ..template.clone() };
                app.command(Command::AddPage { at: app.page + 1, page });
                app.page += 1;
            }
            if ui.add_enabled(app.doc.pages.len() > 1, egui::Button::new(s.remove_page).small()).clicked() {
                app.command(Command::RemovePage { at: app.page });
                app.page = app.page.saturating_sub(1);
            }
            if ui.add_enabled(app.page > 0, egui::Button::new(s.move_up).small()).clicked() {
                app.command(Command::MovePage { from: app.page, to: app.page - 1 });
                app.page -= 1;
            }
            if ui.add_enabled(app.page + 1 < app.doc.pages.len(), egui::Button::new(s.move_down).small()).clicked() {
                app.command(Command::MovePage { from: app.page, to: app.page + 1 });
                app.page += 1;
            }
        });
        ui.separator();
        ui.heading(s.elements);
        egui::ScrollArea::vertical().show(ui, |ui| {
            let Some(page) = app.doc.pages.get(app.page) else {
                return;
            };
            let mut commands = Vec::new();
            let mut select = None;
            for el in page.elements.iter().rev() {
                ui.horizontal(|ui| {
                    let mut locked = el.locked;
                    let mut hidden = el.hidden;
                    if ui.toggle_value(&mut locked, s.lock_short).on_hover_text(s.lock).changed() {
                        commands.push(Command::Replace { element: crate::model::Element { locked, ..el.clone() } });
                    }
                    if ui.toggle_value(&mut hidden, s.hide_short).on_hover_text(s.hide).changed() {
                        commands.push(Command::Replace { element: crate::model::Element { hidden, ..el.clone() } });
                    }
                    let label = format!("{} · {}", el.name, el.kind.name());
                    let r = ui.selectable_label(app.selection.contains(&el.id), label);
                    if r.clicked() {
                        select = Some((el.id.clone(), ui.input(|i| i.modifiers.shift)));
                    }
                });
            }
            for c in commands {
                app.command(c);
            }
            if let Some((id, shift)) = select {
                if shift {
                    if !app.selection.contains(&id) {
                        app.selection.push(id);
                    }
                } else {
                    app.selection = vec![id];
                }
            }
        });
    });
}
