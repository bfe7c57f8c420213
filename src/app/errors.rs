//! What can go wrong in the editor's own work with files — importing a dropped file, copying
//! a placed file into the layout's folder, exporting, pasting — typed, with the file and the
//! cause. `Display` is English; `messages::app_error` words it in the UI's language.

use std::path::PathBuf;

use crate::import::ImportError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{file}: {source}")]
    Read { file: PathBuf, source: std::io::Error },
    #[error("{file}: {error}")]
    Import { file: PathBuf, error: ImportError },
    #[error("{0}: paiban imports .txt, .docx, .csv, .tsv, .png, .jpg and .pdf files")]
    NotImportable(PathBuf),
    #[error("{0}: not a file")]
    NotAFile(PathBuf),
    /// Copying a placed file into the layout's `links/` folder (or making that folder).
    #[error("{file}: {source}")]
    Copy { file: PathBuf, source: std::io::Error },
    #[error("{file}: {error}")]
    Export { file: PathBuf, error: crate::render::pdf::PdfError },
    #[error("{file}: {source}")]
    ExportWrite { file: PathBuf, source: std::io::Error },
    #[error("{0}: the export stopped")]
    ExportStopped(PathBuf),
    #[error("paste: {0}")]
    Paste(Box<crate::io::FormatError>),
    /// An export asked to go where it may not (the layout itself, a folder, a file of another
    /// kind).
    #[error(transparent)]
    Output(#[from] crate::io::OutputRefusal),
}
