//! Reading and writing layout files: versioned JSON (`"format": 1`), millimetres for geometry.
//!
//! File-shaped types (`file`) are converted to the model with validation (`convert`) and back
//! (`to_file`), so the model can change without a migration; swatches resolve both ways
//! (`palette`). Every error names the file, the JSON path and what is wrong.
//! Saving writes a temporary file beside the target and renames it over, so a crash never
//! leaves half a file.

mod atomic;
mod cause;
mod convert;
mod file;
mod locate;
mod output;
mod palette;
mod refusal;
mod to_file;
mod value;

use std::fmt;
use std::path::{Path, PathBuf};

pub use atomic::{backup_path, process_runs, regular_target, write_atomically, write_output, write_with_backup};
pub use cause::{FormatErrorKind, JsonCause, Quantity, Syntax, ValueProblem};
pub use convert::MAX_PAGE_MM;
pub use output::{OutputKind, OutputRefusal, check_output};
pub use refusal::{FileKind, FileRefusal, read_regular};

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
    Invalid { file: PathBuf, error: Box<FormatError> },
}

/// What is wrong with a layout's JSON, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct FormatError {
    /// A JSON path such as `pages[0].elements[3].w` (`.` for the whole file).
    pub path: String,
    pub kind: FormatErrorKind,
    /// 1-based line and column for syntax errors.
    pub line: Option<(usize, usize)>,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some((l, c)) => write!(f, "line {l}, column {c}: at {}: {}", self.path, self.kind),
            // The whole file (it is empty).
            None if self.path.is_empty() => write!(f, "{}", self.kind),
            None => write!(f, "at {}: {}", self.path, self.kind),
        }
    }
}

impl std::error::Error for FormatError {}

impl FormatError {
    pub(crate) fn at(path: impl Into<String>, kind: FormatErrorKind) -> FormatError {
        FormatError { path: path.into(), kind, line: None }
    }

    /// A serde_json error at `path`, typed, with its line and column when it has them.
    fn serde(path: String, e: &serde_json::Error) -> FormatError {
        let line = (e.line() > 0).then(|| (e.line(), e.column()));
        FormatError { path, kind: FormatErrorKind::from_serde(&strip_position(&e.to_string())), line }
    }
}

/// Parses a layout from JSON text.
pub fn from_json(text: &str) -> Result<Document, FormatError> {
    if text.trim().is_empty() {
        return Err(FormatError::at("", FormatErrorKind::Empty));
    }
    let version = peek_format(text)?;
    if version != FORMAT_VERSION {
        let (found, reads) = (version, FORMAT_VERSION);
        let kind = if version > FORMAT_VERSION {
            FormatErrorKind::FormatNewer { found, reads }
        } else {
            FormatErrorKind::FormatOlder { found, reads }
        };
        return Err(FormatError::at("format", kind));
    }
    cause::forget_custom();
    let mut de = serde_json::Deserializer::from_str(text);
    let file: file::LayoutFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let reported = display_path(&e.path().to_string());
        let path = locate::refine(text, &reported).unwrap_or(reported);
        FormatError::serde(path, e.inner())
    })?;
    de.end().map_err(|e| FormatError::serde(".".into(), &e))?;
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

/// The largest layout file read: the sample page is 40 KB, a 200 000-character story under 1 MB.
pub const MAX_LAYOUT_BYTES: u64 = 64 * 1024 * 1024;

/// How a layout is loaded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Let images and placed PDFs be read from outside the layout's folder and its subfolders
    /// (absolute paths, `..`, links out of it). Off by default: a layout from elsewhere must not
    /// pull local files into a PDF that is sent back.
    pub allow_links_outside: bool,
}

/// Loads a layout file, refusing images outside its folder (see `LoadOptions`).
pub fn load(path: &Path) -> Result<Document, FileError> {
    load_with(path, LoadOptions::default())
}

/// Loads a layout file: a regular file of at most `MAX_LAYOUT_BYTES` (devices, FIFOs and
/// /proc files are never read), valid, and with its links inside its folder unless allowed.
pub fn load_with(path: &Path, options: LoadOptions) -> Result<Document, FileError> {
    let text = read_layout_text(path).map_err(|source| FileError::Read { file: path.into(), source })?;
    let doc = from_json(&text).map_err(|error| FileError::Invalid { file: path.into(), error: Box::new(error) })?;
    if !options.allow_links_outside {
        let base = path.parent().unwrap_or(Path::new("."));
        check_links(&doc, base).map_err(|error| FileError::Invalid { file: path.into(), error: Box::new(error) })?;
    }
    Ok(doc)
}

