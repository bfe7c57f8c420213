//! Writing files so that a crash at any moment leaves the old version or the new one, never half
//! of either: a temporary file in the same folder, fsync, rename over the target, fsync of the
//! folder. Saving a layout also keeps the version it replaces as `NAME.bak`.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(path, bytes)?;
    finish(&tmp, path)
}

/// Like `write_atomically`, and the file it replaces is kept as `NAME.bak` (hard-linked, or
/// copied where links are not possible) before the new one takes its name.
pub fn write_with_backup(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(path, bytes)?;
    if path.exists()
        && let Err(e) = keep_backup(path)
    {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    finish(&tmp, path)
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
    let written = (|| {
        let mut f = File::create(&tmp)?;
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
    fs::rename(&staged, backup_path(path)).inspect_err(|_| {
        let _ = fs::remove_file(&staged);
    })
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
