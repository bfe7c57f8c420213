//! Colours as the designer gives them: CMYK percentages, grey, or RGB; and how they are
//! converted for a press (DeviceCMYK/DeviceGray under an ink limit) or a screen (RGB).

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

    /// Plain black as it prints: K 100 only, grey 100, or RGB black (what overprints).
    pub fn is_k_only_black(self) -> bool {
        match self.for_print(NO_INK_LIMIT) {
            Color::Cmyk { c, m, y, k } => c == 0.0 && m == 0.0 && y == 0.0 && k >= 99.99,
            Color::Gray(k) => k >= 99.99,
            Color::Rgb { .. } => false,
        }
    }

    /// Black (K ≥ 80 %) built from more than one ink: four-colour or rich black.
    pub fn is_multi_ink_black(self) -> bool {
        matches!(self, Color::Cmyk { c, m, y, k } if k >= 80.0 && c + m + y > 0.0)
    }

    /// Paper white, or so near it that it prints as none (no ink, or under 5 % in all).
    pub fn is_paper(self) -> bool {
        match self.for_print(NO_INK_LIMIT) {
            Color::Cmyk { c, m, y, k } => c.max(m).max(y).max(k) < 5.0,
            Color::Gray(k) => k < 5.0,
            Color::Rgb { .. } => false,
        }
    }

    /// How many inks print: for CMYK the separations with ink, 1 for grey.
    pub fn inks(self) -> usize {
        match self.for_print(NO_INK_LIMIT) {
            Color::Cmyk { c, m, y, k } => [c, m, y, k].iter().filter(|v| **v > 0.0).count(),
            Color::Gray(k) => usize::from(k > 0.0),
            Color::Rgb { .. } => 3,
        }
    }

    /// Total ink coverage in percent (C + M + Y + K), of the colour as it would print.
    pub fn total_ink(self) -> f32 {
        match self.for_print(NO_INK_LIMIT) {
            Color::Cmyk { c, m, y, k } => c + m + y + k,
            Color::Gray(k) => k,
            Color::Rgb { .. } => 0.0,
        }
    }

    /// The colour as a press gets it: CMYK and grey unchanged; RGB greys become K-only grey
    /// (so `#000000` is K 100), other RGB colours CMYK with full black generation, their
    /// cyan, magenta and yellow scaled down where the total would pass `ink_limit` percent.
    pub fn for_print(self, ink_limit: f32) -> Color {
        let Color::Rgb { r, g, b } = self else { return self };
        if r == g && g == b {
            return Color::Gray(round2(100.0 - r as f32 / 2.55));
        }
        let [r, g, b] = [r, g, b].map(|v| v as f32 / 255.0);
        let k = 1.0 - r.max(g).max(b);
        let ink = |v: f32| (1.0 - v - k) / (1.0 - k);
        let (mut c, mut m, mut y) = (ink(r), ink(g), ink(b));
        let cmy = c + m + y;
        let room = (ink_limit / 100.0 - k).max(0.0);
        if cmy > room {
            let s = room / cmy;
            (c, m, y) = (c * s, m * s, y * s);
        }
        Color::Cmyk { c: round2(c * 100.0), m: round2(m * 100.0), y: round2(y * 100.0), k: round2(k * 100.0) }
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

/// An ink limit that limits nothing (every separation at 100 %).
pub const NO_INK_LIMIT: f32 = 400.0;

fn round2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
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

    #[test]
    fn rgb_black_prints_k_only_and_greys_stay_grey() {
        assert_eq!(Color::Rgb { r: 0, g: 0, b: 0 }.for_print(240.0), Color::Gray(100.0));
        assert!(Color::Rgb { r: 0, g: 0, b: 0 }.for_print(240.0).is_k_only_black());
        assert_eq!(Color::Rgb { r: 255, g: 255, b: 255 }.for_print(240.0), Color::Gray(0.0));
        assert_eq!(
            Color::Rgb { r: 255, g: 0, b: 0 }.for_print(240.0),
            Color::Cmyk { c: 0.0, m: 100.0, y: 100.0, k: 0.0 }
        );
        // CMYK passes through untouched, even over the limit (the designer asked for it).
        let rich = Color::Cmyk { c: 60.0, m: 50.0, y: 50.0, k: 100.0 };
        assert_eq!(rich.for_print(240.0), rich);
        assert!(rich.is_multi_ink_black() && !rich.is_k_only_black());
        assert!(Color::Rgb { r: 0, g: 0, b: 0 }.is_k_only_black() && Color::Gray(100.0).is_k_only_black());
    }

    #[test]
    fn converted_rgb_keeps_under_the_ink_limit() {
        for rgb in [[10u8, 0, 60], [0, 20, 0], [90, 10, 10], [3, 4, 200]] {
            let c = Color::Rgb { r: rgb[0], g: rgb[1], b: rgb[2] }.for_print(240.0);
            assert!(c.total_ink() <= 240.05, "{rgb:?} → {c:?} is {} %", c.total_ink());
        }
        assert_eq!(Color::Rgb { r: 0, g: 0, b: 255 }.for_print(240.0).inks(), 2);
    }
}
