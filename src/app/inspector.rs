//! The right side: properties of the selection — frame in mm, and per kind the story text and
//! paragraph settings, table rows/columns/cells, QR payload, image file and fit, fill and stroke.
//! Every change is a command; edits to one field in a row merge into one undo step.

use super::EditorApp;
use super::appearance::{color_ui, optional_color, stroke_ui, wrap_ui};
use super::fields::number;
use super::i18n::{Strings, fill};
use crate::edit::{CharProp, Command, story_text};
use crate::model::{Align, Cell, EcLevel, Element, ElementKind, ImageFit, Story, StyleProps, Table};
use crate::units::{HAO_SIZES, mm_to_pt, pt_to_mm};

#[derive(Default)]
pub struct InspectorState {
    /// Bumped on undo/redo so text fields reload from the document.
    generation: u64,
    /// The paragraph (of the selected frame's story) whose settings are shown.
    paragraph: usize,
}

impl InspectorState {
    pub fn reset(&mut self) {
        self.generation += 1;
    }
}

pub fn right(app: &mut EditorApp, ui: &mut egui::Ui) {
    let s = app.strings();
    egui::Panel::right("inspector").default_size(300.0).show(ui, |ui| {
        ui.heading(s.inspector);
        // The panel keeps its width whatever is selected (content wider than it is cut off).
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| match app.selection.len() {
            0 => {
                ui.label(s.nothing_selected);
            }
            1 => {
                let id = app.selection[0].clone();
                if let Some((_, el)) = app.doc.element(&id) {
                    let el = el.clone();
                    element_ui(app, ui, s, el);
                }
            }
            n => {
                ui.label(fill(s.n_selected, n));
            }
        });
    });
}

/// A length in mm, from `min` mm up to the file's own limit (a value past it could not be saved).
fn mm_field(ui: &mut egui::Ui, name: &str, pt: &mut f32, min: f32) -> bool {
    let label = ui.label(name);
    let mut mm = pt_to_mm(*pt);
    let max = crate::io::MAX_PAGE_MM;
    let changed =
        number(ui, name, &mut mm, min..=max, |d| d.speed(0.5).max_decimals(2)).labelled_by(label.id).changed();
    ui.end_row();
    if changed {
        *pt = mm_to_pt(mm);
    }
    changed
}

