//! Colours as the designer gives them: CMYK percentages, grey, or RGB.

/// A colour of the document. CMYK and grey are print-native; RGB is converted at export.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Color {
    /// Cyan, magenta, yellow, black in 0..=100 %.
    Cmyk { c: f32, m: f32, y: f32, k: f32 },
    /// Black ink in 0..=100 % (0 is paper white).
    Gray(f32),
    /// Red, green, blue in 0..=255.
    Rgb { r: u8, g: u8, b: u8 },
}

impl Color {
    /// K-only black, the colour of text.
    pub const BLACK: Color = Color::Cmyk { c: 0.0, m: 0.0, y: 0.0, k: 100.0 };
    pub const WHITE: Color = Color::Cmyk { c: 0.0, m: 0.0, y: 0.0, k: 0.0 };

    /// The colour at `tint` percent strength (100 is the colour itself).
    pub fn tinted(self, tint: f32) -> Color {
        let t = (tint / 100.0).clamp(0.0, 1.0);
        match self {
            Color::Cmyk { c, m, y, k } => Color::Cmyk { c: c * t, m: m * t, y: y * t, k: k * t },
            Color::Gray(k) => Color::Gray(k * t),
            Color::Rgb { r, g, b } => {
                let mix = |v: u8| (255.0 - (255.0 - v as f32) * t).round() as u8;
                Color::Rgb { r: mix(r), g: mix(g), b: mix(b) }
            }
        }
    }

    /// An sRGB approximation for screens and PNG previews (naive, uncalibrated).
    pub fn to_rgb8(self) -> [u8; 3] {
        match self {
            Color::Cmyk { c, m, y, k } => {
                let k = k / 100.0;
                let ch = |v: f32| (255.0 * (1.0 - v / 100.0) * (1.0 - k)).round() as u8;
                [ch(c), ch(m), ch(y)]
            }
            Color::Gray(k) => {
                let v = (255.0 * (1.0 - k / 100.0)).round() as u8;
                [v, v, v]
            }
            Color::Rgb { r, g, b } => [r, g, b],
        }
    }

    /// Parses `#rrggbb`.
    pub fn from_hex(s: &str) -> Option<Color> {
        let hex = s.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Color::Rgb { r: byte(0)?, g: byte(2)?, b: byte(4)? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_parses_and_rejects() {
        assert_eq!(Color::from_hex("#ff0080"), Some(Color::Rgb { r: 255, g: 0, b: 128 }));
        assert_eq!(Color::from_hex("ff0080"), None);
        assert_eq!(Color::from_hex("#ff00"), None);
    }

    #[test]
    fn tint_scales_ink() {
        let red = Color::Cmyk { c: 0.0, m: 100.0, y: 100.0, k: 0.0 };
        assert_eq!(red.tinted(20.0), Color::Cmyk { c: 0.0, m: 20.0, y: 20.0, k: 0.0 });
        assert_eq!(Color::BLACK.to_rgb8(), [0, 0, 0]);
    }
}
