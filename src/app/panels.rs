//! The left side: the page list (select, add, remove, reorder) and the elements of the current
//! page in stacking order (topmost first) with lock and hide toggles.

use super::EditorApp;
use super::i18n::fill;
use crate::edit::Command;
use crate::model::{ElementKind, Page};

pub fn left(app: &mut EditorApp, ui: &mut egui::Ui) {
    let s = app.strings();
    egui::Panel::left("pages-elements").default_size(210.0).show(ui, |ui| {
        ui.heading(s.pages);
        // The buttons stay put above the pages, which wrap and scroll when there are many.
        ui.horizontal(|ui| {
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
        });
        ui.horizontal(|ui| {
            if ui.add_enabled(app.page > 0, egui::Button::new(s.move_up).small()).clicked() {
                app.command(Command::MovePage { from: app.page, to: app.page - 1 });
                app.page -= 1;
            }
            if ui.add_enabled(app.page + 1 < app.doc.pages.len(), egui::Button::new(s.move_down).small()).clicked() {
                app.command(Command::MovePage { from: app.page, to: app.page + 1 });
                app.page += 1;
            }
        });
        egui::ScrollArea::vertical().id_salt("pages").max_height(150.0).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for i in 0..app.doc.pages.len() {
                    if ui.selectable_label(app.page == i, fill(s.page, i + 1)).clicked() && app.page != i {
                        app.page = i;
                        app.selection.clear();
                        app.fit_pending = true;
                    }
                }
            });
        });
        links(app, ui);
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
                    let kind = kind_word(s, &el.kind);
                    let label = format!("{} · {kind}", el.name);
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

/// What kind of element this is, in the UI's language.
pub fn kind_word(s: &super::i18n::Strings, kind: &ElementKind) -> &'static str {
    match kind {
        ElementKind::Text(_) => s.kinds[0],
        ElementKind::Table(_) => s.kinds[1],
        ElementKind::Qr(_) => s.kinds[2],
        ElementKind::Image(_) => s.kinds[3],
        ElementKind::Shape(_) => s.kinds[4],
    }
}

/// A placed file's state, as the links panel shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkStatus {
    Ok,
    Missing,
    /// Outside the layout's folder (absolute, `..` or a link out).
    Outside,
}

/// The state of the file an image element places, relative to the layout's folder `base`.
pub fn link_status(base: &std::path::Path, path: &str) -> LinkStatus {
    let full = base.join(path);
    if !full.is_file() {
        return LinkStatus::Missing;
    }
    let inside = match (full.canonicalize(), base.canonicalize()) {
        (Ok(f), Ok(b)) => f.starts_with(b),
        _ => false,
    };
    if inside { LinkStatus::Ok } else { LinkStatus::Outside }
}

/// The links panel: every placed image and PDF in the document, its state, page and effective
/// ppi, with relink.
fn links(app: &mut EditorApp, ui: &mut egui::Ui) {
    let s = app.strings();
    let base = app.base_dir();
    let placed: Vec<(usize, String, String)> = app
        .doc
        .pages
        .iter()
        .enumerate()
        .flat_map(|(p, page)| page.elements.iter().map(move |e| (p, e)))
        .filter_map(|(p, e)| match &e.kind {
            crate::model::ElementKind::Image(img) => Some((p, e.id.clone(), img.path.clone())),
            _ => None,
        })
        .collect();
    if placed.is_empty() {
        return;
    }
    ui.separator();
    ui.heading(s.links);
    let mut relink = None;
    for (p, id, path) in placed {
        let status = link_status(&base, &path);
        let report = app.layout.get(p).and_then(|pf| pf.reports.iter().find(|r| r.element == id));
        let ppi = report.and_then(|r| r.image_ppi);
        // A file that is there but cannot be placed (not an image, damaged) says why.
        let unusable = report
            .and_then(|r| r.errors.first())
            .filter(|_| status != LinkStatus::Missing)
            .map(|e| super::messages::layout_problem(app.lang, e));
        ui.horizontal_wrapped(|ui| {
            let low = ppi.is_some_and(|p| p < app.preset.min_ppi);
            let (label, color) = match status {
                _ if unusable.is_some() => (s.link_unusable, egui::Color32::from_rgb(210, 30, 30)),
                LinkStatus::Ok if low => (s.link_low_ppi, egui::Color32::from_rgb(210, 120, 0)),
                LinkStatus::Ok => (s.link_ok, egui::Color32::from_rgb(40, 150, 60)),
                LinkStatus::Missing => (s.link_missing, egui::Color32::from_rgb(210, 30, 30)),
                LinkStatus::Outside => (s.link_outside, egui::Color32::from_rgb(210, 120, 0)),
            };
            let shown = ui.colored_label(color, label);
            if let Some(why) = &unusable {
                shown.on_hover_text(why);
            }
            let name =
                std::path::Path::new(&path).file_name().map_or(path.clone(), |n| n.to_string_lossy().into_owned());
            ui.label(format!("{name} · {}", fill(s.page, p + 1)));
            if let Some(ppi) = ppi {
                ui.label(fill(s.effective_ppi, ppi));
            }
            if let Some(why) = &unusable {
                ui.label(egui::RichText::new(why).small().weak());
            }
            if ui.small_button(s.relink).clicked() {
                relink = Some(id.clone());
            }
        });
    }
    if let Some(id) = relink {
        app.files.pick_replacement_image(id);
    }
}