fn element_ui(app: &mut EditorApp, ui: &mut egui::Ui, s: &'static Strings, el: Element) {
    let mut edited = el.clone();
    egui::Grid::new("frame-grid").num_columns(2).show(ui, |ui| {
        let label = ui.label(s.name);
        ui.text_edit_singleline(&mut edited.name).labelled_by(label.id);
        ui.end_row();
        let mut f = edited.frame;
        let max = crate::io::MAX_PAGE_MM;
        let mut moved = mm_field(ui, s.x, &mut f.x, -max);
        moved |= mm_field(ui, s.y, &mut f.y, -max);
        // A frame is at least a millimetre each way.
        moved |= mm_field(ui, s.width, &mut f.w, 1.0);
        moved |= mm_field(ui, s.height, &mut f.h, 1.0);
        if moved {
            edited.frame = f;
        }
        let label = ui.label(s.lock);
        ui.checkbox(&mut edited.locked, "").labelled_by(label.id);
        ui.end_row();
        let label = ui.label(s.hide);
        ui.checkbox(&mut edited.hidden, "").labelled_by(label.id);
        ui.end_row();
    });
    if !matches!(edited.kind, ElementKind::Text(_)) {
        wrap_ui(ui, s, &el.id, &mut edited.wrap);
    }
    ui.separator();
    match &mut edited.kind {
        ElementKind::Text(t) => {
            ui.horizontal(|ui| {
                let label = ui.label(s.columns);
                number(ui, s.columns, &mut t.columns, 1..=20, |d| d).labelled_by(label.id);
                let label = ui.label(s.column_gap);
                let mut gap = pt_to_mm(t.column_gap);
                if number(ui, s.column_gap, &mut gap, 0.0..=100.0, |d| d.speed(0.1)).labelled_by(label.id).changed() {
                    t.column_gap = mm_to_pt(gap);
                }
            });
            text_ui(app, ui, s, &el.id);
        }
        ElementKind::Table(t) => table_ui(ui, s, t),
        ElementKind::Qr(q) => {
            let label = ui.label(s.payload);
            ui.add(egui::TextEdit::multiline(&mut q.payload).desired_rows(2)).labelled_by(label.id);
            ui.horizontal(|ui| {
                ui.label(s.ec_level);
                for (level, name) in [(EcLevel::L, "L"), (EcLevel::M, "M"), (EcLevel::Q, "Q"), (EcLevel::H, "H")] {
                    ui.radio_value(&mut q.ec_level, level, name);
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label(s.quiet_zone);
                number(ui, s.quiet_zone, &mut q.quiet_zone, 0..=20, |d| d).labelled_by(label.id);
            });
            match crate::layout::qr::qr_modules(q, el.frame) {
                Ok((_, module)) => ui.label(fill(s.module_size, pt_to_mm(module))),
                Err(e) => ui.colored_label(egui::Color32::RED, super::messages::layout_problem(app.lang, &e)),
            };
            color_ui(ui, s.color, &mut q.color);
        }
        ElementKind::Image(img) => {
            ui.label(format!("{}: {}", s.image_file, img.path));
            if ui.button(s.choose_file).clicked() {
                app.files.pick_replacement_image(el.id.clone());
            }
            ui.horizontal(|ui| {
                ui.label(s.fit_mode);
                for (fit, name) in [
                    (ImageFit::Fit, s.fit_names[0]),
                    (ImageFit::Fill, s.fit_names[1]),
                    (ImageFit::Stretch, s.fit_names[2]),
                ] {
                    ui.radio_value(&mut img.fit, fit, name);
                }
            });
            // Cropping inside the frame: the picture's scale and where it sits.
            ui.horizontal(|ui| {
                let mut on = img.scale.is_some();
                let label = ui.checkbox(&mut on, s.picture_scale);
                let mut pct = img.scale.unwrap_or(100.0);
                ui.add_enabled_ui(on, |ui| {
                    number(ui, s.picture_scale, &mut pct, 1.0..=2000.0, |d| d.speed(0.5).suffix(" %"))
                        .labelled_by(label.id)
                });
                img.scale = on.then_some(pct);
            });
            ui.horizontal(|ui| {
                let label = ui.label(s.picture_offset);
                let (mut x, mut y) = (pt_to_mm(img.offset.0), pt_to_mm(img.offset.1));
                let max = crate::io::MAX_PAGE_MM;
                for v in [&mut x, &mut y] {
                    number(ui, s.picture_offset, v, -max..=max, |d| d.speed(0.2).suffix(" mm")).labelled_by(label.id);
                }
                // Only a changed value is written back (mm → pt → mm is not exact).
                if (x, y) != (pt_to_mm(img.offset.0), pt_to_mm(img.offset.1)) {
                    img.offset = (mm_to_pt(x), mm_to_pt(y));
                }
            });
            let ppi = app
                .layout
                .get(app.page)
                .and_then(|p| p.reports.iter().find(|r| r.element == el.id))
                .and_then(|r| r.image_ppi);
            if let Some(ppi) = ppi {
                ui.label(fill(s.effective_ppi, ppi));
            }
        }
        ElementKind::Shape(sh) => {
            optional_color(ui, s, s.fill, &mut sh.fill);
            stroke_ui(ui, s, &mut sh.stroke);
        }
    }
    if edited != el {
        let key = format!("element:{}", el.id);
        app.command_merged(Command::Replace { element: edited }, key);
    }
}

fn text_ui(app: &mut EditorApp, ui: &mut egui::Ui, s: &'static Strings, frame: &str) {
    let Some((story, index)) = app.doc.story_of_frame(frame).map(|(st, i)| (st.clone(), i)) else {
        return;
    };
    // Threading and overset.
    ui.horizontal(|ui| {
        if story.frames.len() > 1 {
            ui.label(format!("{} {}/{}", s.linked_to, index + 1, story.frames.len()));
            if ui.button(s.unlink).clicked() {
                app.command(Command::Unlink { frame: frame.to_string() });
            }
        }
        if ui.button(s.link_next).clicked() {
            app.canvas.link_from = Some(story.frames.last().cloned().unwrap_or_else(|| frame.to_string()));
            app.info(s.link_pick);
        }
    });
    let overset: usize = app
        .layout
        .iter()
        .flat_map(|p| &p.reports)
        .filter(|r| story.frames.contains(&r.element))
        .map(|r| r.overset_chars)
        .sum();
    if overset > 0 {
        ui.colored_label(egui::Color32::from_rgb(210, 30, 30), fill(s.characters_over, overset));
    }
    let label = ui.label(s.story_text);
    let mut text = story_text(&story);
    let edit = egui::TextEdit::multiline(&mut text).desired_rows(8).desired_width(f32::INFINITY).id_salt((
        "story",
        &story.id,
        app.inspector.generation,
    ));
    // A long story scrolls in its box; the settings below stay in reach.
    let changed = egui::ScrollArea::vertical()
        .id_salt(("story-scroll", &story.id))
        .max_height(220.0)
        .show(ui, |ui| ui.add(edit).labelled_by(label.id).changed())
        .inner;
    if changed && let Some(cmd) = crate::edit::plain_text_edit(&story, &text) {
        app.command_merged(cmd, format!("story:{}", story.id));
    }
    if app.text_edit.as_ref().is_some_and(|t| t.story == story.id) {
        character_ui(app, ui, s, &story);
    }
    paragraph_ui(app, ui, s, story);
}

/// Character settings of the selected text (while writing on the canvas): shown as the first
/// selected character has them; a change applies to the whole selection as one range edit.
fn character_ui(app: &mut EditorApp, ui: &mut egui::Ui, s: &'static Strings, story: &Story) {
    let Some(range) = app.text_edit.as_ref().map(|t| t.sel.range()) else { return };
    ui.separator();
    ui.label(s.editing_text_hint);
    ui.label(s.character_format);
    let first = crate::edit::text::slice(story, range)
        .into_iter()
        .flat_map(|p| p.runs)
        .find(|r| !r.text.is_empty())
        .map(|r| r.style)
        .unwrap_or_else(|| crate::edit::text::style_at(story, range.start));
    let para = story.paragraphs.get(range.start.paragraph);
    let base = app
        .doc
        .styles
        .resolve(para.and_then(|p| p.style.as_deref()), &para.map(|p| p.overrides.clone()).unwrap_or_default());
    let own = app.doc.styles.resolve_run(&first);
    let mut props: Vec<CharProp> = Vec::new();
    egui::Grid::new("char-grid").num_columns(2).show(ui, |ui| {
        let label = ui.label(s.bold);
        let mut bold = crate::edit::text::is_bold(story, &app.doc.styles, range) || own.bold.unwrap_or(base.bold);
        if ui.checkbox(&mut bold, "").labelled_by(label.id).changed() {
            props.push(CharProp::Bold(Some(bold)));
        }
        ui.end_row();
        let label = ui.label(s.font);
        let mut family = own.font_family.clone().unwrap_or(base.font_family.clone());
        egui::ComboBox::from_id_salt("char-font")
            .selected_text(&family)
            .show_ui(ui, |ui| {
                for name in app.book.families() {
                    ui.selectable_value(&mut family, name.clone(), name);
                }
            })
            .response
            .labelled_by(label.id);
        if Some(&family) != own.font_family.as_ref().or(Some(&base.font_family)) {
            props.push(CharProp::FontFamily(Some(family)));
        }
        ui.end_row();
        let label = ui.label(s.size);
        ui.horizontal(|ui| {
            let current = own.size.unwrap_or(base.size);
            let mut size = current;
            size_field(ui, s, "char-hao", &mut size, label.id);
            if size != current {
                props.push(CharProp::Size(Some(size)));
            }
        });
        ui.end_row();
        let mut color = first.color;
        optional_color(ui, s, s.color, &mut color);
        if color != first.color {
            props.push(CharProp::Color(color));
        }
        ui.end_row();
        let label = ui.label(s.character_style);
        let mut named = first.name.clone();
        egui::ComboBox::from_id_salt("char-style")
            .selected_text(named.clone().unwrap_or_else(|| s.none.into()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut named, None, s.none);
                for name in app.doc.styles.character.keys() {
                    ui.selectable_value(&mut named, Some(name.clone()), name);
                }
            })
            .response
            .labelled_by(label.id);
        if named != first.name {
            props.push(CharProp::Style(named));
        }
        ui.end_row();
    });
    if ui.button(s.clear_overrides).clicked() {
        props.push(CharProp::ClearOverrides);
    }
    for prop in props {
        super::textedit::set_char(app, prop);
    }
}

