//! PDF export off the UI thread: the laid-out pages go to a worker thread, the status bar shows
//! its progress, and the result comes back as a message. Before it, the preflight under the
//! current preset: a clean one exports at once, problems are listed first.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::thread::JoinHandle;

use super::errors::AppError;
use crate::fonts::FontBook;
use crate::layout::frame::PageFrame;
use crate::render::pdf::{PdfOptions, write_pdf_with_progress};

/// An export under way. Dropping it (the window closing) waits for the file to be written.
pub struct ExportJob {
    pub path: PathBuf,
    done: Arc<AtomicUsize>,
    total: usize,
    result: Receiver<Result<(), AppError>>,
    worker: Option<JoinHandle<()>>,
}

impl ExportJob {
    pub fn start(pages: Vec<PageFrame>, book: &'static FontBook, opts: PdfOptions, path: PathBuf) -> ExportJob {
        let done = Arc::new(AtomicUsize::new(0));
        let (send, result) = channel();
        let (counter, target, total) = (done.clone(), path.clone(), pages.len());
        let worker = std::thread::spawn(move || {
            let mut progress = |n: usize, _| counter.store(n, Ordering::Relaxed);
            let written = write_pdf_with_progress(&pages, book, &opts, &mut progress)
                .map_err(|error| AppError::Export { file: target.clone(), error })
                .and_then(|bytes| {
                    crate::io::write_atomically(&target, &bytes)
                        .map_err(|source| AppError::ExportWrite { file: target.clone(), source })
                });
            // The editor may have closed meanwhile; nobody is left to tell.
            let _ = send.send(written);
        });
        ExportJob { path, done, total, result, worker: Some(worker) }
    }

    /// Share of pages written, 0 to 1.
    pub fn progress(&self) -> f32 {
        self.done.load(Ordering::Relaxed) as f32 / self.total.max(1) as f32
    }

    /// The outcome once the worker is done.
    pub fn poll(&self) -> Option<Result<(), AppError>> {
        match self.result.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(AppError::ExportStopped(self.path.clone()))),
        }
    }
}

impl Drop for ExportJob {
    fn drop(&mut self) {
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

impl super::EditorApp {
    /// The preflight of the current layout under the current preset.
    pub fn preflight(&mut self) -> crate::check::Preflight {
        let preset = self.preset;
        self.layout();
        crate::check::preflight_document(&self.doc, &self.layout, &preset)
    }

    /// Exports after a preflight: a clean one writes the PDF, problems are listed first. One
    /// export at a time.
    pub fn export_pdf(&mut self, path: &Path) {
        let allowed = crate::io::check_output(self.path.as_deref(), path, crate::io::OutputKind::Pdf, false);
        if self.exporting() {
            let msg = self.strings().export_busy.to_string();
            self.error(msg);
        } else if let Err(refusal) = allowed {
            // Never over the layout or another kind of file (a slip between 另存为 and 导出).
            let msg = super::file_words::app_error(self.lang, &refusal.into());
            self.error(msg);
        } else if self.preflight().is_clean() {
            self.write_pdf(path);
        } else {
            self.modal = Some(super::Modal::Preflight { export_to: Some(path.to_path_buf()) });
        }
    }

    /// Starts writing the PDF on a worker thread; `poll_export` reports the outcome.
    pub(super) fn write_pdf(&mut self, path: &Path) {
        let title = match (self.doc.title.as_str(), self.path.as_deref().and_then(Path::file_stem)) {
            ("", Some(stem)) => stem.to_string_lossy().into_owned(),
            ("", None) => self.strings().untitled.to_string(),
            (t, _) => t.to_string(),
        };
        let opts = crate::render::pdf::PdfOptions {
            title,
            date: crate::render::pdf::source_date(self.path.as_deref().filter(|_| !self.dirty)),
            preset: self.preset,
            labels: crate::render::edition::page_labels(&self.doc),
        };
        let pages = self.layout().to_vec();
        self.export_job = Some(ExportJob::start(pages, self.book, opts, path.to_path_buf()));
    }

    /// Whether an export is still being written.
    pub fn exporting(&self) -> bool {
        self.export_job.is_some()
    }

    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.export_job else { return };
        match job.poll() {
            None => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
            Some(result) => {
                let path = job.path.clone();
                self.export_job = None;
                match result {
                    Ok(()) => {
                        let msg = super::i18n::fill(self.strings().exported, path.display());
                        self.info(msg);
                    }
                    Err(e) => self.error(super::file_words::app_error(self.lang, &e)),
                }
            }
        }
    }
}
