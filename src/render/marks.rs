//! Page boxes and printer's marks: where the trimmed page sits on the sheet (MediaBox ⊇ BleedBox
//! ⊇ TrimBox) and the crop and registration marks drawn outside the bleed (PRINT.md: 0.25 pt,
//! registration colour, off for ad delivery).

use super::preset::Preset;
use crate::color::Color;
use crate::layout::frame::{PageFrame, PathItem, PathShape};
use crate::units::{PT_PER_MM, Rect};

/// Marks start this far outside the bleed…
const MARK_GAP_MM: f32 = 2.0;
/// …are this long…
const MARK_LEN_MM: f32 = 5.0;
/// …and leave this much sheet beyond them.
const MARK_MARGIN_MM: f32 = 1.0;
/// The weight of every mark.
pub const MARK_WIDTH_PT: f32 = 0.25;
/// Registration colour: every separation at 100 %.
pub const REGISTRATION: Color = Color::Cmyk { c: 100.0, m: 100.0, y: 100.0, k: 100.0 };

/// One page's boxes, in pt. The trimmed page's top-left corner is at (`offset`, `offset`) on
/// the media; in PDF coordinates (origin bottom left) the TrimBox starts there too.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageBoxes {
    pub trim_w: f32,
    pub trim_h: f32,
    pub bleed: f32,
    pub offset: f32,
    pub media_w: f32,
    pub media_h: f32,
}

impl PageBoxes {
    /// The boxes of `page` under `preset`: a bleed when the preset has one (the page's own, at
    /// least the preset's), and room for marks when the preset draws them.
    pub fn new(page: &PageFrame, preset: &Preset) -> PageBoxes {
        let bleed = preset.min_bleed_mm.map_or(0.0, |mm| page.bleed.max(mm * PT_PER_MM));
        let offset =
            if preset.marks { bleed + (MARK_GAP_MM + MARK_LEN_MM + MARK_MARGIN_MM) * PT_PER_MM } else { bleed };
        PageBoxes {
            trim_w: page.width,
            trim_h: page.height,
            bleed,
            offset,
            media_w: page.width + 2.0 * offset,
            media_h: page.height + 2.0 * offset,
        }
    }

    /// The bleed area in the page's own coordinates (origin at the trim's top left, y down).
    pub fn bleed_rect(&self) -> Rect {
        Rect::new(-self.bleed, -self.bleed, self.trim_w + 2.0 * self.bleed, self.trim_h + 2.0 * self.bleed)
    }

    /// [llx, lly, urx, ury] in PDF coordinates.
    pub fn trim_box(&self) -> [f32; 4] {
        [self.offset, self.offset, self.offset + self.trim_w, self.offset + self.trim_h]
    }

    pub fn bleed_box(&self) -> [f32; 4] {
        let [x0, y0, x1, y1] = self.trim_box();
        [x0 - self.bleed, y0 - self.bleed, x1 + self.bleed, y1 + self.bleed]
    }

    pub fn media_box(&self) -> [f32; 4] {
        [0.0, 0.0, self.media_w, self.media_h]
    }
}

/// Crop marks at the four corners and registration marks at the middle of each side, in media
/// coordinates (y down from the media's top), all outside the bleed.
pub fn printer_marks(b: &PageBoxes) -> Vec<PathItem> {
    let (o, w, h) = (b.offset, b.trim_w, b.trim_h);
    let near = b.bleed + MARK_GAP_MM * PT_PER_MM;
    let far = near + MARK_LEN_MM * PT_PER_MM;
    let line = |x1: f32, y1: f32, x2: f32, y2: f32| PathItem {
        element: String::new(),
        shape: PathShape::Line { x1, y1, x2, y2 },
        fill: None,
        stroke: Some((MARK_WIDTH_PT, REGISTRATION)),
    };
    let mut out = Vec::new();
    for (cx, sx) in [(o, -1.0), (o + w, 1.0)] {
        for (cy, sy) in [(o, -1.0), (o + h, 1.0)] {
            // Along the trim's horizontal edge, outward in x; along its vertical edge, outward in y.
            out.push(line(cx + sx * near, cy, cx + sx * far, cy));
            out.push(line(cx, cy + sy * near, cx, cy + sy * far));
        }
    }
    let mid = (near + far) / 2.0;
    let arm = MARK_LEN_MM * PT_PER_MM / 2.0;
    let centres =
        [(o + w / 2.0, o - mid), (o + w / 2.0, o + h + mid), (o - mid, o + h / 2.0), (o + w + mid, o + h / 2.0)];
    for (x, y) in centres {
        out.push(line(x - arm, y, x + arm, y));
        out.push(line(x, y - arm, x, y + arm));
        out.push(PathItem {
            element: String::new(),
            shape: PathShape::Rect(Rect::new(x - arm * 0.6, y - arm * 0.6, arm * 1.2, arm * 1.2)),
            fill: None,
            stroke: Some((MARK_WIDTH_PT, REGISTRATION)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a4() -> PageFrame {
        PageFrame { width: 210.0 * PT_PER_MM, height: 297.0 * PT_PER_MM, ..Default::default() }
    }

    #[test]
    fn coated_boxes_nest_and_marks_stay_outside_the_bleed() {
        let b = PageBoxes::new(&a4(), &Preset::COATED);
        let (t, bl, m) = (b.trim_box(), b.bleed_box(), b.media_box());
        assert!((t[0] - bl[0] - 3.0 * PT_PER_MM).abs() < 1e-3 && (bl[2] - t[2] - 3.0 * PT_PER_MM).abs() < 1e-3);
        assert!(m[0] <= bl[0] && m[1] <= bl[1] && m[2] >= bl[2] && m[3] >= bl[3]);
        let bleed = Rect::new(bl[0], b.media_h - bl[3], bl[2] - bl[0], bl[3] - bl[1]);
        let marks = printer_marks(&b);
        assert_eq!(marks.len(), 8 + 4 * 3);
        for mark in &marks {
            let points = match mark.shape {
                PathShape::Line { x1, y1, x2, y2 } => vec![(x1, y1), (x2, y2)],
                PathShape::Rect(r) => vec![(r.x, r.y), (r.right(), r.bottom())],
                PathShape::Rects(_) => panic!("marks are lines and boxes"),
            };
            for (x, y) in points {
                let inside =
                    x > bleed.x + 0.01 && x < bleed.right() - 0.01 && y > bleed.y + 0.01 && y < bleed.bottom() - 0.01;
                assert!(!inside, "mark point ({x}, {y}) inside the bleed {bleed:?}");
                assert!(x >= 0.0 && x <= b.media_w && y >= 0.0 && y <= b.media_h);
            }
        }
    }

    #[test]
    fn newsprint_has_no_bleed_and_no_room_for_marks() {
        let page = PageFrame { bleed: 5.0 * PT_PER_MM, ..a4() };
        let b = PageBoxes::new(&page, &Preset::NEWSPRINT);
        assert_eq!(b.trim_box(), b.media_box());
        assert_eq!(b.bleed_box(), b.trim_box());
        // Coated keeps a page's larger bleed.
        assert!((PageBoxes::new(&page, &Preset::COATED).bleed - 5.0 * PT_PER_MM).abs() < 1e-3);
    }
}