/// Settings of one paragraph of the story (chosen from a list of their openings).
fn paragraph_ui(app: &mut EditorApp, ui: &mut egui::Ui, s: &'static Strings, story: Story) {
    ui.separator();
    let heading = ui.label(s.paragraph);
    if story.paragraphs.is_empty() {
        return;
    }
    // Writing on the canvas, the paragraph is the caret's; else one chosen by its opening.
    let caret = app.text_edit.as_ref().filter(|t| t.story == story.id).map(|t| t.sel.range());
    if let Some(range) = caret {
        app.inspector.paragraph = range.start.paragraph;
        ui.label(s.paragraph_at_caret);
    }
    let index = app.inspector.paragraph.min(story.paragraphs.len() - 1);
    let opening = |i: usize| -> String {
        let text = story.paragraphs[i].text();
        let head: String = text.chars().take(12).collect();
        format!("{}. {}{}", i + 1, head, if text.chars().count() > 12 { "…" } else { "" })
    };
    if caret.is_none() {
        egui::ComboBox::from_id_salt("paragraph")
            .width(240.0)
            .selected_text(opening(index))
            .show_ui(ui, |ui| {
                for i in 0..story.paragraphs.len() {
                    ui.selectable_value(&mut app.inspector.paragraph, i, opening(i));
                }
            })
            .response
            .labelled_by(heading.id);
    }
    let first = &story.paragraphs[index];
    let style = app.doc.styles.resolve(first.style.as_deref(), &first.overrides);
    let mut props = StyleProps::default();
    let mut named = first.style.clone();
    egui::Grid::new("para-grid").num_columns(2).show(ui, |ui| {
        let label = ui.label(s.paragraph_style);
        egui::ComboBox::from_id_salt("named-style")
            .selected_text(named.clone().unwrap_or_else(|| s.none.into()))
            .show_ui(ui, |ui| {
                for name in app.doc.styles.paragraph.keys() {
                    ui.selectable_value(&mut named, Some(name.clone()), name);
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(s.font);
        let mut family = style.font_family.clone();
        egui::ComboBox::from_id_salt("font")
            .selected_text(&family)
            .show_ui(ui, |ui| {
                let mut names = app.book.families();
                for (_, f) in app.book.faces() {
                    if f.full_name != f.family && !names.contains(&f.full_name) {
                        names.push(f.full_name.clone());
                    }
                }
                for name in names {
                    ui.selectable_value(&mut family, name.clone(), name);
                }
            })
            .response
            .labelled_by(label.id);
        if family != style.font_family {
            props.font_family = Some(family);
        }
        ui.end_row();
        let label = ui.label(s.size);
        ui.horizontal(|ui| {
            let mut size = style.size;
            size_field(ui, s, "hao", &mut size, label.id);
            if size != style.size {
                props.size = Some(size);
            }
        });
        ui.end_row();
        let label = ui.label(s.leading);
        let mut leading = style.leading;
        // Under half the size lines print over each other (the preflight's rule).
        let least = (style.size * crate::check::MIN_LEADING_RATIO).min(leading);
        if number(ui, s.leading, &mut leading, least..=800.0, |d| d.speed(0.1)).labelled_by(label.id).changed() {
            props.leading = Some(leading);
        }
        ui.end_row();
        let label = ui.label(s.alignment);
        let mut align = style.align;
        egui::ComboBox::from_id_salt("align")
            .selected_text(align_name(s, align))
            .show_ui(ui, |ui| {
                for a in [Align::Left, Align::Center, Align::Right, Align::Justify, Align::Distribute] {
                    ui.selectable_value(&mut align, a, align_name(s, a));
                }
            })
            .response
            .labelled_by(label.id);
        if align != style.align {
            props.align = Some(align);
        }
        ui.end_row();
        let label = ui.label(s.indent);
        let mut indent = style.indent;
        if number(ui, s.indent, &mut indent, 0.0..=10.0, |d| d.speed(0.1)).labelled_by(label.id).changed() {
            props.indent = Some(indent);
        }
        ui.end_row();
        ui.label("");
        let mut keep_units = style.keep_units;
        if ui.checkbox(&mut keep_units, s.keep_units).changed() {
            props.keep_units = Some(keep_units);
        }
        ui.end_row();
    });
    if let Some(range) = caret
        && named != first.style
    {
        // The style goes to every paragraph the selection touches.
        app.command(Command::SetParagraphStyle { story: story.id.clone(), range, style: named.clone() });
    } else if props != StyleProps::default() || named != first.style {
        // The settings go to every paragraph a selection touches, else to the one shown.
        let touched = caret.map_or(index..=index, |r| r.start.paragraph..=r.end.paragraph);
        let mut story = story;
        for p in story.paragraphs.iter_mut().take(touched.end() + 1).skip(*touched.start()) {
            p.style = named.clone();
            p.overrides = p.overrides.merged(&props);
        }
        app.command_merged(Command::ReplaceStory { story: story.clone() }, format!("para:{}", story.id));
    }
}

/// A type size: the 号 list and the size in pt, both labelled by `label`.
fn size_field(ui: &mut egui::Ui, s: &Strings, id: &str, size: &mut f32, label: egui::Id) {
    egui::ComboBox::from_id_salt(id)
        .width(60.0)
        .selected_text(crate::units::pt_to_hao(*size).unwrap_or("—"))
        .show_ui(ui, |ui| {
            for (name, pt) in HAO_SIZES {
                ui.selectable_value(size, pt, name);
            }
        })
        .response
        .labelled_by(label);
    number(ui, s.size, size, 4.0..=400.0, |d| d.speed(0.1).suffix(" pt")).labelled_by(label);
}

fn align_name(s: &Strings, a: Align) -> &'static str {
    s.align_names[match a {
        Align::Left => 0,
        Align::Center => 1,
        Align::Right => 2,
        Align::Justify => 3,
        Align::Distribute => 4,
    }]
}

fn table_ui(ui: &mut egui::Ui, s: &Strings, t: &mut Table) {
    let cols = t.column_count();
    ui.horizontal_wrapped(|ui| {
        if ui.button(s.add_row).clicked() {
            t.rows.push((0..cols).map(|_| Cell::new("")).collect());
        }
        if ui.add_enabled(t.rows.len() > 1, egui::Button::new(s.remove_row)).clicked() {
            t.rows.pop();
            t.header_rows = t.header_rows.min(t.rows.len() as u32);
        }
        if ui.button(s.add_column).clicked() {
            t.column_widths.push(1.0);
            t.column_align.push(Default::default());
            for row in &mut t.rows {
                row.push(Cell::new(""));
            }
        }
        if ui.add_enabled(cols > 1, egui::Button::new(s.remove_column)).clicked() {
            t.column_widths.pop();
            t.column_align.pop();
            let n = t.column_widths.len();
            for row in &mut t.rows {
                let mut span = 0;
                row.retain(|c| {
                    span += c.colspan.max(1) as usize;
                    span <= n
                });
            }
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(s.header_rows);
        let max = t.rows.len() as u32;
        number(ui, s.header_rows, &mut t.header_rows, 0..=max, |d| d).labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        let label = ui.label(s.column_widths);
        for w in &mut t.column_widths {
            number(ui, s.column_widths, w, 0.1..=100.0, |d| d.speed(0.05).max_decimals(2)).labelled_by(label.id);
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(s.borders);
        for width in [&mut t.borders.outer, &mut t.borders.inner, &mut t.borders.header] {
            number(ui, s.borders, width, 0.0..=10.0, |d| d.speed(0.05)).labelled_by(label.id);
        }
    });
    // The cells share the panel's width (at least 72 px each; more columns scroll sideways).
    let columns = t.rows.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32;
    let width = ((ui.available_width() - 40.0) / columns - 8.0).max(72.0);
    egui::ScrollArea::horizontal().id_salt("cells-scroll").show(ui, |ui| {
        egui::Grid::new("cells").striped(true).show(ui, |ui| {
            for (r, row) in t.rows.iter_mut().enumerate() {
                let label = ui.label(format!("{}", r + 1));
                for (c, cell) in row.iter_mut().enumerate() {
                    let field = egui::TextEdit::singleline(&mut cell.text)
                        .desired_width(width)
                        .min_size(egui::vec2(width, 0.0))
                        .id_salt(("cell", r, c));
                    ui.add(field).labelled_by(label.id);
                }
                ui.end_row();
            }
        });
    });
}
