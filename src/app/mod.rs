//! The desktop editor (egui/eframe). It paints the page from the same layout the PDF is
//! written from, and changes the document only through `edit::Command`s, applied after each
//! UI pass (so one drag or one burst of typing is one undo step).
//!
//! Submodules: `canvas` (page, guides, tools, dragging), `chrome` (menus, toolbar, status bar,
//! dialogs, shortcuts), `inspector` (selection properties), `panels` (pages and elements lists),
//! `arrange` (stacking, align, distribute), `files` (dialogs, save, export, recent files),
//! `clipboard`, `rulers`, `i18n` (every string), `messages` (errors and findings in the UI's
//! language), `view` (zoom/pan), `snap`, `tiles` (page raster cache), `textedit` (writing on
//! the canvas), `place` (new elements), `export` (preflight and PDF export off the UI thread),
//! `galley`, `dropin`, `recovery`.

mod appearance;
mod arrange;
mod canvas;
mod chrome;
mod clipboard;
pub mod dropin;
pub mod errors;
mod export;
mod fields;
mod file_words;
mod files;
mod galley;
pub mod i18n;
mod inspector;
mod messages;
mod missing;
mod modals;
mod panels;
mod place;
mod ports;
pub mod recovery;
mod rulers;
pub mod settings;
pub mod snap;
mod textedit;
mod tiles;
pub mod view;
mod zoom;

use std::path::{Path, PathBuf};

use crate::edit::history::History;
use crate::edit::{Command, apply};
use crate::fonts::FontBook;
use crate::layout::frame::PageFrame;
use crate::model::Document;
pub use canvas::Tool;
pub use files::NewDocSettings;
use i18n::{Lang, Strings};
pub use textedit::TextEditing;
use view::View;

/// Something waiting for the user's answer about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub enum AfterPrompt {
    Close,
    New,
    Open,
    OpenPath(PathBuf),
    /// A new, untitled document from a template file.
    FromTemplate(PathBuf),
}

/// An open modal dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    Unsaved(AfterPrompt),
    NewDocument(files::NewDocSettings),
    QrPayload {
        page: usize,
        frame: crate::units::Rect,
        text: String,
    },
    /// The preflight's findings under the current preset; before an export, with the file to
    /// write if the designer exports anyway.
    Preflight {
        export_to: Option<PathBuf>,
    },
    /// A document a crashed editor left: restore it or throw it away.
    Recover(Box<recovery::Recovered>),
    /// No file dialog could be shown: the path is typed in.
    PathEntry {
        purpose: files::Purpose,
        text: String,
    },
    /// A layout whose images or placed PDFs lie outside its folder: opened only once the
    /// designer has seen the list and allowed them.
    OutsideLinks {
        path: PathBuf,
        doc: Box<Document>,
        links: Vec<String>,
    },
    /// Find and replace across all stories.
    FindReplace {
        find: String,
        replace: String,
        regex: bool,
    },
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    /// When it was said (a notice goes after a while; an error stays until dismissed).
    pub at: std::time::Instant,
}

/// How long a notice (已保存, 已导出…) stays in the status bar.
const NOTICE_STAYS: std::time::Duration = std::time::Duration::from_secs(8);

