//! Named swatches (报头红…) in the file: a reference `{"swatch": name, "tint": t}` resolves to
//! its colour on load; on save, a colour that is a swatch or a tint of one is written back as
//! the reference, so a document's colours stay tied to its swatches.

use super::value::FileColor;
use super::{FormatError, FormatErrorKind};
use crate::color::Color;
use crate::model::Swatch;

/// The swatches of the document being read or written.
pub struct Palette<'a>(pub &'a [Swatch]);

impl Palette<'_> {
    /// The colour a file value stands for; an unknown swatch is an error at `path`.
    pub fn color(&self, path: &str, c: &FileColor) -> Result<Color, FormatError> {
        match c {
            FileColor::Value(v) => Ok(*v),
            FileColor::Swatch { name, tint } => {
                let swatch = self.0.iter().find(|s| &s.name == name).ok_or_else(|| {
                    let have = self.0.iter().map(|s| s.name.clone()).collect();
                    FormatError::at(path, FormatErrorKind::NoSwatch { name: name.clone(), have })
                })?;
                Ok(swatch.color.tinted(*tint))
            }
        }
    }

    pub fn optional(&self, path: &str, c: Option<&FileColor>) -> Result<Option<Color>, FormatError> {
        c.map(|c| self.color(path, c)).transpose()
    }

    /// The colour given, else K-only black.
    pub fn or_black(&self, path: &str, c: Option<&FileColor>) -> Result<Color, FormatError> {
        Ok(self.optional(path, c)?.unwrap_or(Color::BLACK))
    }

    /// How a colour is written: as the first swatch it is (at some tint), else as its value.
    pub fn file(&self, c: Color) -> FileColor {
        self.0
            .iter()
            .find_map(|s| s.tint_of(c).map(|tint| FileColor::Swatch { name: s.name.clone(), tint }))
            .unwrap_or(FileColor::Value(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn red() -> Swatch {
        Swatch { name: "报头红".into(), color: Color::Cmyk { c: 0.0, m: 100.0, y: 100.0, k: 0.0 } }
    }

    #[test]
    fn references_resolve_and_come_back() {
        let swatches = [red()];
        let pal = Palette(&swatches);
        let half = pal.color("x", &FileColor::Swatch { name: "报头红".into(), tint: 50.0 }).unwrap();
        assert_eq!(half, Color::Cmyk { c: 0.0, m: 50.0, y: 50.0, k: 0.0 });
        assert_eq!(pal.file(half), FileColor::Swatch { name: "报头红".into(), tint: 50.0 });
        let other = Color::Cmyk { c: 0.0, m: 50.0, y: 40.0, k: 0.0 };
        assert_eq!(pal.file(other), FileColor::Value(other));
        let e = pal.color("pages[0].fill", &FileColor::Swatch { name: "蓝".into(), tint: 100.0 }).unwrap_err();
        assert_eq!(e.path, "pages[0].fill");
        assert!(e.to_string().contains("蓝") && e.to_string().contains("报头红"), "{e}");
    }
}
