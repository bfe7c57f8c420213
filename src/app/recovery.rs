//! Autosave and crash recovery: after changes, a recovery copy of the unsaved document is
//! written off the UI thread (at most once per interval, 30 s by default) to the recovery
//! folder; the next start offers to restore what a crash or a kill left there; a clean save
//! or close removes it.
//!
//! Whether the editor that wrote a copy still runs is told by a lock, not a process id: each
//! editor holds an exclusive lock on a session file of its own (`sessions/` in the folder) for
//! as long as it lives, and names it in its copies. The kernel drops the lock when the process
//! dies — a killed editor that is still a zombie, or whose pid was reused, holds none. Copies
//! are named by the document and the session, so a new editor never writes over a copy it was
//! not offered.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::model::Document;

/// How often a recovery copy may be written.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(30);

/// The recovery folder: $PAIBAN_RECOVERY_DIR, else $XDG_STATE_HOME/paiban/recovery, else
/// ~/.local/state/paiban/recovery.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PAIBAN_RECOVERY_DIR") {
        return Some(dir.into());
    }
    Some(super::settings::state_dir()?.join("recovery"))
}

/// A document a crashed or killed editor left behind.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    /// The recovery file itself.
    pub file: PathBuf,
    /// The layout file the document came from, if it had one.
    pub origin: Option<PathBuf>,
    /// The editor session that wrote it.
    pub session: Option<String>,
    pub doc: Document,
}

/// Keeps one document's recovery copy up to date.
pub struct Autosave {
    dir: PathBuf,
    /// This editor's session: its name, and the locked file that says it is alive.
    session: String,
    _alive: Option<std::fs::File>,
    interval: Duration,
    last_write: Option<Instant>,
    /// The edit count of the copy on disk.
    written: u64,
    writer: Option<JoinHandle<()>>,
}

impl Autosave {
    pub fn new(dir: PathBuf, interval: Duration) -> Autosave {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let session = format!("{}-{nanos:x}", std::process::id());
        let alive = std::fs::create_dir_all(dir.join("sessions"))
            .ok()
            .and_then(|()| std::fs::File::create(dir.join("sessions").join(format!("{session}.lock"))).ok())
            .filter(|f| f.try_lock().is_ok());
        Autosave { dir, session, _alive: alive, interval, last_write: None, written: 0, writer: None }
    }

    /// The recovery file of the document from `origin` (or of this window's untitled one).
    pub fn file_for(&self, origin: Option<&Path>) -> PathBuf {
        let name = match origin {
            Some(p) => {
                let h = p
                    .to_string_lossy()
                    .bytes()
                    .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3));
                format!("doc-{h:016x}-{}.json", self.session)
            }
            None => format!("untitled-{}.json", self.session),
        };
        self.dir.join(name)
    }

    /// Called every frame: writes a copy when there are unsaved edits newer than the last copy
    /// and the interval has passed. `edits` counts the document's changes. Returns how soon to
    /// be called again when edits wait for their copy (an idle editor draws no frames).
    pub fn tick(&mut self, doc: &Document, origin: Option<&Path>, dirty: bool, edits: u64) -> Option<Duration> {
        if !dirty || edits == self.written {
            return None;
        }
        let since = self.last_write.map(|t| t.elapsed());
        if let Some(since) = since.filter(|&t| t < self.interval) {
            return Some(self.interval - since);
        }
        if self.writer.as_ref().is_some_and(|w| !w.is_finished()) {
            return Some(Duration::from_millis(100));
        }
        self.written = edits;
        self.last_write = Some(Instant::now());
        let (doc, file, dir) = (doc.clone(), self.file_for(origin), self.dir.clone());
        let origin = origin.map(Path::to_path_buf);
        let session = self.session.clone();
        self.writer = Some(std::thread::spawn(move || {
            let text = serde_json::json!({
                "paiban_recovery": 1,
                "pid": std::process::id(),
                "session": session,
                "origin": origin,
                "layout": serde_json::from_str::<serde_json::Value>(&crate::io::to_json(&doc)).unwrap_or_default(),
            });
            // Autosave is best effort: a full disk must not disturb the designer's work.
            let _ = std::fs::create_dir_all(&dir);
            let _ = crate::io::write_atomically(&file, text.to_string().as_bytes());
        }));
        None
    }

    /// Waits for a copy being written.
    pub fn flush(&mut self) {
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
    }

    /// The document was saved or closed cleanly: its recovery copy goes.
    pub fn clear(&mut self, origin: Option<&Path>) {
        self.flush();
        let _ = std::fs::remove_file(self.file_for(origin));
        self.written = 0;
        self.last_write = None;
    }

    /// Documents left in the folder by editors that are no longer running.
    pub fn left_behind(&self) -> Vec<Recovered> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let mut out: Vec<Recovered> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .filter_map(|p| self.read_recovery(&p))
            .collect();
        out.sort_by(|a, b| a.file.cmp(&b.file));
        out
    }

    /// Documents left behind, the one from `origin` first (what opening that file offers).
    pub fn left_behind_for(&self, origin: Option<&Path>) -> Vec<Recovered> {
        let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let want = origin.map(canon);
        let mut found = self.left_behind();
        found.sort_by_key(|r| r.origin.as_deref().map(canon) != want);
        found
    }

    /// Whether the editor session that wrote a copy still runs (holds its session lock).
    fn session_alive(&self, session: &str) -> bool {
        if session == self.session {
            return true;
        }
        let lock = self.dir.join("sessions").join(format!("{session}.lock"));
        match std::fs::File::open(&lock) {
            Ok(f) => match f.try_lock() {
                Ok(()) => {
                    let _ = f.unlock();
                    false
                }
                Err(_) => true,
            },
            Err(_) => false,
        }
    }

    fn read_recovery(&self, file: &Path) -> Option<Recovered> {
        std::fs::metadata(file).ok().filter(|m| m.is_file() && m.len() < 256 << 20)?;
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(file).ok()?).ok()?;
        v.get("paiban_recovery")?;
        let alive = match v.get("session").and_then(|s| s.as_str()) {
            Some(session) => self.session_alive(session),
            None => {
                let pid = v.get("pid").and_then(|p| p.as_u64()).unwrap_or(0) as u32;
                pid != std::process::id() && crate::io::process_runs(pid)
            }
        };
        if alive {
            return None; // a running editor's copy
        }
        read_document(file, &v)
    }

    /// Removes a settled copy and the lock file of the session that wrote it.
    pub fn settle(&self, found: &Recovered) {
        let _ = std::fs::remove_file(&found.file);
        if let Some(session) = &found.session
            && !self.session_alive(session)
        {
            let _ = std::fs::remove_file(self.dir.join("sessions").join(format!("{session}.lock")));
        }
    }
}