pub struct EditorApp {
    pub doc: Document,
    pub path: Option<PathBuf>,
    pub dirty: bool,
    /// The document as last opened or saved: undoing back to it leaves it unchanged (not dirty).
    saved: Option<Document>,
    pub book: &'static FontBook,
    pub lang: Lang,
    /// The export preset (新闻纸, 铜版纸, 屏幕): PDF export and the preflight follow it.
    pub preset: crate::render::preset::Preset,
    pub page: usize,
    pub selection: Vec<String>,
    pub tool: Tool,
    pub view: View,
    /// Show the whole page on the next frame, at the zoom below.
    pub fit_pending: bool,
    /// The zoom pages open at (fitted, or the percentage last zoomed to); remembered.
    pub zoom: settings::Zoom,
    /// The settings as last written (language, zoom, recent files).
    remembered: settings::Remembered,
    pub messages: Vec<Message>,
    pub modal: Option<Modal>,
    /// Layouts computed so far (tests check that panning and zooming add none).
    pub layout_count: usize,
    layout: Vec<PageFrame>,
    /// What each story, table and image gave last time: an edit lays out only what changed.
    layout_cache: crate::layout::LayoutCache,
    generation: u64,
    layout_stale: bool,
    history: History,
    /// Queued commands, their merge keys and the caret as it was when each was queued.
    pending: Vec<(Command, Option<String>, Option<crate::edit::history::StoryCaret>)>,
    canvas: canvas::CanvasState,
    tiles: tiles::TileCache,
    files: files::Files,
    inspector: inspector::InspectorState,
    /// A PDF being written off the UI thread.
    export_job: Option<export::ExportJob>,
    /// Recovery copies of unsaved work (none in tests unless asked for).
    autosave: Option<recovery::Autosave>,
    /// While a recovery copy is offered: the files other copies left behind are of (each is
    /// offered when its file is opened).
    pub recovery_others: Vec<String>,
    /// Changes made to the document so far (autosave writes when it grows).
    edits: u64,
    /// The story shown in the galley window.
    pub galley: Option<String>,
    /// The window may close (unsaved changes were dealt with).
    close_confirmed: bool,
    /// Writing in a story on the canvas: its caret and selection.
    pub text_edit: Option<TextEditing>,
    /// The window title last sent (sent again only when it changes).
    shown_title: String,
    /// The page shown last frame (a page change clears the selection).
    shown_page: usize,
    /// The occurrence find next/previous went to last.
    find_cursor: Option<usize>,
    /// For end-to-end scripts: a file that receives the elements' screen rectangles
    /// ($PAIBAN_SCREEN_INFO), and what was last written there.
    screen_info: Option<(PathBuf, String)>,
}

impl EditorApp {
    /// An editor on `doc` (from `path`, if it came from a file).
    pub fn new(doc: Document, path: Option<PathBuf>, book: &'static FontBook) -> EditorApp {
        EditorApp {
            saved: Some(doc.clone()),
            doc,
            path,
            dirty: false,
            book,
            lang: Lang::default(),
            zoom: settings::Zoom::default(),
            preset: crate::render::preset::Preset::default(),
            export_job: None,
            autosave: None,
            recovery_others: Vec::new(),
            edits: 0,
            galley: None,
            page: 0,
            selection: Vec::new(),
            tool: Tool::Select,
            view: View::default(),
            fit_pending: true,
            messages: Vec::new(),
            modal: None,
            layout_count: 0,
            layout: Vec::new(),
            layout_cache: Default::default(),
            generation: 0,
            layout_stale: true,
            history: History::default(),
            pending: Vec::new(),
            canvas: Default::default(),
            tiles: Default::default(),
            files: files::Files::default(),
            remembered: settings::Remembered::default(),
            inspector: Default::default(),
            close_confirmed: false,
            text_edit: None,
            shown_title: String::new(),
            shown_page: 0,
            find_cursor: None,
            screen_info: std::env::var_os("PAIBAN_SCREEN_INFO").map(|p| (PathBuf::from(p), String::new())),
        }
    }

    /// Opens a layout file, or reports why not.
    pub fn open(path: &Path, book: &'static FontBook) -> Result<EditorApp, crate::io::FileError> {
        let (doc, links) = files::load_listing_outside(path)?;
        if links.is_empty() {
            let mut app = EditorApp::new(doc, Some(path.to_path_buf()), book);
            app.files.remember(path);
            return Ok(app);
        }
        let mut app = EditorApp::new(files::NewDocSettings::default().document(), None, book);
        app.modal = Some(Modal::OutsideLinks { path: path.to_path_buf(), doc: Box::new(doc), links });
        Ok(app)
    }

