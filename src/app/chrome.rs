//! The window's chrome around the canvas: menu bar, toolbar, status bar, modal dialogs and
//! keyboard shortcuts.

use super::{AfterPrompt, EditorApp, Modal, Tool, arrange, clipboard, i18n};
use crate::edit::Command;
use i18n::Lang;

impl EditorApp {
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let s = self.strings();
        let ctx = ui.ctx().clone();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button(s.file, |ui| {
                    if ui.add(egui::Button::new(s.new).shortcut_text("Ctrl+N")).clicked() {
                        self.guarded(AfterPrompt::New, &ctx);
                    }
                    if ui.add(egui::Button::new(s.open).shortcut_text("Ctrl+O")).clicked() {
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
                    if ui.add(egui::Button::new(s.save).shortcut_text("Ctrl+S")).clicked() {
                        self.save();
                    }
                    if ui.button(s.save_as).clicked() {
                        self.files.pick_save_as();
                    }
                    if ui.add(egui::Button::new(s.export_pdf).shortcut_text("Ctrl+E")).clicked() {
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
                        .add_enabled(self.history.can_undo(), egui::Button::new(s.undo).shortcut_text("Ctrl+Z"))
                        .clicked()
                    {
                        self.undo();
                    }
                    if ui
                        .add_enabled(self.history.can_redo(), egui::Button::new(s.redo).shortcut_text("Ctrl+Shift+Z"))
                        .clicked()
                    {
                        self.redo();
                    }
                    ui.separator();
                    let any = !self.selection.is_empty();
                    let item = |ui: &mut egui::Ui, on: bool, name: &str, keys: &str| {
                        ui.add_enabled(on, egui::Button::new(name).shortcut_text(keys)).clicked()
                    };
                    if item(ui, any, s.cut, "Ctrl+X") {
                        clipboard::copy(self, &ctx, true);
                    }
                    if item(ui, any, s.copy, "Ctrl+C") {
                        clipboard::copy(self, &ctx, false);
                    }
                    if item(ui, true, s.paste, "Ctrl+V") {
                        // The window reads the clipboard and hands it over as a paste.
                        ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
                    }
                    if item(ui, any, s.duplicate, "Ctrl+D") {
                        clipboard::duplicate(self);
                    }
                    if item(ui, any, s.delete, "Delete") {
                        self.delete_selection();
                    }
                    ui.separator();
                    if ui.add(egui::Button::new(s.find_replace).shortcut_text("Ctrl+F")).clicked() {
                        self.modal =
                            Some(Modal::FindReplace { find: String::new(), replace: String::new(), regex: false });
                    }
                });
                ui.menu_button(s.arrange, |ui| arrange::menu(self, ui));
                ui.menu_button(s.view, |ui| {
                    if ui.add(egui::Button::new(s.galley).shortcut_text("Ctrl+G")).clicked() {
                        super::galley::open(self);
                    }
                    if ui.add(egui::Button::new(s.zoom_in).shortcut_text("Ctrl+=")).clicked() {
                        self.canvas.zoom_request = Some(1.25);
                    }
                    if ui.add(egui::Button::new(s.zoom_out).shortcut_text("Ctrl+-")).clicked() {
                        self.canvas.zoom_request = Some(0.8);
                    }
                    if ui.add(egui::Button::new(s.fit_page).shortcut_text("Ctrl+0")).clicked() {
                        self.fit_page();
                    }
                    if ui.add(egui::Button::new(s.actual_size).shortcut_text("Ctrl+1")).clicked() {
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
        // 差 N 字 belongs to a chain's last frame; the frames before it only pass the text on.
        let passes_on = |id: &String| self.doc.story_of_frame(id).is_some_and(|(st, _)| st.frames.last() != Some(id));
        let all_pass_on = !selection.is_empty() && selection.iter().all(passes_on);
        let s = self.strings();
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
        let fit = if over > 0 {
            i18n::fill(s.characters_over, over)
        } else if all_pass_on {
            s.flows_on.to_string()
        } else {
            i18n::fill(s.characters_short, short)
        };
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
