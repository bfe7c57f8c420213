//! Where paiban may write an export (PDF, PNG): the one rule the command line and the editor
//! share. Never over the layout itself (whatever link leads there) nor over something that is
//! not a file; over an existing file of another kind only when forced. Devices and FIFOs are
//! written into, not replaced.

use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use super::FileKind;

/// What an export writes, known by its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputKind {
    Pdf,
    Png,
}

impl OutputKind {
    pub fn name(self) -> &'static str {
        match self {
            OutputKind::Pdf => "PDF",
            OutputKind::Png => "PNG",
        }
    }

    fn magic(self) -> &'static [u8] {
        match self {
            OutputKind::Pdf => b"%PDF-",
            OutputKind::Png => b"\x89PNG\r\n\x1a\n",
        }
    }
}

/// Why an export is not written where it was asked to go. `Display` is the command line's
/// English.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum OutputRefusal {
    #[error("{}: that is the layout {} itself; not overwritten (choose another output file)", .output.display(), .layout.display())]
    IsTheLayout { output: PathBuf, layout: PathBuf },
    #[error("{}: is {kind}, not a file to write to", .output.display())]
    NotAFile { output: PathBuf, kind: FileKind },
    #[error("{}: exists and is not a {} file; not overwritten (choose another name, or pass --force)", .output.display(), .kind.name())]
    OtherKind { output: PathBuf, kind: OutputKind },
}

/// Whether an export of `kind` may be written to `output`, for the layout at `layout` (if it
/// has a file). `force` allows replacing an existing file of another kind.
pub fn check_output(layout: Option<&Path>, output: &Path, kind: OutputKind, force: bool) -> Result<(), OutputRefusal> {
    let Ok(meta) = std::fs::metadata(output) else { return Ok(()) };
    if let Some(layout) = layout
        && let Ok(l) = std::fs::metadata(layout)
        && (l.dev(), l.ino()) == (meta.dev(), meta.ino())
    {
        return Err(OutputRefusal::IsTheLayout { output: output.into(), layout: layout.into() });
    }
    let t = meta.file_type();
    let alias = output.starts_with("/dev") || output.starts_with("/proc/self/fd");
    if t.is_char_device() || t.is_fifo() || (alias && t.is_file()) {
        return Ok(());
    }
    if !meta.is_file() {
        return Err(OutputRefusal::NotAFile { output: output.into(), kind: FileKind::of(&meta) });
    }
    if force || meta.len() == 0 {
        return Ok(());
    }
    let magic = kind.magic();
    let mut head = vec![0; magic.len()];
    let read = std::fs::File::open(output).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head));
    if read.is_ok() && head == magic { Ok(()) } else { Err(OutputRefusal::OtherKind { output: output.into(), kind }) }
}
