//! Units: millimetres in files and the UI, points (1/72 in) inside; the Chinese 号 size names.

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Millimetres to points.
pub fn mm_to_pt(mm: f32) -> f32 {
    mm * PT_PER_MM
}

/// Points to millimetres.
pub fn pt_to_mm(pt: f32) -> f32 {
    pt / PT_PER_MM
}

/// The common PRC table of 号 sizes (CHINESE-TYPESETTING.md rule 5), largest first.
pub const HAO_SIZES: [(&str, f32); 15] = [
    ("初号", 42.0),
    ("小初", 36.0),
    ("一号", 26.0),
    ("小一", 24.0),
    ("二号", 22.0),
    ("小二", 18.0),
    ("三号", 16.0),
    ("小三", 15.0),
    ("四号", 14.0),
    ("小四", 12.0),
    ("五号", 10.5),
    ("小五", 9.0),
    ("六号", 7.5),
    ("小六", 6.5),
    ("七号", 5.5),
];

/// The size in points of a 号 name such as `五号` or `小初`.
pub fn hao_to_pt(name: &str) -> Option<f32> {
    HAO_SIZES.iter().find(|(n, _)| *n == name).map(|(_, pt)| *pt)
}

/// The 号 name of a size in points, when it is exactly one of the table's.
pub fn pt_to_hao(pt: f32) -> Option<&'static str> {
    HAO_SIZES.iter().find(|(_, size)| (size - pt).abs() < 1e-3).map(|(n, _)| *n)
}

/// An axis-aligned rectangle in points, origin at the page's top-left, y downwards.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Rect { x, y, w, h }
    }
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    /// The rectangle shrunk by `d` on every side (never below zero size).
    pub fn inset(&self, d: f32) -> Rect {
        Rect { x: self.x + d, y: self.y + d, w: (self.w - 2.0 * d).max(0.0), h: (self.h - 2.0 * d).max(0.0) }
    }
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }
    /// The rectangle cut into `count` columns of equal width (at least one), `gap` apart: the
    /// one place column geometry is computed (page grids, text frames, column rules).
    pub fn columns(&self, count: u32, gap: f32) -> Vec<Rect> {
        let count = count.max(1);
        let n = count as f32;
        let w = ((self.w - gap * (n - 1.0)) / n).max(0.0);
        (0..count).map(|i| Rect::new(self.x + i as f32 * (w + gap), self.y, w, self.h)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hao_names_round_trip() {
        assert_eq!(hao_to_pt("五号"), Some(10.5));
        assert_eq!(hao_to_pt("小初"), Some(36.0));
        assert_eq!(pt_to_hao(9.0), Some("小五"));
        assert_eq!(hao_to_pt("八号"), None);
    }

    #[test]
    fn a3_in_points() {
        assert!((mm_to_pt(297.0) - 841.89).abs() < 0.01);
        assert!((pt_to_mm(mm_to_pt(420.0)) - 420.0).abs() < 1e-3);
    }
}
