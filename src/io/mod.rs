//! Reading and writing layout files: versioned JSON (`"format": 1`), millimetres for geometry.
//!
//! File-shaped types (`file`) are converted to the model with validation (`convert`) and back
//! (`to_file`), so the model can change without a migration; swatches resolve both ways
//! (`palette`). Every error names the file, the JSON path and what is wrong.
//! Saving writes a temporary file beside the target and renames it over, so a crash never
//! leaves half a file.

mod atomic;
mod convert;
mod file;
mod locate;
mod palette;
mod to_file;
mod value;

use std::fmt;
use std::path::{Path, PathBuf};

pub use atomic::{backup_path, process_runs, write_atomically, write_with_backup};

use crate::model::Document;

/// The file format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A layout file that could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{file}: cannot read: {source}")]
    Read { file: PathBuf, source: std::io::Error },
    #[error("{file}: cannot write: {source}")]
    Write { file: PathBuf, source: std::io::Error },
    #[error("{file}: {error}")]
    Invalid { file: PathBuf, error: FormatError },
}

/// What is wrong with a layout's JSON, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct FormatError {
    /// A JSON path such as `pages[0].elements[3].w` (`.` for the whole file).
    pub path: String,
    pub message: String,
    /// 1-based line and column for syntax errors.
    pub line: Option<(usize, usize)>,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some((l, c)) => write!(f, "line {l}, column {c}: at {}: {}", self.path, self.message),
            None => write!(f, "at {}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for FormatError {}

impl FormatError {
    pub(crate) fn at(path: impl Into<String>, message: impl Into<String>) -> FormatError {
        FormatError { path: path.into(), message: message.into(), line: None }
    }
}

/// Parses a layout from JSON text.
pub fn from_json(text: &str) -> Result<Document, FormatError> {
    let version = peek_format(text)?;
    if version != FORMAT_VERSION {
        let message = if version > FORMAT_VERSION {
            format!("format {version} is newer than this paiban reads ({FORMAT_VERSION}); update paiban")
        } else {
            format!("format {version} is not supported (this paiban reads {FORMAT_VERSION})")
        };
        return Err(FormatError::at("format", message));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let file: file::LayoutFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let reported = display_path(&e.path().to_string());
        let path = locate::refine(text, &reported).unwrap_or(reported);
        let inner = e.into_inner();
        let line = (inner.line() > 0).then(|| (inner.line(), inner.column()));
        FormatError { path, message: strip_position(&inner.to_string()), line }
    })?;
    de.end().map_err(|e| FormatError {
        path: ".".into(),
        message: strip_position(&e.to_string()),
        line: Some((e.line(), e.column())),
    })?;
    convert::to_model(file)
}

/// Writes a layout as pretty JSON text.
pub fn to_json(doc: &Document) -> String {
    let file = to_file::from_model(doc);
    // Serializing plain data structs to a String cannot fail.
    let mut text = serde_json::to_string_pretty(&file).expect("layout file types always serialize");
    text.push('\n');
    text
}

/// Loads a layout file.
pub fn load(path: &Path) -> Result<Document, FileError> {
    let text = std::fs::read_to_string(path).map_err(|source| FileError::Read { file: path.into(), source })?;
    from_json(&text).map_err(|error| FileError::Invalid { file: path.into(), error })
}

/// Saves a layout file atomically (temporary file in the same folder, fsync, rename), keeping
/// the version it replaces as `NAME.bak`.
pub fn save(doc: &Document, path: &Path) -> Result<(), FileError> {
    write_with_backup(path, to_json(doc).as_bytes()).map_err(|source| FileError::Write { file: path.into(), source })
}

/// Reads the `"format"` number before anything else, so a newer file is refused, not misread.
fn peek_format(text: &str) -> Result<u32, FormatError> {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<serde_json::Value>,
    }
    let head: Head = serde_json::from_str(text).map_err(|e| FormatError {
        path: ".".into(),
        message: strip_position(&e.to_string()),
        line: Some((e.line(), e.column())),
    })?;
    match head.format {
        None => Err(FormatError::at("format", "missing: a layout file starts with \"format\": 1")),
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| FormatError::at("format", format!("expected a whole number, found {v}"))),
    }
}

fn display_path(p: &str) -> String {
    if p.is_empty() { ".".into() } else { p.to_string() }
}

/// serde_json appends " at line L column C"; we report the position separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}
