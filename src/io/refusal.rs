//! Files paiban will not read or replace, typed: they travel inside `std::io::Error` (as its
//! inner error) so every reader and writer keeps one error type, and the editor finds them
//! with `FileRefusal::of` to word them in its language. `Display` is the command line's English.
//! `read_regular` is the one way paiban reads a file it is given: layouts, images, imports.

use std::fmt;
use std::fs;
use std::io::Read;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

/// What kind of file something is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Folder,
    Device,
    Fifo,
    Socket,
    SymbolicLink,
    Regular,
}

impl FileKind {
    pub fn of(m: &fs::Metadata) -> FileKind {
        let t = m.file_type();
        if t.is_dir() {
            FileKind::Folder
        } else if t.is_char_device() || t.is_block_device() {
            FileKind::Device
        } else if t.is_fifo() {
            FileKind::Fifo
        } else if t.is_socket() {
            FileKind::Socket
        } else if t.is_symlink() {
            FileKind::SymbolicLink
        } else {
            FileKind::Regular
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Folder => "a folder",
            FileKind::Device => "a device",
            FileKind::Fifo => "a FIFO",
            FileKind::Socket => "a socket",
            FileKind::SymbolicLink => "a symbolic link",
            FileKind::Regular => "a regular file",
        })
    }
}

/// Why a file was not read or not replaced.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum FileRefusal {
    #[error("{} is not a regular file ({kind}); write to a file", path.display())]
    NotWritable { path: PathBuf, kind: FileKind },
    #[error("{} is read-only (mode {mode:o}); make it writable (chmod u+w) to replace it", path.display())]
    ReadOnly { path: PathBuf, mode: u32 },
    #[error("{}: too many levels of symbolic links", .0.display())]
    LinkLoop(PathBuf),
    #[error("it is {0}, not a regular file")]
    NotRegular(FileKind),
    #[error("{} is a system file, not read", .0.display())]
    SystemFile(PathBuf),
    #[error("the file is {mb} MB, more than {max_mb} MB")]
    TooLarge { mb: u64, max_mb: u64 },
    /// The file grew past the cap while it was read.
    #[error("the file is more than {max_mb} MB")]
    GrewTooLarge { max_mb: u64 },
    /// What was opened is not what was looked at (a FIFO swapped in meanwhile).
    #[error("it is not a regular file")]
    Swapped,
    #[error("stream did not contain valid UTF-8")]
    NotUtf8,
}

impl FileRefusal {
    /// As an `io::Error` of the fitting kind.
    pub fn into_io(self) -> std::io::Error {
        use std::io::ErrorKind as K;
        let kind = match &self {
            FileRefusal::ReadOnly { .. } => K::PermissionDenied,
            FileRefusal::NotUtf8 => K::InvalidData,
            FileRefusal::LinkLoop(_) => K::Other,
            _ => K::InvalidInput,
        };
        std::io::Error::new(kind, self)
    }

    /// The refusal an `io::Error` carries, if it is one.
    pub fn of(e: &std::io::Error) -> Option<&FileRefusal> {
        e.get_ref().and_then(|inner| inner.downcast_ref::<FileRefusal>())
    }
}

/// A regular file's bytes, at most `max_bytes` of them: devices, FIFOs, folders and files under
/// /proc, /sys and /dev are refused unread, and so is a file over the cap (checked before
/// reading, and again while reading, for a file that grows).
pub fn read_regular(path: &Path, max_bytes: u64) -> std::io::Result<Vec<u8>> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(FileRefusal::NotRegular(FileKind::of(&meta)).into_io());
    }
    if let Ok(real) = fs::canonicalize(path)
        && ["/proc", "/sys", "/dev"].iter().any(|d| real.starts_with(d))
    {
        return Err(FileRefusal::SystemFile(real).into_io());
    }
    let max_mb = max_bytes >> 20;
    if meta.len() > max_bytes {
        return Err(FileRefusal::TooLarge { mb: meta.len() >> 20, max_mb }.into_io());
    }
    let file = fs::File::open(path)?;
    // What was opened is what was looked at (not a FIFO swapped in meanwhile).
    if !file.metadata()?.is_file() {
        return Err(FileRefusal::Swapped.into_io());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(FileRefusal::GrewTooLarge { max_mb }.into_io());
    }
    Ok(bytes)
}
