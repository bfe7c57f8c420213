//! Editions: a document of many pages exported as one PDF (`pdf::write_pdf_with_progress`) or as
//! one PDF per page (`--split`), each page under its label (A01, A02…); split pages are written
//! in parallel.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::pdf::{PdfError, PdfOptions, write_pdf};
use crate::fonts::FontBook;
use crate::layout::frame::PageFrame;
use crate::model::Document;

/// Each page's label as the PDF gets it: its own, else its page number.
pub fn page_labels(doc: &Document) -> Vec<String> {
    doc.pages.iter().enumerate().map(|(i, p)| p.label.clone().unwrap_or_else(|| (i + 1).to_string())).collect()
}

/// The names split pages' files take: each page's label, else its number (01, 02…), made safe
/// for a file name; an error names two pages that would share one.
pub fn page_file_stems(doc: &Document) -> Result<Vec<String>, String> {
    let mut stems: Vec<String> = Vec::with_capacity(doc.pages.len());
    for (i, page) in doc.pages.iter().enumerate() {
        let label = page.label.as_deref().unwrap_or("");
        let safe: String =
            label.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
        let stem = if safe.is_empty() { format!("{:02}", i + 1) } else { safe };
        if let Some(j) = stems.iter().position(|s| *s == stem) {
            return Err(format!(
                "pages {} and {} would both be written as \"{stem}\"; give them distinct labels",
                j + 1,
                i + 1
            ));
        }
        stems.push(stem);
    }
    Ok(stems)
}

/// One PDF per page, in page order, written on all cores; `progress` is told as each is done.
pub fn write_split(
    pages: &[PageFrame],
    book: &FontBook,
    opts: &PdfOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Vec<u8>>, PdfError> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(pages.len().max(1));
    let (next, done) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let write_some = || {
        let mut mine = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(page) = pages.get(i) else { return mine };
            let labels = opts.labels.get(i).cloned().into_iter().collect();
            let pdf = write_pdf(std::slice::from_ref(page), book, &PdfOptions { labels, ..opts.clone() });
            mine.push((i, pdf));
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, pages.len());
        }
    };
    let mut written = Vec::with_capacity(pages.len());
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers).map(|_| s.spawn(write_some)).collect();
        for h in handles {
            written.extend(h.join().map_err(|_| PdfError::Write("a page writer failed".into()))?);
        }
        Ok::<(), PdfError>(())
    })?;
    written.sort_by_key(|(i, _)| *i);
    written.into_iter().map(|(_, pdf)| pdf).collect()
}
