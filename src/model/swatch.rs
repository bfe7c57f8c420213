//! Named swatches (报头红…): a document's colours that are a swatch or a tint of one follow it
//! when it changes.

use super::{Document, ElementKind, StyleProps};
use crate::color::Color;

/// A named colour of the document.
#[derive(Clone, Debug, PartialEq)]
pub struct Swatch {
    pub name: String,
    pub color: Color,
}

impl Swatch {
    /// The tint (percent, to 0.01) at which this swatch gives exactly `c`, if it does.
    pub fn tint_of(&self, c: Color) -> Option<f32> {
        let inks = |c: Color| match c {
            Color::Cmyk { c, m, y, k } => Some(vec![c, m, y, k]),
            Color::Gray(k) => Some(vec![k]),
            Color::Rgb { .. } => None,
        };
        let (s, v) = (inks(self.color)?, inks(c)?);
        if s.len() != v.len() {
            return None;
        }
        let strongest = s.iter().copied().fold(0.0f32, f32::max);
        let at = s.iter().position(|x| *x == strongest).filter(|_| strongest > 0.0)?;
        let tint = (v[at] / strongest * 10_000.0).round() / 100.0;
        (tint > 0.0 && self.color.tinted(tint) == c).then_some(tint)
    }
}

impl Document {
    /// Every colour the document holds: styles, runs, frames, tables, QR codes and shapes.
    pub fn colors_mut(&mut self, mut f: impl FnMut(&mut Color)) {
        let props = |p: &mut StyleProps, f: &mut dyn FnMut(&mut Color)| {
            if let Some(c) = &mut p.color {
                f(c)
            }
        };
        props(&mut self.styles.defaults, &mut f);
        for style in self.styles.paragraph.values_mut() {
            props(&mut style.props, &mut f);
        }
        self.styles.character.values_mut().filter_map(|c| c.color.as_mut()).for_each(&mut f);
        for para in self.stories.iter_mut().flat_map(|s| &mut s.paragraphs) {
            props(&mut para.overrides, &mut f);
            para.runs.iter_mut().filter_map(|r| r.style.color.as_mut()).for_each(&mut f);
        }
        for el in self.pages.iter_mut().flat_map(|p| &mut p.elements) {
            match &mut el.kind {
                ElementKind::Text(t) => {
                    t.fill.iter_mut().for_each(&mut f);
                    t.stroke.iter_mut().chain(&mut t.column_rule).for_each(|s| f(&mut s.color));
                }
                ElementKind::Table(t) => {
                    t.header_fill.iter_mut().for_each(&mut f);
                    f(&mut t.borders.color);
                }
                ElementKind::Qr(q) => f(&mut q.color),
                ElementKind::Image(_) => {}
                ElementKind::Shape(s) => {
                    s.fill.iter_mut().for_each(&mut f);
                    s.stroke.iter_mut().for_each(|s| f(&mut s.color));
                }
            }
        }
    }

    /// Redefines the swatch `name` (adding it if new): every colour that was it, or a tint of
    /// it, becomes the same tint of the new colour. Returns how many colours changed.
    pub fn set_swatch(&mut self, name: &str, color: Color) -> usize {
        let Some(i) = self.swatches.iter().position(|s| s.name == name) else {
            self.swatches.push(Swatch { name: name.to_string(), color });
            return 0;
        };
        let old = self.swatches[i].clone();
        let earlier: Vec<Swatch> = self.swatches[..i].to_vec();
        let new = Swatch { name: name.to_string(), color };
        let mut changed = 0;
        self.colors_mut(|c| {
            // A colour that an earlier swatch claims stays with that one (as the file says).
            if earlier.iter().any(|s| s.tint_of(*c).is_some()) {
                return;
            }
            if let Some(tint) = old.tint_of(*c) {
                *c = new.color.tinted(tint);
                changed += 1;
            }
        });
        self.swatches[i] = new;
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tints_are_recognised() {
        let red = Swatch { name: "报头红".into(), color: Color::Cmyk { c: 0.0, m: 100.0, y: 100.0, k: 0.0 } };
        assert_eq!(red.tint_of(Color::Cmyk { c: 0.0, m: 20.0, y: 20.0, k: 0.0 }), Some(20.0));
        assert_eq!(red.tint_of(Color::Cmyk { c: 0.0, m: 20.0, y: 10.0, k: 0.0 }), None);
        assert_eq!(red.tint_of(Color::WHITE), None);
        assert_eq!(red.tint_of(Color::Gray(20.0)), None);
    }
}
