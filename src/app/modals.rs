//! The editor's dialogs: a typed path when no file dialog can be shown, unsaved changes, a
//! new document, the preflight, find and replace, recovery, links outside the layout's folder
//! and the QR payload. Esc closes each as its cancel button would (recovery asks for a choice).

use super::{EditorApp, Modal, files, i18n};
use crate::edit::Command;

impl EditorApp {
    pub(super) fn modals(&mut self, ctx: &egui::Context) {
        let s = self.strings();
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let esc = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        match modal {
            Modal::PathEntry { purpose, mut text } => {
                let mut done = None;
                // Which command asked, so 另存为 and 导出 are never mistaken for each other.
                let title = match purpose {
                    files::Purpose::Open => s.open,
                    files::Purpose::SaveAs => s.save_as,
                    files::Purpose::Export => s.export_pdf,
                    files::Purpose::Image { .. } => s.kinds[3],
                    files::Purpose::ReplaceImage { .. } => s.relink,
                };
                egui::Modal::new(egui::Id::unique("path-entry")).show(ctx, |ui| {
                    ui.heading(title.trim_end_matches('…'));
                    ui.label(s.no_file_dialog);
                    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                    ui.horizontal(|ui| {
                        let label = ui.label(s.type_path);
                        ui.add(egui::TextEdit::singleline(&mut text).desired_width(360.0))
                            .labelled_by(label.id)
                            .request_focus();
                    });
                    done = ok_cancel(ui, s, enter, esc);
                });
                match done {
                    Some(true) if !text.trim().is_empty() => {
                        self.modal = None;
                        files::Files::answer(self, purpose, std::path::PathBuf::from(text.trim()));
                    }
                    Some(_) => self.modal = None,
                    None => self.modal = Some(Modal::PathEntry { purpose, text }),
                }
            }
            Modal::Unsaved(action) => {
                let mut choice = None;
                egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
                    ui.heading(s.unsaved_title);
                    ui.label(s.unsaved_body);
                    ui.horizontal(|ui| {
                        if ui.button(s.save).clicked() {
                            choice = Some(0);
                        }
                        if ui.button(s.discard).clicked() {
                            choice = Some(1);
                        }
                        if ui.button(s.cancel).clicked() || esc {
                            choice = Some(2);
                        }
                    });
                });
                match choice {
                    Some(0) => {
                        self.modal = None;
                        self.save();
                        if !self.dirty {
                            self.proceed(action, ctx);
                        }
                    }
                    Some(1) => {
                        self.modal = None;
                        self.dirty = false;
                        self.proceed(action, ctx);
                    }
                    Some(_) => self.modal = None,
                    None => {}
                }
            }
            Modal::NewDocument(mut settings) => {
                let mut done = None;
                egui::Modal::new(egui::Id::unique("new-doc")).show(ctx, |ui| {
                    ui.heading(s.new_document);
                    done = files::new_doc_form(ui, s, self.lang, &mut settings).or(esc.then_some(false));
                });
                match done {
                    Some(true) => {
                        self.modal = None;
                        self.replace_document(settings.document(), None);
                    }
                    Some(false) => self.modal = None,
                    None => self.modal = Some(Modal::NewDocument(settings)),
                }
            }
            Modal::Preflight { export_to } => {
                let findings = self.preflight().findings;
                let mut done = None;
                egui::Modal::new(egui::Id::unique("preflight")).show(ctx, |ui| {
                    ui.set_min_width(560.0);
                    ui.set_max_width(720.0);
                    ui.heading(if findings.is_empty() {
                        s.preflight_clean.to_string()
                    } else {
                        i18n::fill(s.preflight_problems, findings.len())
                    });
                    egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                        for f in &findings {
                            ui.label(super::messages::finding_line(self.lang, f, &self.doc));
                        }
                    });
                    ui.horizontal(|ui| {
                        if export_to.is_some() && ui.button(s.export_anyway).clicked() {
                            done = Some(true);
                        }
                        if ui.button(if export_to.is_some() { s.cancel } else { s.close }).clicked() || esc {
                            done = Some(false);
                        }
                    });
                });
                match (done, export_to) {
                    (Some(true), Some(path)) => {
                        self.modal = None;
                        self.write_pdf(&path);
                    }
                    (Some(_), _) => self.modal = None,
                    (None, _) => {}
                }
            }
            Modal::FindReplace { mut find, mut replace, mut regex } => {
                let mut done = None;
                egui::Modal::new(egui::Id::unique("find-replace")).show(ctx, |ui| {
                    ui.heading(s.find_replace_title);
                    egui::Grid::new("find-grid").num_columns(2).show(ui, |ui| {
                        // A grid cell holds a field to its column's width unless told its size.
                        let field = |text| egui::TextEdit::singleline(text).min_size(egui::vec2(300.0, 0.0));
                        let label = ui.label(s.find);
                        let typed = ui.add(field(&mut find)).labelled_by(label.id);
                        if !ui.memory(|m| m.focused().is_some()) {
                            typed.request_focus();
                        }
                        ui.end_row();
                        let label = ui.label(s.replace_with);
                        ui.add(field(&mut replace)).labelled_by(label.id);
                        ui.end_row();
                    });
                    ui.checkbox(&mut regex, s.regex);
                    let query = crate::edit::find::Query { find: find.clone(), regex };
                    let found = if find.is_empty() { Ok(0) } else { crate::edit::find::count(&self.doc, &query) };
                    match &found {
                        Ok(n) => ui.label(i18n::fill(s.n_found, n)),
                        Err(e) => {
                            ui.colored_label(egui::Color32::from_rgb(200, 30, 30), super::messages::find_error(s, e))
                        }
                    };
                    let mut step = 0;
                    ui.horizontal(|ui| {
                        let any = matches!(found, Ok(n) if n > 0);
                        if ui.add_enabled(any, egui::Button::new(s.find_previous)).clicked() {
                            step = -1;
                        }
                        if ui.add_enabled(any, egui::Button::new(s.find_next)).clicked() {
                            step = 1;
                        }
                    });
                    if step != 0 {
                        super::textedit::find_step(self, &query, step);
                    }
                    ui.horizontal(|ui| {
                        if ui.add_enabled(matches!(found, Ok(n) if n > 0), egui::Button::new(s.replace_all)).clicked() {
                            done = Some(true);
                        }
                        if ui.button(s.close).clicked() || esc {
                            done = Some(false);
                        }
                    });
                    if let (Some(true), Ok(n)) = (done, &found) {
                        let msg = i18n::fill(s.n_replaced, n);
                        self.command(Command::ReplaceAll { query, replace: replace.clone() });
                        self.info(msg);
                    }
                });
                self.modal = match done {
                    Some(false) => None,
                    _ => Some(Modal::FindReplace { find, replace, regex }),
                };
            }
            Modal::Recover(found) => {
                let mut choice = None;
                egui::Modal::new(egui::Id::unique("recover")).show(ctx, |ui| {
                    ui.heading(s.recover_title);
                    let what = found.origin.as_deref().map_or(s.untitled.to_string(), |p| p.display().to_string());
                    let open = self.path.as_deref().filter(|p| Some(*p) != found.origin.as_deref());
                    match open {
                        Some(open) => ui.label(i18n::fill(&i18n::fill(s.recover_other_body, what), open.display())),
                        None => ui.label(i18n::fill(s.recover_body, what)),
                    };
                    if !self.recovery_others.is_empty() {
                        ui.label(s.recover_others);
                        for other in &self.recovery_others {
                            ui.monospace(other);
                        }
                    }
                    ui.horizontal(|ui| {
                        if ui.button(s.restore).clicked() {
                            choice = Some(true);
                        }
                        if ui.button(s.throw_away).clicked() {
                            choice = Some(false);
                        }
                    });
                });
                if let Some(restore) = choice {
                    self.modal = None;
                    self.recovery_others.clear();
                    self.settle_recovery(*found, restore);
                }
            }
            Modal::OutsideLinks { path, doc, links } => {
                let mut done = None;
                egui::Modal::new(egui::Id::unique("outside-links")).show(ctx, |ui| {
                    ui.heading(s.outside_links_title);
                    ui.label(i18n::fill(s.outside_links_body, path.display()));
                    egui::ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
                        for l in &links {
                            ui.monospace(l);
                        }
                    });
                    ui.horizontal(|ui| {
                        // The safe choice first, and the one Enter takes.
                        let dont = ui.button(s.dont_open);
                        if !ui.memory(|m| m.focused().is_some()) {
                            dont.request_focus();
                        }
                        if dont.clicked() || esc {
                            done = Some(false);
                        }
                        if ui.button(s.allow_and_open).clicked() {
                            done = Some(true);
                        }
                    });
                });
                match done {
                    Some(true) => {
                        self.modal = None;
                        self.opened(*doc, &path);
                    }
                    Some(false) => {
                        self.modal = None;
                        self.info(i18n::fill(s.not_opened, path.display()));
                    }
                    None => {}
                }
            }
            Modal::QrPayload { page, frame, mut text } => {
                let mut done = None;
                egui::Modal::new(egui::Id::unique("qr-payload")).show(ctx, |ui| {
                    let label = ui.label(s.qr_prompt);
                    // Read before the field, which takes the key.
                    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                    let r = ui.add(egui::TextEdit::singleline(&mut text).desired_width(320.0)).labelled_by(label.id);
                    r.request_focus();
                    done = ok_cancel(ui, s, enter, esc);
                });
                match done {
                    Some(true) if !text.is_empty() => {
                        self.modal = None;
                        super::place::add_qr(self, page, frame, text);
                    }
                    Some(_) => self.modal = None,
                    None => self.modal = Some(Modal::QrPayload { page, frame, text }),
                }
            }
        }
    }
}

/// OK and Cancel (Enter counts as OK, Esc as Cancel): `Some(true)`, `Some(false)`, or `None`
/// while open.
fn ok_cancel(ui: &mut egui::Ui, s: &i18n::Strings, enter: bool, esc: bool) -> Option<bool> {
    let mut done = None;
    ui.horizontal(|ui| {
        if ui.button(s.ok).clicked() || enter {
            done = Some(true);
        }
        if ui.button(s.cancel).clicked() || esc {
            done = Some(false);
        }
    });
    done
}
