//! The font book: the bundled faces in `fonts/`, then system fonts, with per-character fallback.
//!
//! Font files are memory-mapped, not read: a command touches only the pages of the tables it
//! uses. Opening the book reads each file's table directory, names and weight (a few pages);
//! a face's shaper is built on its first use (`FontBook::face`). Faces live for the whole
//! process (the book hands out `'static` faces so shaping, PDF writing and painting can all
//! borrow them freely).
//!
//! Mapping risk: a mapped file that is truncated *after* it was mapped makes the next read of
//! a lost page a SIGBUS. The book checks each file before it maps it (it must be at least as
//! long as every table its directory lists, else `FontError::Damaged`), so a missing, empty or
//! short file is an error, never a crash; only a file cut short while paiban runs can still
//! bring it down (fonts are not expected to change under a running process).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Index of a face in the book.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontId(pub u32);

/// One loaded face.
pub struct Face {
    pub family: String,
    /// Full name, e.g. "Noto Sans SC Black": a style may name a face by it.
    pub full_name: String,
    pub bold: bool,
    /// PostScript name, used as the PDF BaseFont.
    pub postscript_name: String,
    pub path: PathBuf,
    pub data: &'static [u8],
    pub shaper: rustybuzz::Face<'static>,
    pub units_per_em: f32,
}

impl Face {
    /// The glyph for `c`, if the face has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.shaper.glyph_index(c).map(|g| g.0).filter(|g| *g != 0)
    }

    /// Horizontal advance of a glyph in em.
    pub fn advance_em(&self, glyph: u16) -> f32 {
        self.shaper.glyph_hor_advance(ttf_parser::GlyphId(glyph)).unwrap_or(0) as f32 / self.units_per_em
    }

    /// Ascender and descender in em (descender negative).
    pub fn ascent_descent_em(&self) -> (f32, f32) {
        (self.shaper.ascender() as f32 / self.units_per_em, self.shaper.descender() as f32 / self.units_per_em)
    }

    pub fn weight(&self) -> u16 {
        self.shaper.weight().to_number()
    }
}

/// What the book knows of a face before its shaper is built: enough to find it by name and
/// weight, and to ask whether it has a character.
struct Slot {
    family: String,
    full_name: String,
    postscript_name: String,
    weight: u16,
    path: PathBuf,
    data: &'static [u8],
    /// The parsed table directory (cheap: the tables themselves are read when asked for).
    tables: ttf_parser::Face<'static>,
    face: OnceLock<Face>,
}

impl Slot {
    fn open(path: PathBuf, data: &'static [u8], index: u32) -> Option<Slot> {
        let tables = ttf_parser::Face::parse(data, index).ok()?;
        let name = |id: u16| {
            tables.names().into_iter().filter(|n| n.name_id == id && n.is_unicode()).find_map(|n| n.to_string())
        };
        let family = name(ttf_parser::name_id::TYPOGRAPHIC_FAMILY).or_else(|| name(ttf_parser::name_id::FAMILY))?;
        let full_name = name(ttf_parser::name_id::FULL_NAME).unwrap_or_else(|| family.clone());
        let postscript_name = name(ttf_parser::name_id::POST_SCRIPT_NAME).unwrap_or_else(|| family.replace(' ', ""));
        let weight = tables.weight().to_number();
        Some(Slot { family, full_name, postscript_name, weight, path, data, tables, face: OnceLock::new() })
    }

    fn bold(&self) -> bool {
        self.weight >= 600
    }

    /// Whether the face has a glyph for `c` (from the cmap, without building the shaper).
    fn covers(&self, c: char) -> bool {
        self.tables.glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    /// The face, its shaper built on first use.
    fn face(&self) -> &Face {
        self.face.get_or_init(|| {
            let shaper = rustybuzz::Face::from_face(self.tables.clone());
            Face {
                family: self.family.clone(),
                full_name: self.full_name.clone(),
                bold: self.bold(),
                postscript_name: self.postscript_name.clone(),
                path: self.path.clone(),
                data: self.data,
                units_per_em: shaper.units_per_em() as f32,
                shaper,
            }
        })
    }
}

/// A font that could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("no fonts found in {0} (set PAIBAN_FONTS to the folder holding paiban's fonts)")]
    NoFonts(String),
    #[error("{path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    /// The file is shorter than its own table directory says (cut short, or not a font).
    #[error("{path}: damaged font file ({len} bytes, but its tables need {needed})")]
    Damaged { path: PathBuf, len: u64, needed: u64 },
}

