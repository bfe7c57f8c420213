//! Writing files so that a crash at any moment leaves the old version or the new one, never half
//! of either: a temporary file in the same folder, fsync, rename over the target, fsync of the
//! folder. Saving a layout also keeps the version it replaces as `NAME.bak`.
//!
//! What is written to is the file a path names: a symbolic link is followed and its target
//! replaced (the link stays a link), the replaced file's mode is kept (and its owner, where the
//! writer may give it), a read-only file is refused rather than replaced, and anything that is
//! not a regular file (a folder, a device, a FIFO, a socket) is refused — `write_output` writes
//! into devices and FIFOs instead, for command-line outputs such as `/dev/stdout`. A save holds
//! an advisory lock on the folder, so two saves of one file run one after the other and `.bak`
//! keeps the version before them.

use std::fs::{self, File};
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::refusal::{FileKind, FileRefusal};

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let path = &regular_target(path)?;
    let tmp = write_temp(path, bytes)?;
    finish(&tmp, path)
}

/// Like `write_atomically`, and the file it replaces is kept as `NAME.bak` (hard-linked, or
/// copied where links are not possible) before the new one takes its name. Saves of one file
/// take turns (an advisory lock on its folder); a save of what the file already holds changes
/// nothing, so `.bak` stays the version before.
pub fn write_with_backup(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let path = &regular_target(path)?;
    let _lock = FolderLock::take(&folder(path));
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|old| old == bytes)
    {
        return Ok(());
    }
    let tmp = write_temp(path, bytes)?;
    if path.exists()
        && let Err(e) = keep_backup(path)
    {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    finish(&tmp, path)
}

/// Writes a command's output: a regular file (or a link to one) atomically as
/// `write_atomically` does; a character device or FIFO (`/dev/stdout`, `/dev/null`, a pipe) is
/// written into, never replaced; any other kind of file is refused.
/// Paths under /dev and /proc/self/fd (`/dev/stdout`, `/dev/fd/3`) are written into too, so
/// `-o /dev/stdout` reaches whatever the standard output is, a file included.
pub fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let alias = path.starts_with("/dev") || path.starts_with("/proc/self/fd");
    match fs::metadata(path) {
        Ok(m) if m.file_type().is_char_device() || m.file_type().is_fifo() || (alias && m.is_file()) => {
            let mut f = fs::OpenOptions::new().write(true).truncate(true).open(path)?;
            f.write_all(bytes)?;
            f.flush()
        }
        _ => write_atomically(path, bytes),
    }
}

/// Follows symbolic links from `path` to the file to write (which need not exist yet), and
/// refuses what cannot be replaced: not a regular file, or read-only.
pub fn regular_target(path: &Path) -> io::Result<PathBuf> {
    let mut target = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&target) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = fs::read_link(&target)?;
                target = folder(&target).join(link);
            }
            Ok(m) if !m.is_file() => {
                return Err(FileRefusal::NotWritable { path: target, kind: FileKind::of(&m) }.into_io());
            }
            Ok(m) if m.permissions().readonly() => {
                return Err(FileRefusal::ReadOnly { path: target, mode: m.mode() & 0o7777 }.into_io());
            }
            Ok(_) => return Ok(target),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(target),
            Err(e) => return Err(e),
        }
    }
    Err(FileRefusal::LinkLoop(path.to_path_buf()).into_io())
}

/// An advisory lock (flock) on a folder, held while a save renames files in it; released when
/// dropped. Where the folder cannot be opened or locked, saves go on unlocked.
struct FolderLock(#[allow(dead_code)] Option<File>);

impl FolderLock {
    fn take(dir: &Path) -> FolderLock {
        FolderLock(File::open(dir).ok().filter(|f| f.lock().is_ok()))
    }
}

/// Where the previous version of `path` is kept.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A hidden file name beside `path`, unique to this process and to this write (two threads
/// writing the same file never share one).
fn temp_beside(path: &Path, what: &str) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    folder(path).join(format!(".{name}.{}-{n}.{what}", std::process::id()))
}

/// Removes temporary files beside `path` left by writers that were killed mid-write: those
/// whose process no longer runs (known where /proc lists processes).
fn sweep_stale(path: &Path) {
    let (Some(name), true) = (path.file_name().and_then(|n| n.to_str()), Path::new("/proc/self").exists()) else {
        return;
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(folder(path)) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else { continue };
        let Some((pid, _)) = rest.split_once('-') else { continue };
        let ours = rest.ends_with(".tmp") || rest.ends_with(".bak");
        if ours && pid.parse::<u32>().is_ok_and(|pid| !process_runs(pid)) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a process (not merely a thread: /proc lists threads' ids too) runs with this id.
pub fn process_runs(pid: u32) -> bool {
    let Ok(status) = fs::read_to_string(format!("/proc/{pid}/status")) else { return false };
    status.lines().any(|l| l.strip_prefix("Tgid:").is_some_and(|t| t.trim() == pid.to_string()))
}

fn write_temp(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    sweep_stale(path);
    let tmp = temp_beside(path, "tmp");
    let old = fs::metadata(path).ok();
    let _ = fs::remove_file(&tmp);
    let written = (|| {
        let mut f = fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        if let Some(old) = &old {
            // The new version keeps the old one's mode, and its owner where we may give it.
            f.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))?;
            let _ = std::os::unix::fs::fchown(&f, Some(old.uid()), Some(old.gid()));
            f.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))?;
        }
        f.write_all(bytes)?;
        f.sync_all()
    })();
    match written {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// The current file becomes NAME.bak in one rename, so the old .bak stays whole until then.
fn keep_backup(path: &Path) -> io::Result<()> {
    let staged = temp_beside(path, "bak");
    let _ = fs::remove_file(&staged);
    if fs::hard_link(path, &staged).is_err() {
        fs::copy(path, &staged)?;
        File::open(&staged)?.sync_all()?;
    }
    let renamed = fs::rename(&staged, backup_path(path));
    // A rename between two links to one file does nothing and succeeds: the staged link stays.
    let _ = fs::remove_file(&staged);
    renamed
}

fn finish(tmp: &Path, path: &Path) -> io::Result<()> {
    if let Err(e) = fs::rename(tmp, path) {
        let _ = fs::remove_file(tmp);
        return Err(e);
    }
    // The rename is durable once the folder's entry is on disk (not possible everywhere).
    if let Ok(dir) = File::open(folder(path)) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_keeps_the_replaced_version() {
        let dir = std::env::temp_dir().join(format!("paiban-atomic-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.json");
        write_with_backup(&path, b"one").unwrap();
        assert!(!backup_path(&path).exists(), "nothing to keep the first time");
        write_with_backup(&path, b"two").unwrap();
        write_with_backup(&path, b"three").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"two");
        let names: Vec<String> =
            fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
        let _ = fs::remove_dir_all(&dir);
    }
}
