//! Glyph sprites for the editor's screen tiles: each glyph is filled from its outline once per
//! type size on screen, quarter-pixel phase and colour, then copied wherever it occurs. A tile
//! redrawn after a keystroke copies a few hundred small pixmaps instead of filling a few
//! hundred curves. PNG export does not use them (it fills every outline at its exact place).

use std::collections::HashMap;

use tiny_skia::{FillRule, Paint, Pixmap, Transform};

use crate::fonts::FontId;

/// A glyph's pixels and where its top-left pixel lies from the glyph's origin pixel.
struct Sprite {
    pixmap: Pixmap,
    dx: i32,
    dy: i32,
}

/// (font, glyph, pixels per font unit × 2¹⁶, horizontal scale × 2¹⁰, quarter-pixel phase x
/// and y, colour).
type Key = (FontId, u16, u32, u32, u8, u8, [u8; 3]);

/// More sprites than this and the cache starts afresh (a zoom change makes a new set).
const LIMIT: usize = 20_000;

#[derive(Default)]
pub struct Sprites(HashMap<Key, Option<Sprite>>);

impl Sprites {
    /// Draws an upright glyph `outline` whose origin falls on device pixel (x, y), scaled by
    /// `px_per_unit` (and `scale_x` across), in `rgb`.
    #[allow(clippy::too_many_arguments)]
    pub fn draw(
        &mut self,
        target: &mut Pixmap,
        font: FontId,
        glyph: u16,
        outline: &tiny_skia::Path,
        px_per_unit: f32,
        scale_x: f32,
        (x, y): (f32, f32),
        rgb: [u8; 3],
    ) {
        let (ix, iy) = (x.floor(), y.floor());
        let (fx, fy) = (((x - ix) * 4.0).round() as u8, ((y - iy) * 4.0).round() as u8);
        let key = (font, glyph, (px_per_unit * 65536.0) as u32, (scale_x * 1024.0) as u32, fx, fy, rgb);
        if self.0.len() > LIMIT {
            self.0.clear();
        }
        let sprite = self.0.entry(key).or_insert_with(|| {
            let tf =
                Transform::from_row(px_per_unit * scale_x, 0.0, 0.0, -px_per_unit, fx as f32 / 4.0, fy as f32 / 4.0);
            let placed = outline.clone().transform(tf)?;
            let b = placed.bounds();
            let (left, top) = (b.left().floor(), b.top().floor());
            let (w, h) = ((b.right().ceil() - left) as u32 + 1, (b.bottom().ceil() - top) as u32 + 1);
            let mut pixmap = Pixmap::new(w, h)?;
            let mut paint = Paint::default();
            paint.set_color_rgba8(rgb[0], rgb[1], rgb[2], 255);
            paint.anti_alias = true;
            pixmap.fill_path(&placed, &paint, FillRule::Winding, Transform::from_translate(-left, -top), None);
            Some(Sprite { pixmap, dx: left as i32, dy: top as i32 })
        });
        if let Some(s) = sprite {
            blend(target, &s.pixmap, ix as i32 + s.dx, iy as i32 + s.dy);
        }
    }
}

/// Composites premultiplied `src` over `dst` with its top-left pixel at (x, y), clipped.
fn blend(dst: &mut Pixmap, src: &Pixmap, x: i32, y: i32) {
    let (dw, dh) = (dst.width() as i32, dst.height() as i32);
    let (sw, sh) = (src.width() as i32, src.height() as i32);
    let (x0, x1) = (x.max(0), (x + sw).min(dw));
    let (y0, y1) = (y.max(0), (y + sh).min(dh));
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    let (s, d) = (src.data(), dst.data_mut());
    for row in y0..y1 {
        let srow = ((row - y) * sw + (x0 - x)) as usize * 4;
        let drow = (row * dw + x0) as usize * 4;
        let n = (x1 - x0) as usize * 4;
        for (sp, dp) in s[srow..srow + n].chunks_exact(4).zip(d[drow..drow + n].chunks_exact_mut(4)) {
            let a = sp[3] as u32;
            if a == 0 {
                continue;
            }
            let keep = 255 - a;
            for c in 0..4 {
                dp[c] = (sp[c] as u32 + (dp[c] as u32 * keep + 127) / 255) as u8;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::render::png::{GlyphCache, render_region};

    /// Sprites draw what the outlines draw: the sample page at screen scale differs from the
    /// exact fill by under a quarter pixel's worth of anti-aliasing.
    #[test]
    fn sprites_match_the_outline_fill() {
        let book = crate::fonts::FontBook::bundled().unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let doc = crate::io::load(&root.join("layouts/luzhong-2022-11-01.json")).unwrap();
        let pages = crate::layout::layout_document(&doc, &book, &root.join("layouts"));
        let (scale, origin, size) = (1.3, (300, 200), (512, 256));
        let exact = render_region(&pages[0], &book, scale, origin, size, &mut GlyphCache::default()).unwrap();
        let fast = render_region(&pages[0], &book, scale, origin, size, &mut GlyphCache::for_screen()).unwrap();
        if let Ok(dir) = std::env::var("PAIBAN_SPRITE_DUMP") {
            exact.save_png(format!("{dir}/exact.png")).unwrap();
            fast.save_png(format!("{dir}/fast.png")).unwrap();
        }
        let diff: u64 = exact.data().iter().zip(fast.data()).map(|(a, b)| a.abs_diff(*b) as u64).sum();
        let mean = diff as f64 / exact.data().len() as f64;
        assert!(mean < 2.0, "mean difference {mean} per channel");
    }
}