/// All faces known to paiban.
pub struct FontBook {
    slots: Vec<Slot>,
    /// The system's fonts, scanned on first need.
    system: OnceLock<fontdb::Database>,
}

impl FontBook {
    /// The bundled fonts: `$PAIBAN_FONTS`, else `fonts/` beside the executable or in the source tree.
    pub fn bundled() -> Result<FontBook, FontError> {
        let dir = bundled_font_dir();
        FontBook::from_dir(&dir)
    }

    /// Every `.ttf`/`.otf` in `dir`. A file that cannot be opened or is shorter than its table
    /// directory is an error; a file that is not a font is left out.
    pub fn from_dir(dir: &Path) -> Result<FontBook, FontError> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|source| FontError::Read { path: dir.into(), source })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("ttf") || x.eq_ignore_ascii_case("otf")))
            .collect();
        paths.sort();
        let mut slots = Vec::new();
        for path in paths {
            let data = font_file(&path)?;
            if let Some(slot) = Slot::open(path, data, 0) {
                slots.push(slot);
            }
        }
        if slots.is_empty() {
            return Err(FontError::NoFonts(dir.display().to_string()));
        }
        Ok(FontBook { slots, system: OnceLock::new() })
    }

    /// The face `id`, its shaper built on first use.
    pub fn face(&self, id: FontId) -> &Face {
        self.slots[id.0 as usize].face()
    }

    /// Every face, in book order (each one's shaper is built as the iteration reaches it).
    pub fn faces(&self) -> impl Iterator<Item = (FontId, &Face)> {
        self.slots.iter().enumerate().map(|(i, s)| (FontId(i as u32), s.face()))
    }

    /// How many faces have been used (their shapers built) so far.
    pub fn loaded_faces(&self) -> usize {
        self.slots.iter().filter(|s| s.face.get().is_some()).count()
    }

    /// Family names, each once, in book order.
    pub fn families(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for s in &self.slots {
            if !out.contains(&s.family) {
                out.push(s.family.clone());
            }
        }
        out
    }

    fn ids(&self) -> impl Iterator<Item = (FontId, &Slot)> {
        self.slots.iter().enumerate().map(|(i, s)| (FontId(i as u32), s))
    }

    /// The face of `family` nearest the weight asked for, if the family is known. A face's full
    /// name (e.g. "Noto Sans SC Black") picks that face itself.
    pub fn find(&self, family: &str, bold: bool) -> Option<FontId> {
        if let Some((id, _)) =
            self.ids().find(|(_, s)| s.full_name.eq_ignore_ascii_case(family) && s.full_name != s.family)
        {
            return Some(id);
        }
        let want = if bold { 700 } else { 400 };
        self.ids()
            .filter(|(_, s)| s.family.eq_ignore_ascii_case(family))
            .min_by_key(|(_, s)| (s.weight as i32 - want).abs())
            .map(|(id, _)| id)
    }

    /// The face to use for `c` when `primary` lacks it: another bundled face of the same weight
    /// class first, then any bundled face. `None` when no bundled face has it.
    pub fn fallback(&self, primary: FontId, c: char) -> Option<FontId> {
        let bold = self.slots[primary.0 as usize].bold();
        self.ids()
            .filter(|(_, s)| s.bold() == bold)
            .find(|(_, s)| s.covers(c))
            .or_else(|| self.ids().find(|(_, s)| s.covers(c)))
            .map(|(id, _)| id)
    }

    /// The family name of the face for `c` among the system's fonts, if any has it (slow: scans
    /// the system fonts once; used only when no bundled face covers a character, to say which
    /// font the user could add).
    pub fn system_family_for(&self, c: char) -> Option<String> {
        let db = self.system.get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            db
        });
        db.faces().find_map(|info| {
            let has = db
                .with_face_data(info.id, |data, index| {
                    ttf_parser::Face::parse(data, index).ok().and_then(|f| f.glyph_index(c)).is_some()
                })
                .unwrap_or(false);
            has.then(|| info.families.first().map(|(n, _)| n.clone()).unwrap_or_default())
        })
    }
}

