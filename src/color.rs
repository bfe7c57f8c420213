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

    /// An sRGB approximation for screens and PNG previews: CMYK is interpolated between the
    /// colours of the 16 corners of the ink cube as they print (a press-like preview, close to
    /// what PDF viewers show), grey is K-only.
    pub fn to_rgb8(self) -> [u8; 3] {
        match self {
            Color::Cmyk { c, m, y, k } => cmyk_preview(c / 100.0, m / 100.0, y / 100.0, k / 100.0),
            Color::Gray(k) => cmyk_preview(0.0, 0.0, 0.0, k / 100.0),
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

/// sRGB of each corner of the CMYK cube (index bits: c m y k), as printed on coated stock.
const CORNERS: [[f32; 3]; 16] = [
    [1.0, 1.0, 1.0],          // paper
    [0.1373, 0.1216, 0.1255], // k
    [1.0, 0.9490, 0.0],       // y
    [0.1098, 0.1020, 0.0],    // y k
    [0.9255, 0.0, 0.5490],    // m
    [0.1412, 0.0, 0.0],       // m k
    [0.9294, 0.1098, 0.1412], // m y
    [0.1333, 0.0, 0.0],       // m y k
    [0.0, 0.6784, 0.9373],    // c
    [0.0, 0.0588, 0.1412],    // c k
    [0.0, 0.6510, 0.3137],    // c y
    [0.0, 0.0745, 0.0],       // c y k
    [0.1804, 0.1922, 0.5725], // c m
    [0.0, 0.0, 0.0],          // c m k
    [0.2118, 0.2119, 0.2235], // c m y
    [0.0, 0.0, 0.0],          // c m y k
];

fn cmyk_preview(c: f32, m: f32, y: f32, k: f32) -> [u8; 3] {
    let inks = [c, m, y, k].map(|v| v.clamp(0.0, 1.0));
    let mut rgb = [0.0f32; 3];
    for (corner, colour) in CORNERS.iter().enumerate() {
        let weight: f32 = (0..4).map(|i| if corner & (8 >> i) != 0 { inks[i] } else { 1.0 - inks[i] }).product();
        (0..3).for_each(|ch| rgb[ch] += weight * colour[ch]);
    }
    rgb.map(|v| (v * 255.0).round().clamp(0.0, 255.0) as u8)
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
        assert_eq!(Color::WHITE.to_rgb8(), [255, 255, 255]);
        // K-only black previews as the warm near-black it prints as.
        assert_eq!(Color::BLACK.to_rgb8(), [35, 31, 32]);
        let red = Color::Cmyk { c: 0.0, m: 100.0, y: 100.0, k: 0.0 }.to_rgb8();
        assert!(red[0] > 200 && red[1] < 60 && red[2] < 60, "{red:?}");
    }
}