fn read_document(file: &Path, v: &serde_json::Value) -> Option<Recovered> {
    let doc = crate::io::from_json(&v.get("layout")?.to_string()).ok()?;
    let origin = v.get("origin").and_then(|o| o.as_str()).map(PathBuf::from);
    let session = v.get("session").and_then(|s| s.as_str()).map(str::to_string);
    Some(Recovered { file: file.to_path_buf(), origin, session, doc })
}

/// The editor's side of recovery: keeping copies, offering one at start, settling it.
impl super::EditorApp {
    /// Keeps recovery copies of unsaved work in `dir`, at most once per `interval`.
    pub fn with_autosave(mut self, dir: PathBuf, interval: std::time::Duration) -> super::EditorApp {
        self.autosave = Some(Autosave::new(dir, interval));
        self
    }

    /// Offers to restore a document that a crashed or killed editor left behind.
    pub fn offer_recovery(&mut self) {
        let origin = self.path.clone();
        let mut found = self.autosave.as_ref().map(|a| a.left_behind_for(origin.as_deref())).unwrap_or_default();
        if found.is_empty() {
            return;
        }
        let first = found.remove(0);
        let untitled = self.strings().untitled;
        self.recovery_others = found
            .iter()
            .map(|r| r.origin.as_deref().map_or(untitled.to_string(), |p| p.display().to_string()))
            .collect();
        self.modal = Some(super::Modal::Recover(Box::new(first)));
    }

    /// Restores (or throws away) a recovered document; its recovery file goes either way, as
    /// the restored document is autosaved afresh.
    pub(super) fn settle_recovery(&mut self, found: Recovered, restore: bool) {
        if let Some(a) = &self.autosave {
            a.settle(&found);
        }
        if restore {
            // Only the restored copy goes: the one of the document it replaces stays.
            let autosave = self.autosave.take();
            // Restoring the open file's own copy is one undo step back to the file as saved.
            let saved = (found.origin == self.path).then(|| self.doc.clone());
            self.replace_document(found.doc, found.origin);
            // What is on disk (if the copy is this file's) is what "unchanged" means now.
            self.saved = saved.clone();
            if let Some(saved) = saved {
                self.history.record_at(saved, None, None);
            }
            self.autosave = autosave;
            self.dirty = true;
            self.edits += 1;
            let msg = self.strings().restored.to_string();
            self.info(msg);
        }
    }
}
