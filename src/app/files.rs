//! Files: native dialogs on a worker thread (the window never freezes), New document presets,
//! and the recent-files list (kept with the settings).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use super::errors::AppError;
use super::fields::number;
use super::i18n::Strings;
use super::{AfterPrompt, EditorApp, Modal};
use crate::model::{ColumnGrid, Document, Margins, NamedStyle, Page, StyleProps, StyleSheet};
use crate::units::{Rect, mm_to_pt};

/// What a dialog was opened for.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    Open,
    SaveAs,
    Export,
    Image { page: usize, frame: Rect },
    ReplaceImage { element: String },
}

pub struct Files {
    pub recent: Vec<PathBuf>,
    /// Answered dialogs: what for, the file picked, and whether a dialog was shown at all.
    tx: Sender<(Purpose, Option<PathBuf>, bool)>,
    rx: Receiver<(Purpose, Option<PathBuf>, bool)>,
    /// A dialog is open (no second one until it closes).
    busy: bool,
}

impl Default for Files {
    fn default() -> Self {
        let (tx, rx) = channel();
        Files { recent: Vec::new(), tx, rx, busy: false }
    }
}

impl Files {
    /// Puts `path` first in the recent list (written with the other settings).
    pub fn remember(&mut self, path: &Path) {
        super::settings::put_first(&mut self.recent, path);
    }