/// A font file's bytes, mapped once per process and kept for its whole life (faces borrow them
/// as `'static`; a second book over the same folder shares the mapping).
fn font_file(path: &Path) -> Result<&'static [u8], FontError> {
    static FILES: OnceLock<Mutex<HashMap<PathBuf, &'static [u8]>>> = OnceLock::new();
    let files = FILES.get_or_init(Default::default);
    let mut files = files.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(data) = files.get(path) {
        return Ok(data);
    }
    let read = |source| FontError::Read { path: path.into(), source };
    let file = std::fs::File::open(path).map_err(read)?;
    let len = file.metadata().map_err(read)?.len();
    check_length(path, &file, len)?;
    // SAFETY: the mapping is read-only and never unmapped. The file was just checked to hold
    // every table its directory lists, so no read inside those tables falls past its end; it
    // could only fault if the file were cut short while paiban runs (see the module doc).
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(read)?;
    let data: &'static [u8] = &Box::leak(Box::new(map))[..];
    files.insert(path.into(), data);
    Ok(data)
}

/// Reads a font file's table directory (the first bytes only) and checks that the file is as
/// long as every table it lists: a missing, empty or cut-short file is found here, before it is
/// mapped. A file that is not an sfnt at all passes (it is left out when it does not parse).
fn check_length(path: &Path, file: &std::fs::File, len: u64) -> Result<(), FontError> {
    use std::io::Read;
    let damaged = |needed: u64| FontError::Damaged { path: path.into(), len, needed };
    let mut head = [0u8; 12];
    let mut reader = file;
    if len < 12 || reader.read_exact(&mut head).is_err() {
        return Err(damaged(12));
    }
    let tag = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
    if !matches!(tag, 0x0001_0000 | 0x4F54_544F | 0x7472_7565) {
        // A collection ('ttcf') or not a font: nothing more to check cheaply.
        return Ok(());
    }
    let tables = u16::from_be_bytes([head[4], head[5]]) as u64;
    let mut records = vec![0u8; (tables * 16) as usize];
    if reader.read_exact(&mut records).is_err() {
        return Err(damaged(12 + tables * 16));
    }
    let needed = records
        .chunks_exact(16)
        .map(|r| {
            let at = u32::from_be_bytes([r[8], r[9], r[10], r[11]]) as u64;
            let size = u32::from_be_bytes([r[12], r[13], r[14], r[15]]) as u64;
            at + size
        })
        .max()
        .unwrap_or(0)
        .max(12 + tables * 16);
    if needed > len { Err(damaged(needed)) } else { Ok(()) }
}

/// Where the bundled fonts are.
pub fn bundled_font_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PAIBAN_FONTS") {
        return PathBuf::from(dir);
    }
    if let Ok(exe) = std::env::current_exe() {
        for up in exe.ancestors().skip(1).take(4) {
            let candidate = up.join("fonts");
            if candidate.join("NotoSerifSC-Regular.ttf").exists() {
                return candidate;
            }
        }
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fonts")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_families_and_fallback() {
        let book = FontBook::bundled().unwrap();
        let fams = book.families();
        for f in ["Noto Serif SC", "Noto Sans SC", "News Kai"] {
            assert!(fams.iter().any(|x| x == f), "{f} missing from {fams:?}");
        }
        let serif = book.find("Noto Serif SC", false).unwrap();
        assert!(!book.face(serif).bold);
        let bold = book.find("noto serif sc", true).unwrap();
        assert!(book.face(bold).bold);
        let black = book.find("Noto Sans SC Black", false).unwrap();
        assert_eq!(book.face(black).weight(), 900);
        assert!(book.face(serif).glyph('淄').is_some());
        // A character outside every bundled subset (CJK Ext-B 𠀀) has no bundled fallback.
        assert_eq!(book.fallback(serif, '\u{20000}'), None);
    }

    #[test]
    fn faces_are_built_on_first_use() {
        let book = FontBook::bundled().unwrap();
        let serif = book.find("Noto Serif SC", false).unwrap();
        let _ = book.fallback(serif, 'A');
        let _ = book.families();
        assert_eq!(book.loaded_faces(), 0, "find, fallback and families build no shaper");
        assert!(book.face(serif).glyph('报').is_some());
        assert_eq!(book.loaded_faces(), 1);
    }

    #[test]
    fn a_cut_short_font_file_is_an_error_not_a_crash() {
        let dir = std::env::temp_dir().join(format!("paiban-fonts-short-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let whole = std::fs::read(bundled_font_dir().join("NotoSansSC-Regular.ttf")).unwrap();
        std::fs::write(dir.join("Short.ttf"), &whole[..whole.len() / 2]).unwrap();
        let err = FontBook::from_dir(&dir).err().expect("a half file must not load");
        assert!(matches!(err, FontError::Damaged { .. }), "{err}");
        std::fs::write(dir.join("Short.ttf"), b"").unwrap();
        assert!(matches!(FontBook::from_dir(&dir), Err(FontError::Damaged { .. })));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
