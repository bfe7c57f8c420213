//! The window's chrome around the canvas: menu bar, toolbar, status bar, modal dialogs and
//! keyboard shortcuts.

use super::{AfterPrompt, EditorApp, Modal, Tool, arrange, clipboard, files, i18n};
use crate::edit::Command;
use i18n::Lang;

impl EditorApp {
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let s = self.strings();
        let ctx = ui.ctx().clone();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button(s.file, |ui| {
                    if ui.button(s.new).clicked() {
                        self.guarded(AfterPrompt::New, &ctx);
                    }
                    if ui.button(s.open).clicked() {
                        self.guarded(AfterPrompt::Open, &ctx);
                    }
                    ui.menu_button(s.from_template, |ui| {
                        for (title, path) in EditorApp::templates() {
                            if ui.button(title).clicked() {
                                self.guarded(AfterPrompt::FromTemplate(path), &ctx);
                            }
                        }
                    });
                    ui.menu_button(s.recent, |ui| {
                        for p in self.files.recent.clone() {
                            if ui.button(p.display().to_string()).clicked() {
                                self.guarded(AfterPrompt::OpenPath(p), &ctx);
                            }
                        }
                    });
                    ui.separator();
                    if ui.button(format!("{}  Ctrl+S", s.save)).clicked() {
                        self.save();
                    }
                    if ui.button(s.save_as).clicked() {
                        self.files.pick_save_as();
                    }
                    if ui.button(format!("{}  Ctrl+E", s.export_pdf)).clicked() {
                        self.files.pick_export();
                    }
                    ui.menu_button(s.export_preset, |ui| {
                        use crate::render::preset::Preset;
                        for (preset, label) in [
                            (Preset::NEWSPRINT, s.preset_newsprint),
                            (Preset::COATED, s.preset_coated),
                            (Preset::SCREEN, s.preset_screen),
                        ] {
                            ui.radio_value(&mut self.preset, preset, label);
                        }
                    });
                    if ui.button(s.preflight).clicked() {
                        self.modal = Some(Modal::Preflight { export_to: None });
                    }
                    ui.separator();
                    if ui.button(s.quit).clicked() {
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                });
                ui.menu_button(s.edit, |ui| {
                    if ui
                        .add_enabled(self.history.can_undo(), egui::Button::new(format!("{}  Ctrl+Z", s.undo)))
                        .clicked()
                    {
                        self.undo();
                    }
                    if ui
                        .add_enabled(self.history.can_redo(), egui::Button::new(format!("{}  Ctrl+Shift+Z", s.redo)))
                        .clicked()
                    {
                        self.redo();
                    }
                    ui.separator();
                    if ui.button(s.cut).clicked() {
                        clipboard::copy(self, &ctx, true);
                    }
                    if ui.button(s.copy).clicked() {
                        clipboard::copy(self, &ctx, false);
                    }
                    if ui.button(s.duplicate).clicked() {
                        clipboard::duplicate(self);
                    }
                    if ui.button(s.delete).clicked() {
                        self.delete_selection();
                    }
                    ui.separator();
                    if ui.button(format!("{}  Ctrl+F", s.find_replace)).clicked() {
                        self.modal =
                            Some(Modal::FindReplace { find: String::new(), replace: String::new(), regex: false });
                    }
                });
                ui.menu_button(s.arrange, |ui| arrange::menu(self, ui));
                ui.menu_button(s.view, |ui| {
                    if ui.button(format!("{}  Ctrl+G", s.galley)).clicked() {
                        super::galley::open(self);
                    }
                    if ui.button(format!("{}  Ctrl+=", s.zoom_in)).clicked() {
                        self.canvas.zoom_request = Some(1.25);
                    }
                    if ui.button(format!("{}  Ctrl+-", s.zoom_out)).clicked() {
                        self.canvas.zoom_request = Some(0.8);
                    }
                    if ui.button(format!("{}  Ctrl+0", s.fit_page)).clicked() {
                        self.fit_page();
                    }
                    if ui.button(format!("{}  Ctrl+1", s.actual_size)).clicked() {
                        self.canvas.actual_size_request = true;
                    }
                });
                ui.menu_button(s.settings, |ui| {
                    ui.label(s.language);
                    ui.radio_value(&mut self.lang, Lang::Zh, "简体中文");
                    ui.radio_value(&mut self.lang, Lang::En, "English");
                });
            });
        });
    }

    pub(super) fn toolbar(&mut self, ui: &mut egui::Ui) {
        let s = self.strings();
        egui::Panel::top("tools").show(ui, |ui| {
            ui.horizontal(|ui| {
                for (tool, label) in [
                    (Tool::Select, s.tool_select),
                    (Tool::Text, s.tool_text),
                    (Tool::Table, s.tool_table),
                    (Tool::Qr, s.tool_qr),
                    (Tool::Image, s.tool_image),
                    (Tool::Rule, s.tool_rule),
                    (Tool::Box, s.tool_box),
                ] {
                    if ui.selectable_label(self.tool == tool, label).clicked() {
                        self.tool = tool;
                        self.canvas.link_from = None;
                    }
                }
            });
        });
    }

    /// Characters set on the current page, and for the selected text frames their count and
    /// copyfit (超 N 字 / 差 N 字).
    fn char_counts(&mut self) -> (usize, Option<String>) {
        let (page, selection) = (self.page, self.selection.clone());
        let Some(frame) = self.layout().get(page) else { return (0, None) };
        let set = |element: Option<&str>| -> usize {
            frame
                .items
                .iter()
                .filter_map(|i| match i {
                    crate::layout::frame::FrameItem::Text(r) if element.is_none_or(|e| r.element == e) => Some(r),
                    _ => None,
                })
                .flat_map(|r| &r.glyphs)
                .map(|g| g.text.chars().filter(|c| !c.is_whitespace()).count())
                .sum()
        };
        let on_page = set(None);
        let reports: Vec<_> =
            frame.reports.iter().filter(|r| r.kind == "text" && selection.contains(&r.element)).collect();
        if reports.is_empty() {
            return (on_page, None);
        }
        let chars: usize = reports.iter().map(|r| set(Some(&r.element))).sum();
        let (over, short): (usize, usize) =
            reports.iter().fold((0, 0), |(o, s), r| (o + r.overset_chars, s + r.short_chars));
        let s = self.strings();
        let fit = if over > 0 { i18n::fill(s.characters_over, over) } else { i18n::fill(s.characters_short, short) };
        (on_page, Some(format!("{} · {fit}", i18n::fill(s.n_chars, chars))))
    }

    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        let s = self.strings();
        let (page_chars, selected) = self.char_counts();
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(format!("{:.0} %", self.view.percent(ui.ctx().pixels_per_point())));
                if let Some((x, y)) = self.canvas.pointer_mm {
                    ui.label(format!("{x:.1}, {y:.1} mm"));
                }
                ui.label(i18n::fill(s.chars_page, page_chars));
                if let Some(sel) = &selected {
                    ui.label(i18n::fill(s.chars_selection, sel));
                }
                if let Some(job) = &self.export_job {
                    ui.add(egui::ProgressBar::new(job.progress()).desired_width(160.0).text(s.exporting));
                }
                // Newest first, each in its share of the bar: a long one is cut short, and
                // shows whole under the pointer.
                let mut dismiss = None;
                let share = ui.available_width() / self.messages.len().max(1) as f32;
                for (i, m) in self.messages.iter().enumerate().rev() {
                    let color = if m.error { egui::Color32::from_rgb(200, 30, 30) } else { ui.visuals().text_color() };
                    let width = if m.error { share - 60.0 } else { share - 8.0 }.max(40.0);
                    ui.scope(|ui| {
                        ui.set_max_width(width);
                        ui.add(egui::Label::new(egui::RichText::new(&m.text).color(color)).truncate());
                    });
                    if m.error && ui.small_button(s.dismiss).clicked() {
                        dismiss = Some(i);
                    }
                }
                if let Some(i) = dismiss {
                    self.messages.remove(i);
                }
            });
        });
    }

    pub(super) fn modals(&mut self, ctx: &egui::Context) {
        let s = self.strings();
        let Some(modal) = self.modal.clone() else {
            return;
        };
        match modal {
            Modal::PathEntry { purpose, mut text } => {
                let mut done = None;
                egui::Modal::new(egui::Id::unique("path-entry")).show(ctx, |ui| {
                    ui.label(s.no_file_dialog);
                    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                    ui.horizontal(|ui| {
                        let label = ui.label(s.type_path);
                        ui.add(egui::TextEdit::singleline(&mut text).desired_width(360.0))
                            .labelled_by(label.id)
                            .request_focus();
                    });
                    done = ok_cancel(ui, s, enter);
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
                        if ui.button(s.cancel).clicked() {
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
                    done = files::new_doc_form(ui, s, &mut settings);
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
                        if ui.button(if export_to.is_some() { s.cancel } else { s.close }).clicked() {
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
                    ui.heading(s.find_replace);
                    egui::Grid::new("find-grid").num_columns(2).show(ui, |ui| {
                        let label = ui.label(s.find);
                        ui.add(egui::TextEdit::singleline(&mut find).desired_width(260.0)).labelled_by(label.id);
                        ui.end_row();
                        let label = ui.label(s.replace_with);
                        ui.add(egui::TextEdit::singleline(&mut replace).desired_width(260.0)).labelled_by(label.id);
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
                        if ui.button(s.close).clicked() {
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
                        if ui.button(s.allow_and_open).clicked() {
                            done = Some(true);
                        }
                        if ui.button(s.dont_open).clicked() {
                            done = Some(false);
                        }
                    });
                });
                match done {
                    Some(true) => {
                        self.modal = None;
                        self.opened(*doc, &path);
                    }
                    Some(false) => self.modal = None,
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
                    done = ok_cancel(ui, s, enter);
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

    /// Undo and redo while an inspector field has the keyboard: the field commits each change
    /// to the document, so they undo the document's last change, not the field's typing. Run
    /// before the panels, so the field never sees the key; the field lets go of its focus and
    /// shows the result.
    pub(super) fn field_undo(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        if self.modal.is_some() || self.text_edit.is_some() || !ctx.egui_wants_keyboard_input() {
            return;
        }
        let pressed = |m: Modifiers, k: Key| ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)));
        let redo = pressed(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z) || pressed(Modifiers::COMMAND, Key::Y);
        let undo = !redo && pressed(Modifiers::COMMAND, Key::Z);
        if !(undo || redo) {
            return;
        }
        ctx.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id);
            }
        });
        if redo { self.redo() } else { self.undo() }
    }

    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let cmd = Modifiers::COMMAND;
        let shift_cmd = Modifiers::COMMAND | Modifiers::SHIFT;
        let pressed = |m: Modifiers, k: Key| ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)));
        if pressed(cmd, Key::S) {
            self.save();
        }
        if pressed(cmd, Key::E) {
            self.files.pick_export();
        }
        if pressed(cmd, Key::G) {
            super::galley::open(self);
        }
        let digits =
            [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6, Key::Num7, Key::Num8, Key::Num9];
        for (n, key) in digits.into_iter().enumerate() {
            if pressed(cmd | Modifiers::ALT, key) {
                super::galley::apply_style_shortcut(self, n);
            }
        }
        if pressed(cmd, Key::F) {
            self.modal = Some(Modal::FindReplace { find: String::new(), replace: String::new(), regex: false });
        }
        if pressed(cmd, Key::O) {
            self.guarded(AfterPrompt::Open, ctx);
        }
        if pressed(cmd, Key::N) {
            self.guarded(AfterPrompt::New, ctx);
        }
        if self.modal.is_some() || self.text_edit.is_some() {
            return; // the caret's keys are the text's (app::textedit)
        }
        // Keys that also mean something in a text field are left to it while it has focus
        // (undo and redo there are `field_undo`'s).
        let typing = ctx.egui_wants_keyboard_input();
        if !typing && (pressed(shift_cmd, Key::Z) || pressed(cmd, Key::Y)) {
            self.redo();
        } else if !typing && pressed(cmd, Key::Z) {
            self.undo();
        }
        if typing {
            return;
        }
        if pressed(cmd, Key::D) {
            clipboard::duplicate(self);
        }
        if pressed(cmd, Key::Equals) || pressed(cmd, Key::Plus) {
            self.canvas.zoom_request = Some(1.25);
        }
        if pressed(cmd, Key::Minus) {
            self.canvas.zoom_request = Some(0.8);
        }
        if pressed(cmd, Key::Num0) {
            self.fit_page();
        }
        if pressed(cmd, Key::Num1) {
            self.canvas.actual_size_request = true;
        }
        // Copy, cut and paste arrive as events.
        let events = ctx.input(|i| i.events.clone());
        for e in events {
            match e {
                egui::Event::Copy => clipboard::copy(self, ctx, false),
                egui::Event::Cut => clipboard::copy(self, ctx, true),
                egui::Event::Paste(text) if !super::dropin::paste_into_table(self, &text) => {
                    clipboard::paste(self, &text)
                }
                _ => {}
            }
        }
        if ctx.input(|i| i.key_pressed(Key::Delete) || i.key_pressed(Key::Backspace)) {
            self.delete_selection();
        }
        let step = if ctx.input(|i| i.modifiers.shift) { 5.0 } else { 0.5 };
        let step = crate::units::mm_to_pt(step);
        let mut nudge = (0.0, 0.0);
        ctx.input(|i| {
            if i.key_pressed(Key::ArrowLeft) {
                nudge.0 -= step;
            }
            if i.key_pressed(Key::ArrowRight) {
                nudge.0 += step;
            }
            if i.key_pressed(Key::ArrowUp) {
                nudge.1 -= step;
            }
            if i.key_pressed(Key::ArrowDown) {
                nudge.1 += step;
            }
        });
        if nudge != (0.0, 0.0) && !self.selection.is_empty() {
            let ids = self.selection.clone();
            self.command_merged(Command::Move { ids, dx: nudge.0, dy: nudge.1 }, "nudge".into());
        }
    }
}

/// OK and Cancel (Enter counts as OK): `Some(true)`, `Some(false)`, or `None` while open.
fn ok_cancel(ui: &mut egui::Ui, s: &i18n::Strings, enter: bool) -> Option<bool> {
    let mut done = None;
    ui.horizontal(|ui| {
        if ui.button(s.ok).clicked() || enter {
            done = Some(true);
        }
        if ui.button(s.cancel).clicked() {
            done = Some(false);
        }
    });
    done
}