/// A layout file's text, read only when it is a regular file under the size cap.
fn read_layout_text(path: &Path) -> std::io::Result<String> {
    String::from_utf8(read_regular(path, MAX_LAYOUT_BYTES)?).map_err(|_| FileRefusal::NotUtf8.into_io())
}

/// Refuses images and placed PDFs whose files lie outside `base` (the layout's folder) and its
/// subfolders: absolute paths, `..` and symbolic links that lead out. Files that do not exist
/// are left to the preflight (reported missing). The error names the element's JSON path.
pub fn check_links(doc: &Document, base: &Path) -> Result<(), FormatError> {
    match outside_links(doc, base).into_iter().next() {
        Some(link) => Err(link.error(&std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf()))),
        None => Ok(()),
    }
}

/// A link that leads out of the layout's folder.
#[derive(Clone, Debug, PartialEq)]
pub struct OutsideLink {
    /// The element's `path` field, e.g. `pages[0].elements[3].path`.
    pub json_path: String,
    /// The link as written in the file.
    pub link: String,
    pub why: OutsideReason,
}

/// How a link leaves the layout's folder.
#[derive(Clone, Debug, PartialEq)]
pub enum OutsideReason {
    Absolute,
    ParentDir,
    /// A symbolic link on the way leads here.
    ThroughLink(PathBuf),
}

impl OutsideLink {
    fn error(&self, root: &Path) -> FormatError {
        let kind =
            FormatErrorKind::LinkOutside { link: self.link.clone(), why: self.why.clone(), folder: root.to_path_buf() };
        FormatError::at(self.json_path.clone(), kind)
    }
}

/// Every image and placed PDF whose file lies outside `base` and its subfolders, in file order
/// (the editor lists them all for the designer to allow once).
pub fn outside_links(doc: &Document, base: &Path) -> Vec<OutsideLink> {
    use crate::model::ElementKind;
    use std::path::Component;
    let pages = doc.pages.iter().enumerate().map(|(i, p)| (format!("pages[{i}]"), &p.elements));
    let masters = doc.masters.iter().enumerate().map(|(i, m)| (format!("masters[{i}]"), &m.elements));
    let base = if base.as_os_str().is_empty() { Path::new(".") } else { base };
    let root = std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
    let mut out = Vec::new();
    for (at, elements) in pages.chain(masters) {
        for (e, el) in elements.iter().enumerate() {
            let ElementKind::Image(img) = &el.kind else { continue };
            let rel = Path::new(&img.path);
            let why = if rel.has_root() || rel.components().any(|c| matches!(c, Component::Prefix(_))) {
                Some(OutsideReason::Absolute)
            } else if rel.components().any(|c| c == Component::ParentDir) {
                Some(OutsideReason::ParentDir)
            } else {
                std::fs::canonicalize(base.join(rel))
                    .ok()
                    .filter(|real| !real.starts_with(&root))
                    .map(OutsideReason::ThroughLink)
            };
            if let Some(why) = why {
                out.push(OutsideLink { json_path: format!("{at}.elements[{e}].path"), link: img.path.clone(), why });
            }
        }
    }
    out
}

/// Saves a layout file atomically (temporary file in the same folder, fsync, rename), keeping
/// the version it replaces as `NAME.bak`.
pub fn save(doc: &Document, path: &Path) -> Result<(), FileError> {
    let json = to_json(doc);
    // A save never writes a file that would not load (the editor's settings are checked by the
    // same rules as a file's): nothing is written and the reason names the JSON path.
    from_json(&json).map_err(|error| FileError::Invalid { file: path.into(), error: Box::new(error) })?;
    write_with_backup(path, json.as_bytes()).map_err(|source| FileError::Write { file: path.into(), source })
}

/// Reads the `"format"` number before anything else, so a newer file is refused, not misread.
fn peek_format(text: &str) -> Result<u32, FormatError> {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<serde_json::Value>,
    }
    let head: Head = serde_json::from_str(text).map_err(|e| FormatError::serde(".".into(), &e))?;
    match head.format {
        None => Err(FormatError::at("format", FormatErrorKind::FormatMissing)),
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| FormatError::at("format", FormatErrorKind::FormatNotWhole(v.to_string()))),
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
