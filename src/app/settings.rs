//! The editor's own settings — the UI's language, the zoom and the recent files — kept between
//! starts in `paiban/settings.json` under the platform's config folder (the window keeps them
//! there; an editor made in a test keeps none unless given a file), and the platform's folders
//! themselves (config, and state for recovery copies). A missing or broken settings file gives
//! the defaults; failing to write one only costs the settings.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::i18n::Lang;

/// How many recent files are listed.
pub const MAX_RECENT: usize = 10;
/// A zoom gesture is written once it has rested this long (not at every step of it).
const ZOOM_SETTLES: Duration = Duration::from_millis(400);
/// The largest settings file read (anything bigger is not ours).
const MAX_SETTINGS_BYTES: u64 = 1 << 20;

/// The zoom a page opens at: fitted to the window, or a percentage of its real size.
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Zoom {
    #[default]
    Fit,
    Percent(f32),
}

impl Zoom {
    /// The percentage (`None` for Fit, or for one that is not a positive number; the canvas
    /// holds it to its zoom range).
    pub fn percent(self) -> Option<f32> {
        match self {
            Zoom::Percent(p) if p.is_finite() && p > 0.0 => Some(p),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub language: Lang,
    pub zoom: Zoom,
    pub recent: Vec<PathBuf>,
}

impl Settings {
    /// The settings as last written to `file` (the defaults when there are none or they do not
    /// parse).
    pub fn load(file: &Path) -> Settings {
        crate::io::read_regular(file, MAX_SETTINGS_BYTES)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Settings>(&bytes).ok())
            .map(|mut s| {
                s.recent.truncate(MAX_RECENT);
                s
            })
            .unwrap_or_default()
    }

    fn save(&self, file: &Path) -> std::io::Result<()> {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        crate::io::write_atomically(file, text.as_bytes())
    }
}

/// Where the settings are kept, what was written there, and when the live ones first differed
/// from it. Without a file nothing is written.
#[derive(Default)]
pub struct Remembered {
    file: Option<PathBuf>,
    written: Settings,
    differs_since: Option<Instant>,
}

impl Remembered {
    pub fn new(file: PathBuf, written: Settings) -> Remembered {
        Remembered { file: Some(file), written, differs_since: None }
    }

    /// Writes `now` when it differs from what was written: at once for the language and the
    /// recent files, once a zoom has settled. Returns how long to wait before asking again.
    pub fn keep(&mut self, now: Settings) -> Option<Duration> {
        if self.file.is_none() || now == self.written {
            self.differs_since = None;
            return None;
        }
        let since = *self.differs_since.get_or_insert_with(Instant::now);
        let only_zoom = Settings { zoom: self.written.zoom, ..now.clone() } == self.written;
        if only_zoom && since.elapsed() < ZOOM_SETTLES {
            return Some(ZOOM_SETTLES - since.elapsed());
        }
        self.flush(now);
        None
    }

    /// Writes `now` if it differs from what was written (at exit).
    pub fn flush(&mut self, now: Settings) {
        if let Some(file) = &self.file
            && now != self.written
        {
            // A failure only costs the settings; the next change tries again.
            let _ = now.save(file);
            self.written = now;
        }
        self.differs_since = None;
    }
}

impl super::EditorApp {
    /// Takes the settings kept in `file` (language, zoom, recent files) and keeps them there as
    /// they change. The window keeps them in the platform's config folder; a test names a file.
    pub fn remember_settings_in(&mut self, file: PathBuf) {
        let kept = Settings::load(&file);
        self.lang = kept.language;
        self.zoom = kept.zoom;
        self.fit_pending = true;
        // A file opened before this is the newest of the recent ones.
        let mut recent = kept.recent.clone();
        for path in self.files.recent.iter().rev() {
            put_first(&mut recent, path);
        }
        self.files.recent = recent;
        self.remembered = Remembered::new(file, kept);
    }

    /// The settings as they are now.
    pub(super) fn settings(&self) -> Settings {
        Settings { language: self.lang, zoom: self.zoom, recent: self.files.recent.clone() }
    }
}

/// The settings file in the platform's config folder.
pub fn settings_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("settings.json"))
}

/// paiban's folder for settings: $XDG_CONFIG_HOME/paiban or ~/.config/paiban; on macOS
/// ~/Library/Application Support/paiban; on Windows %APPDATA%\paiban.
pub fn config_dir() -> Option<PathBuf> {
    platform_dir("XDG_CONFIG_HOME", ".config", "APPDATA")
}

/// paiban's folder for state kept between runs (recovery copies): $XDG_STATE_HOME/paiban or
/// ~/.local/state/paiban; on macOS ~/Library/Application Support/paiban; on Windows
/// %LOCALAPPDATA%\paiban.
pub fn state_dir() -> Option<PathBuf> {
    platform_dir("XDG_STATE_HOME", ".local/state", "LOCALAPPDATA")
}

fn platform_dir(xdg: &str, xdg_default: &str, windows: &str) -> Option<PathBuf> {
    let absolute = |v: std::ffi::OsString| Some(PathBuf::from(v)).filter(|p| p.is_absolute());
    let home = || std::env::var_os("HOME").and_then(absolute);
    let base = if cfg!(windows) {
        std::env::var_os(windows).and_then(absolute)
    } else if cfg!(target_os = "macos") {
        home().map(|h| h.join("Library/Application Support"))
    } else {
        // The XDG base directory rules: a relative value is ignored.
        std::env::var_os(xdg).and_then(absolute).or_else(|| home().map(|h| h.join(xdg_default)))
    };
    base.map(|b| b.join("paiban"))
}

/// `path` first in `recent`, once, the list held to [`MAX_RECENT`].
pub fn put_first(recent: &mut Vec<PathBuf>, path: &Path) {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    recent.retain(|p| p != &path);
    recent.insert(0, path);
    recent.truncate(MAX_RECENT);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_reads_back_and_old_or_broken_files_give_defaults() {
        let s = Settings { language: Lang::En, zoom: Zoom::Percent(150.0), recent: vec!["/a/b.json".into()] };
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Settings>(&text).unwrap(), s);
        // The file as earlier versions wrote it: the language only.
        let old: Settings = serde_json::from_str(r#"{"language":"en"}"#).unwrap();
        assert_eq!(old, Settings { language: Lang::En, ..Default::default() });
        assert!(serde_json::from_str::<Settings>(r#"{"language":"fr"}"#).is_err());
    }

    #[test]
    fn a_remembered_zoom_is_held_to_the_canvas_range() {
        assert_eq!(Zoom::Fit.percent(), None);
        assert_eq!(Zoom::Percent(150.0).percent(), Some(150.0));
        assert_eq!(Zoom::Percent(-3.0).percent(), None);
        let far = super::super::view::View::at_percent(1e9, 500.0, 700.0, egui::vec2(800.0, 600.0), 1.0);
        assert_eq!(far.zoom, super::super::view::MAX_ZOOM);
    }

    #[test]
    fn recent_files_are_listed_once_newest_first_and_at_most_ten() {
        let mut recent = Vec::new();
        for i in 0..12 {
            put_first(&mut recent, Path::new(&format!("/nowhere/{i}.json")));
        }
        put_first(&mut recent, Path::new("/nowhere/5.json"));
        assert_eq!(recent.len(), MAX_RECENT);
        assert_eq!(recent[0], Path::new("/nowhere/5.json"));
        assert_eq!(recent.iter().filter(|p| p.ends_with("5.json")).count(), 1);
    }
}