    fn ask(&mut self, purpose: Purpose) {
        if self.busy {
            return;
        }
        self.busy = true;
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let asked = std::time::Instant::now();
            let layouts = |d: rfd::FileDialog| d.add_filter("paiban layout", &["json"]);
            let picked = match &purpose {
                Purpose::Open => layouts(rfd::FileDialog::new()).pick_file(),
                Purpose::SaveAs => layouts(rfd::FileDialog::new()).set_file_name("layout.json").save_file(),
                Purpose::Export => {
                    rfd::FileDialog::new().add_filter("PDF", &["pdf"]).set_file_name("page.pdf").save_file()
                }
                Purpose::Image { .. } | Purpose::ReplaceImage { .. } => {
                    rfd::FileDialog::new().add_filter("image or PDF ad", &["png", "jpg", "jpeg", "pdf"]).pick_file()
                }
            };
            // Without a desktop portal the call returns at once with nothing: no person cancels a
            // dialog that fast.
            let shown = picked.is_some() || asked.elapsed() > std::time::Duration::from_millis(300);
            let _ = tx.send((purpose, picked, shown));
        });
    }

    pub fn pick_open(&mut self) {
        self.ask(Purpose::Open);
    }
    pub fn pick_save_as(&mut self) {
        self.ask(Purpose::SaveAs);
    }
    pub fn pick_export(&mut self) {
        self.ask(Purpose::Export);
    }
    pub fn pick_image(&mut self, page: usize, frame: Rect) {
        self.ask(Purpose::Image { page, frame });
    }
    pub fn pick_replacement_image(&mut self, element: String) {
        self.ask(Purpose::ReplaceImage { element });
    }

    /// Handles answered dialogs.
    pub fn poll(app: &mut EditorApp, ctx: &egui::Context) {
        while let Ok((purpose, picked, shown)) = app.files.rx.try_recv() {
            app.files.busy = false;
            let Some(path) = picked else {
                // Cancelled: a tool that waited on the dialog is put down.
                if matches!(purpose, Purpose::Image { .. }) {
                    app.tool = super::Tool::Select;
                }
                if !shown {
                    // The path entry says that no dialog could be shown.
                    // Export and save-as start from the document's own name (page.pdf, page.json).
                    let own = |ext: &str| app.path.as_ref().map(|p| p.with_extension(ext).display().to_string());
                    let text = match purpose {
                        Purpose::Export => own("pdf"),
                        Purpose::SaveAs => own("json"),
                        _ => None,
                    };
                    app.modal = Some(super::Modal::PathEntry { purpose, text: text.unwrap_or_default() });
                }
                continue;
            };
            Files::answer(app, purpose, path);
        }
        if app.files.busy {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// Does what a dialog was opened for with the file it gave (or that was typed in).
    pub fn answer(app: &mut EditorApp, purpose: Purpose, path: PathBuf) {
        if matches!(purpose, Purpose::Image { .. } | Purpose::ReplaceImage { .. })
            && let Err(e) = crate::layout::image::probe(&path)
        {
            // A file that cannot be placed (missing, not an image, damaged) is refused, said.
            let problem = crate::layout::problem::LayoutProblem::Image(e);
            return app.error(super::messages::layout_problem(app.lang, &problem));
        }
        match purpose {
            Purpose::Open => app.open_path(&path),
            Purpose::SaveAs => app.save_to(&with_extension(path, "json")),
            Purpose::Export => app.export_pdf(&with_extension(path, "pdf")),
            Purpose::Image { page, frame } => match link_for(app, &path) {
                Ok(rel) => super::place::add_image(app, page, frame, rel),
                Err(e) => app.error(super::file_words::app_error(app.lang, &e)),
            },
            Purpose::ReplaceImage { element } => {
                let Some((_, el)) = app.doc.element(&element) else { return };
                let mut el = el.clone();
                if let crate::model::ElementKind::Image(img) = &mut el.kind {
                    // Like a placed file: one from outside the layout's folder is copied in first.
                    match link_for(app, &path) {
                        Ok(rel) => img.path = rel,
                        Err(e) => return app.error(super::file_words::app_error(app.lang, &e)),
                    }
                    app.command(crate::edit::Command::Replace { element: el });
                }
            }
        }
    }
}

fn with_extension(p: PathBuf, ext: &str) -> PathBuf {
    if p.extension().is_some() { p } else { p.with_extension(ext) }
}

/// `path` relative to `base` when it lies below it, else absolute.
fn relative_to(path: &Path, base: &Path) -> String {
    let base = base.canonicalize().unwrap_or_else(|_| base.to_path_buf());
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.strip_prefix(&base).unwrap_or(&path).to_string_lossy().into_owned()
}

/// Reads a layout for the editor: what the loader accepts, except that links out of the
/// layout's folder are listed (as "path → where it leads") for the designer to allow once,
/// rather than refused.
pub fn load_listing_outside(path: &Path) -> Result<(Document, Vec<String>), crate::io::FileError> {
    let doc = crate::io::load_with(path, crate::io::LoadOptions { allow_links_outside: true })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let links = crate::io::outside_links(&doc, base)
        .into_iter()
        .map(|l| match l.why {
            crate::io::OutsideReason::ThroughLink(real) => format!("{} → {}", l.link, real.display()),
            _ => l.link,
        })
        .collect();
    Ok((doc, links))
}

/// The link a placed file gets: relative to the layout's folder. A file from outside that
/// folder is copied into its `links/` subfolder first (a layout reads only files inside its
/// folder), when the layout has a folder of its own yet.
pub fn link_for(app: &EditorApp, path: &Path) -> Result<String, AppError> {
    let base = app.base_dir();
    let rel = relative_to(path, &base);
    if Path::new(&rel).is_relative() || app.path.is_none() {
        return Ok(rel);
    }
    let name = path.file_name().ok_or_else(|| AppError::NotAFile(path.into()))?;
    let dir = base.join("links");
    std::fs::create_dir_all(&dir).map_err(|source| AppError::Copy { file: dir.clone(), source })?;
    let copy = free_name(&dir, Path::new(name), path);
    if !copy.exists() {
        std::fs::copy(path, &copy).map_err(|source| AppError::Copy { file: copy.clone(), source })?;
    }
    Ok(relative_to(&copy, &base))
}

/// Where in `dir` a copy of `source` goes: `name`, or `name-2`, `name-3`… when a different
/// file already has that name (an existing identical copy is reused, never overwritten).
fn free_name(dir: &Path, name: &Path, source: &Path) -> PathBuf {
    let same = |p: &Path| match (std::fs::read(p), std::fs::read(source)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    let stem = name.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = name.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    (1..)
        .map(|n| if n == 1 { dir.join(name) } else { dir.join(format!("{stem}-{n}{ext}")) })
        .find(|p| !p.exists() || same(p))
        .unwrap_or_else(|| dir.join(name))
}

/// The New document form's values (mm).
#[derive(Clone, Debug, PartialEq)]
pub struct NewDocSettings {
    pub preset: usize,
    pub width: f32,
    pub height: f32,
    pub columns: u32,
    pub margin: f32,
    pub gutter: f32,
}

/// Page presets: width and height in mm (their names are the strings' `paper_sizes`).
pub const PRESETS: [(f32, f32); 4] = [(390.0, 540.0), (270.0, 390.0), (297.0, 420.0), (210.0, 297.0)];

impl Default for NewDocSettings {
    fn default() -> Self {
        NewDocSettings { preset: 2, width: 297.0, height: 420.0, columns: 5, margin: 14.0, gutter: 5.0 }
    }
}

impl NewDocSettings {
    /// An empty document with one page and the house body styles.
    pub fn document(&self) -> Document {
        let mut styles = StyleSheet::default();
        let named = |props| NamedStyle { based_on: None, next: None, props };
        styles.paragraph.insert(
            "正文".into(),
            named(StyleProps {
                font_family: Some("Noto Serif SC".into()),
                size: Some(10.5),
                leading: Some(15.5),
                indent: Some(2.0),
                ..Default::default()
            }),
        );
        styles.paragraph.insert(
            "标题".into(),
            named(StyleProps {
                font_family: Some("Noto Sans SC Black".into()),
                size: Some(26.0),
                leading: Some(32.0),
                indent: Some(0.0),
                align: Some(crate::model::Align::Center),
                ..Default::default()
            }),
        );
        let m = mm_to_pt(self.margin);
        Document {
            title: String::new(),
            swatches: Vec::new(),
            masters: Vec::new(),
            variables: Default::default(),
            pages: vec![Page {
                width: mm_to_pt(self.width),
                height: mm_to_pt(self.height),
                margins: Margins { top: m, bottom: m, left: m, right: m },
                grid: ColumnGrid { columns: self.columns.max(1), gutter: mm_to_pt(self.gutter) },
                baseline: None,
                bleed: 0.0,
                label: None,
                master: None,
                elements: Vec::new(),
            }],
            stories: Vec::new(),
            styles,
        }
    }
}

/// The New document form. Some(true) = create, Some(false) = cancel.
pub fn new_doc_form(ui: &mut egui::Ui, s: &Strings, lang: super::i18n::Lang, n: &mut NewDocSettings) -> Option<bool> {
    let mut out = None;
    egui::Grid::new("new-doc-grid").num_columns(2).show(ui, |ui| {
        let label = ui.label(s.preset);
        egui::ComboBox::from_id_salt("preset")
            .selected_text(s.paper_sizes.get(n.preset).copied().unwrap_or(s.custom))
            .show_ui(ui, |ui| {
                for (i, ((w, h), name)) in PRESETS.iter().zip(s.paper_sizes).enumerate() {
                    if ui.selectable_value(&mut n.preset, i, name).clicked() {
                        n.width = *w;
                        n.height = *h;
                    }
                }
                ui.selectable_value(&mut n.preset, PRESETS.len(), s.custom);
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        let custom = n.preset >= PRESETS.len();
        let label = ui.label(s.width);
        ui.add_enabled_ui(custom, |ui| number(ui, s.width, &mut n.width, 20.0..=2000.0, |d| d).labelled_by(label.id));
        ui.end_row();
        let label = ui.label(s.height);
        ui.add_enabled_ui(custom, |ui| number(ui, s.height, &mut n.height, 20.0..=2000.0, |d| d).labelled_by(label.id));
        ui.end_row();
        let label = ui.label(s.columns);
        number(ui, s.columns, &mut n.columns, 1..=20, |d| d).labelled_by(label.id);
        ui.end_row();
        let label = ui.label(s.margins);
        number(ui, s.margins, &mut n.margin, 0.0..=100.0, |d| d.speed(0.5)).labelled_by(label.id);
        ui.end_row();
        let label = ui.label(s.gutter);
        number(ui, s.gutter, &mut n.gutter, 0.0..=50.0, |d| d.speed(0.1)).labelled_by(label.id);
        ui.end_row();
    });
    // Settings the file format would refuse (margins wider than a small page…) say so, and
    // 创建 waits until they are changed: a new document is always one that can be saved.
    let doc = n.document();
    let refused = crate::io::from_json(&crate::io::to_json(&doc)).err();
    if let Some(e) = &refused {
        ui.colored_label(egui::Color32::from_rgb(200, 30, 30), super::file_words::refusal(lang, e, &doc));
    }
    ui.horizontal(|ui| {
        if ui.add_enabled(refused.is_none(), egui::Button::new(s.create)).clicked() {
            out = Some(true);
        }
        if ui.button(s.cancel).clicked() {
            out = Some(false);
        }
    });
    out
}

/// Opening, templates and saving: the document's files.
impl EditorApp {
    /// Runs what waited on the unsaved-changes prompt.
    pub(super) fn proceed(&mut self, action: AfterPrompt, ctx: &egui::Context) {
        match action {
            AfterPrompt::Close => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            AfterPrompt::New => self.modal = Some(Modal::NewDocument(NewDocSettings::default())),
            AfterPrompt::Open => self.files.pick_open(),
            AfterPrompt::OpenPath(p) => self.open_path(&p),
            AfterPrompt::FromTemplate(p) => self.new_from_template(&p),
        }
    }

    /// Does `action` now, or first asks about unsaved changes.
    pub fn guarded(&mut self, action: AfterPrompt, ctx: &egui::Context) {
        if self.dirty {
            self.modal = Some(Modal::Unsaved(action));
        } else {
            self.proceed(action, ctx);
        }
    }

    pub fn open_path(&mut self, path: &Path) {
        match load_listing_outside(path) {
            Ok((doc, links)) if links.is_empty() => self.opened(doc, path),
            Ok((doc, links)) => {
                self.modal = Some(Modal::OutsideLinks { path: path.to_path_buf(), doc: Box::new(doc), links })
            }
            Err(e) => self.error(super::file_words::file_error(self.lang, &e)),
        }
    }

    /// Shows a layout that was read from `path`.
    pub(super) fn opened(&mut self, doc: Document, path: &Path) {
        self.replace_document(doc, Some(path.to_path_buf()));
        self.files.remember(path);
    }

    /// A new untitled document, a copy of the template at `path`.
    pub fn new_from_template(&mut self, path: &Path) {
        match crate::io::load(path) {
            Ok(doc) => self.replace_document(doc, None),
            Err(e) => self.error(super::file_words::file_error(self.lang, &e)),
        }
    }

    /// The page templates shipped in layouts/templates (新闻版 对开, 四开…), by title.
    pub fn templates() -> Vec<(String, PathBuf)> {
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/layouts/templates"));
        let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .filter_map(|p| crate::io::load(&p).ok().map(|d| (d.title, p)))
            .collect();
        out.sort();
        out
    }

    /// Saves to the document's path, or asks for one.
    pub fn save(&mut self) {
        match self.path.clone() {
            Some(path) => self.save_to(&path),
            None => self.files.pick_save_as(),
        }
    }

    pub fn save_to(&mut self, path: &Path) {
        match crate::io::save(&self.doc, path) {
            Ok(()) => {
                if let Some(a) = &mut self.autosave {
                    a.clear(self.path.as_deref());
                    a.clear(Some(path));
                }
                self.path = Some(path.to_path_buf());
                self.dirty = false;
                self.saved = Some(self.doc.clone());
                self.files.remember(path);
                let msg = super::i18n::fill(self.strings().saved, path.display());
                self.info(msg);
            }
            Err(e) => self.error(super::file_words::file_error(self.lang, &e)),
        }
    }
}
