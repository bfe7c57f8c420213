//! The font book: the bundled faces in `fonts/`, then system fonts, with per-character fallback.
//!
//! Faces are loaded once and live for the whole process (the book hands out `'static` faces so
//! shaping, PDF writing and painting can all borrow them freely).

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
    fn parse(path: PathBuf, data: &'static [u8], index: u32) -> Option<Face> {
        let shaper = rustybuzz::Face::from_slice(data, index)?;
        let name = |id: u16| {
            shaper.names().into_iter().filter(|n| n.name_id == id && n.is_unicode()).find_map(|n| n.to_string())
        };
        let family = name(ttf_parser::name_id::TYPOGRAPHIC_FAMILY).or_else(|| name(ttf_parser::name_id::FAMILY))?;
        let full_name = name(ttf_parser::name_id::FULL_NAME).unwrap_or_else(|| family.clone());
        let postscript_name = name(ttf_parser::name_id::POST_SCRIPT_NAME).unwrap_or_else(|| family.replace(' ', ""));
        let weight = shaper.weight().to_number();
        Some(Face {
            family,
            full_name,
            bold: weight >= 600,
            postscript_name,
            path,
            data,
            units_per_em: shaper.units_per_em() as f32,
            shaper,
        })
    }

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

/// A font that could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("no fonts found in {0} (set PAIBAN_FONTS to the folder holding paiban's fonts)")]
    NoFonts(String),
    #[error("{path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
}

/// All faces known to paiban.
pub struct FontBook {
    faces: Vec<Face>,
    /// The system's fonts, scanned on first need.
    system: OnceLock<fontdb::Database>,
}

impl FontBook {
    /// The bundled fonts: `$PAIBAN_FONTS`, else `fonts/` beside the executable or in the source tree.
    pub fn bundled() -> Result<FontBook, FontError> {
        let dir = bundled_font_dir();
        FontBook::from_dir(&dir)
    }

    /// Every `.ttf`/`.otf` in `dir`.
    pub fn from_dir(dir: &Path) -> Result<FontBook, FontError> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|source| FontError::Read { path: dir.into(), source })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("ttf") || x.eq_ignore_ascii_case("otf")))
            .collect();
        paths.sort();
        let mut faces = Vec::new();
        for path in paths {
            let data = font_file(&path)?;
            if let Some(face) = Face::parse(path, data, 0) {
                faces.push(face);
            }
        }
        if faces.is_empty() {
            return Err(FontError::NoFonts(dir.display().to_string()));
        }
        Ok(FontBook { faces, system: OnceLock::new() })
    }

    pub fn face(&self, id: FontId) -> &Face {
        &self.faces[id.0 as usize]
    }

    pub fn faces(&self) -> impl Iterator<Item = (FontId, &Face)> {
        self.faces.iter().enumerate().map(|(i, f)| (FontId(i as u32), f))
    }

    /// Family names, each once, in book order.
    pub fn families(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in &self.faces {
            if !out.contains(&f.family) {
                out.push(f.family.clone());
            }
        }
        out
    }

    /// The face of `family` nearest the weight asked for, if the family is known. A face's full
    /// name (e.g. "Noto Sans SC Black") picks that face itself.
    pub fn find(&self, family: &str, bold: bool) -> Option<FontId> {
        if let Some((id, _)) =
            self.faces().find(|(_, f)| f.full_name.eq_ignore_ascii_case(family) && f.full_name != f.family)
        {
            return Some(id);
        }
        let want = if bold { 700 } else { 400 };
        self.faces()
            .filter(|(_, f)| f.family.eq_ignore_ascii_case(family))
            .min_by_key(|(_, f)| (f.weight() as i32 - want).abs())
            .map(|(id, _)| id)
    }

    /// The face to use for `c` when `primary` lacks it: another bundled face of the same weight
    /// class first, then any bundled face. `None` when no bundled face has it.
    pub fn fallback(&self, primary: FontId, c: char) -> Option<FontId> {
        let bold = self.face(primary).bold;
        let covers = |(_, f): &(FontId, &Face)| f.glyph(c).is_some();
        self.faces()
            .filter(|(_, f)| f.bold == bold)
            .find(covers)
            .or_else(|| self.faces().find(covers))
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

/// A font file's bytes, read once per process and kept for its whole life (faces borrow them
/// as `'static`; a second book over the same folder shares them instead of reading again).
fn font_file(path: &Path) -> Result<&'static [u8], FontError> {
    static FILES: OnceLock<Mutex<HashMap<PathBuf, &'static [u8]>>> = OnceLock::new();
    let files = FILES.get_or_init(Default::default);
    let mut files = files.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(data) = files.get(path) {
        return Ok(data);
    }
    let bytes = std::fs::read(path).map_err(|source| FontError::Read { path: path.into(), source })?;
    let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    files.insert(path.into(), data);
    Ok(data)
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
}