    /// Puts the CJK face into egui's fonts so panels can show Chinese.
    pub fn install_fonts(ctx: &egui::Context, book: &FontBook) {
        let mut fonts = egui::FontDefinitions::default();
        let face = book.find("Noto Sans SC", false).map(|id| book.face(id));
        if let Some(face) = face {
            fonts.font_data.insert("cjk".into(), std::sync::Arc::new(egui::FontData::from_static(face.data)));
            for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
                fonts.families.entry(family).or_default().push("cjk".into());
            }
        }
        ctx.set_fonts(fonts);
    }

    pub fn strings(&self) -> &'static Strings {
        self.lang.strings()
    }

    /// Queues a change; it is applied after this frame's UI pass.
    pub fn command(&mut self, cmd: Command) {
        let caret = self.text_caret();
        self.pending.push((cmd, None, caret));
    }

    /// Queues a change that merges with the previous one of the same key into one undo step.
    pub fn command_merged(&mut self, cmd: Command, key: String) {
        let caret = self.text_caret();
        self.pending.push((cmd, Some(key), caret));
    }

    /// Applies queued commands (each either fully or not at all).
    /// Applies the queued commands; returns whether one was refused.
    pub fn apply_pending(&mut self) -> bool {
        let mut refused = false;
        for (cmd, key, caret) in std::mem::take(&mut self.pending) {
            let before = self.doc.clone();
            let text_edit = matches!(
                cmd,
                Command::InsertText { .. }
                    | Command::ReplaceText { .. }
                    | Command::InsertParagraphs { .. }
                    | Command::SetCharProp { .. }
            );
            match apply(&mut self.doc, cmd) {
                // The document must stay one the loader takes (a save writes only such files):
                // a setting out of its range is refused, with the element and the file's rule.
                Ok(())
                    if !text_edit
                        && self.doc != before
                        && let Err(e) = crate::io::from_json(&crate::io::to_json(&self.doc)) =>
                {
                    self.doc = before;
                    let msg = i18n::fill(self.strings().refused, file_words::refusal(self.lang, &e, &self.doc));
                    self.error(msg);
                    refused = true;
                }
                Ok(()) if self.doc != before => {
                    if key.is_none() {
                        self.history.close_group();
                    }
                    self.history.record_at(before, key, caret);
                    self.changed();
                }
                Ok(()) => {}
                Err(e) => {
                    let msg = messages::edit_error(self.strings(), &e, &self.doc);
                    self.error(msg);
                    refused = true;
                }
            }
        }
        self.selection.retain(|id| self.doc.element(id).is_some());
        self.page = self.page.min(self.doc.pages.len().saturating_sub(1));
        if let Some(t) = &self.text_edit
            && !self.doc.stories.iter().any(|s| s.id == t.story)
        {
            self.text_edit = None;
        }
        self.restore_caret(None);
        refused
    }

    fn changed(&mut self) {
        self.dirty = self.saved.as_ref() != Some(&self.doc);
        self.edits += 1;
        self.layout_stale = true;
    }

    /// Canvas tiles rasterised so far, and tiles of an older layout shown in the last frame.
    pub fn tile_counts(&self) -> (usize, usize) {
        (self.tiles.rasterised, self.tiles.stale_shown)
    }

    /// Sets the time new canvas tiles may take in one frame (tests use a tiny one to see what
    /// shows while tiles are still missing).
    pub fn set_tile_budget(&mut self, budget: std::time::Duration) {
        self.tiles.budget = Some(budget);
    }

    /// The overset ports and labels and thread ports the canvas drew last frame, on screen.
    pub fn canvas_marks(&self) -> &[egui::Rect] {
        &self.canvas.marks
    }

    pub fn undo(&mut self) {
        if let Some((doc, caret)) = self.history.undo_at(&self.doc, self.text_caret()) {
            self.doc = doc;
            self.changed();
            self.inspector.reset();
            self.restore_caret(caret);
        }
    }

    pub fn redo(&mut self) {
        if let Some((doc, caret)) = self.history.redo_at(&self.doc, self.text_caret()) {
            self.doc = doc;
            self.changed();
            self.inspector.reset();
            self.restore_caret(caret);
        }
    }

    /// Waits for recovery copies and exports being written (tests and shutdown).
    pub fn flush(&mut self) {
        if let Some(a) = &mut self.autosave {
            a.flush();
        }
        self.export_job = None;
    }

    /// Replaces the whole document (new or opened file): a fresh history. The recovery copy of
    /// the document it replaces goes (the designer chose to save or discard it).
    pub fn replace_document(&mut self, doc: Document, path: Option<PathBuf>) {
        if let Some(a) = &mut self.autosave {
            a.clear(self.path.as_deref());
        }
        self.saved = Some(doc.clone());
        self.doc = doc;
        self.path = path;
        self.dirty = false;
        self.history = History::default();
        self.selection.clear();
        self.text_edit = None;
        self.page = 0;
        self.layout_stale = true;
        self.fit_pending = true;
        self.inspector.reset();
        // What was said was said of the document before.
        self.messages.clear();
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.say(Message { text: text.into(), error: true, at: std::time::Instant::now() });
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.messages.retain(|m| m.error);
        self.say(Message { text: text.into(), error: false, at: std::time::Instant::now() });
    }

    /// Adds a message to the status bar: a repeated one moves to the end, and only the newest
    /// few stay, so the newest is always in view.
    fn say(&mut self, message: Message) {
        const SHOWN: usize = 3;
        self.messages.retain(|m| m.text != message.text);
        self.messages.push(message);
        let extra = self.messages.len().saturating_sub(SHOWN);
        self.messages.drain(..extra);
    }

    /// The folder images are relative to.
    pub fn base_dir(&self) -> PathBuf {
        // A file named with no folder ("page.json") lies in the current one.
        let parent = self.path.as_deref().and_then(Path::parent).filter(|p| !p.as_os_str().is_empty());
        parent.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
    }

    /// The laid-out pages, computed again only when the document changed.
    pub fn layout(&mut self) -> &[PageFrame] {
        if self.layout_stale {
            let base = self.base_dir();
            self.layout = crate::layout::layout_document_cached(&self.doc, self.book, &base, &mut self.layout_cache);
            self.generation += 1;
            self.layout_count += 1;
            self.layout_stale = false;
        }
        &self.layout
    }

    /// Where a page point (pt) is on screen, as of the last frame (for tests and scripts).
    pub fn screen_pos(&self, x: f32, y: f32) -> egui::Pos2 {
        self.view.to_screen(self.canvas.origin, x, y)
    }

    /// The window title: file name and an unsaved-changes mark.
    pub fn title(&self) -> String {
        let name = self
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.strings().untitled.to_string());
        format!("{}{} — paiban 排版", if self.dirty { "● " } else { "" }, name)
    }

    /// One editor frame: menus, panels, canvas; then the queued commands are applied.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        files::Files::poll(self, &ctx);
        self.poll_export(&ctx);
        dropin::handle_drops(self, &ctx);
        self.handle_close_request(&ctx);
        self.field_undo(&ctx);
        self.menu_bar(ui);
        self.toolbar(ui);
        self.status_bar(ui);
        panels::left(self, ui);
        inspector::right(self, ui);
        egui::CentralPanel::default().show(ui, |ui| canvas::show(self, ui));
        galley::window(self, &ctx);
        self.modals(&ctx);
        let notes = fields::take_notes(&ctx);
        textedit::keys(self, &ctx);
        self.shortcuts(&ctx);
        // A field's note is said unless the change it led to was refused (that says why).
        if !self.apply_pending() {
            for note in notes {
                let msg = fields::say(self.strings(), &note);
                self.error(msg);
            }
        }
        if let Some(a) = &mut self.autosave
            && let Some(wait) = a.tick(&self.doc, self.path.as_deref(), self.dirty, self.edits)
        {
            ctx.request_repaint_after(wait);
        }
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
        if self.page != self.shown_page {
            // What was selected on the other page is out of sight: arrows and Delete must not
            // act on it.
            self.selection.retain(|id| self.doc.element(id).is_some_and(|(p, _)| p == self.page));
            self.text_edit = None;
            self.shown_page = self.page;
        }
        if let Some(wait) = self.remembered.keep(self.settings()) {
            ctx.request_repaint_after(wait);
        }
        self.messages.retain(|m| m.error || m.at.elapsed() < NOTICE_STAYS);
        if let Some(first) = self.messages.iter().filter(|m| !m.error).map(|m| m.at).min() {
            ctx.request_repaint_after(NOTICE_STAYS.saturating_sub(first.elapsed()));
        }
        self.write_screen_info();
        // Esc in a field puts its old value back (egui lets go of the field as the next frame
        // begins); it must not also clear the selection.
        self.canvas.field_had_focus = ctx.memory(|m| m.focused().is_some());
    }

    /// Writes where each element of the current page is on screen (logical pixels), when
    /// $PAIBAN_SCREEN_INFO names a file: scripts driving the window with xdotool read it.
    fn write_screen_info(&mut self) {
        let Some((path, last)) = &self.screen_info else { return };
        let Some(page) = self.doc.pages.get(self.page) else { return };
        let rects: Vec<serde_json::Value> = page
            .elements
            .iter()
            .map(|e| {
                let r = self.view.rect_to_screen(self.canvas.origin, e.frame);
                serde_json::json!({"id": e.id, "x": r.min.x, "y": r.min.y, "w": r.width(), "h": r.height()})
            })
            .collect();
        let text = serde_json::json!({"zoom": self.view.zoom, "title": self.title(), "elements": rects}).to_string();
        if &text != last {
            let path = path.clone();
            if crate::io::write_atomically(&path, text.as_bytes()).is_ok()
                && let Some((_, last)) = &mut self.screen_info
            {
                *last = text;
            }
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.dirty && !self.close_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved(AfterPrompt::Close));
        }
    }

    pub fn delete_selection(&mut self) {
        if !self.selection.is_empty() {
            let ids = std::mem::take(&mut self.selection);
            self.command(Command::Delete { ids });
        }
    }
}

