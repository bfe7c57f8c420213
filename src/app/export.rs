//! PDF export off the UI thread: the laid-out pages go to a worker thread, the status bar shows
//! its progress, and the result comes back as a message.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::thread::JoinHandle;

use crate::fonts::FontBook;
use crate::layout::frame::PageFrame;
use crate::render::pdf::{PdfOptions, write_pdf_with_progress};

/// An export under way. Dropping it (the window closing) waits for the file to be written.
pub struct ExportJob {
    pub path: PathBuf,
    done: Arc<AtomicUsize>,
    total: usize,
    result: Receiver<Result<(), String>>,
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
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    crate::io::write_atomically(&target, &bytes).map_err(|e| format!("{}: {e}", target.display()))
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
    pub fn poll(&self) -> Option<Result<(), String>> {
        match self.result.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(format!("{}: the export stopped", self.path.display()))),
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