impl eframe::App for EditorApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        EditorApp::ui(self, ui);
    }

    /// A clean close (saved, or changes discarded) leaves no recovery copy.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.flush();
        self.remembered.flush(self.settings());
        if !self.dirty
            && let Some(a) = &mut self.autosave
        {
            a.clear(self.path.as_deref());
        }
    }
}

/// Runs the editor window on `path` (or the sample layout).
pub fn run(path: Option<PathBuf>) -> Result<(), String> {
    let book: &'static FontBook = Box::leak(Box::new(FontBook::bundled().map_err(|e| e.to_string())?));
    let path =
        path.unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/layouts/luzhong-2022-11-01.json")));
    let opened = EditorApp::open(&path, book);
    // The window still opens on an error, on a new document, with the error shown (in the
    // language the settings name).
    let (mut app, error) = match opened {
        Ok(app) => (app, None),
        Err(e) => (EditorApp::new(files::NewDocSettings::default().document(), None, book), Some(e)),
    };
    if let Some(file) = settings::settings_file() {
        app.remember_settings_in(file);
    }
    if let Some(e) = error {
        let msg = file_words::file_error(app.lang, &e);
        app.error(msg);
    }
    if let Some(dir) = recovery::default_dir() {
        app = app.with_autosave(dir, recovery::AUTOSAVE_INTERVAL);
        app.offer_recovery();
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1400.0, 950.0]).with_title(app.title()),
        ..Default::default()
    };
    eframe::run_native(
        "paiban",
        options,
        Box::new(move |cc| {
            EditorApp::install_fonts(&cc.egui_ctx, book);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| e.to_string())
}
