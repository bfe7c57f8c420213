//! The page on screen: rasterised from the layout's `PageFrame` by the same renderer as PNG
//! export, at the current zoom (so text stays sharp), in 256-pixel tiles made only where
//! visible and kept until the zoom changes or what lies on them does: after an edit, each tile
//! compares a fingerprint of the items over it with the one it was made from, and only tiles
//! whose items changed are rasterised again (typing redraws a tile or two, not the page).
//! Panning reuses tiles; nothing here lays anything out.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use egui::{Color32, ColorImage, Painter, Pos2, Rect, TextureHandle, TextureOptions, pos2, vec2};

use crate::fonts::FontBook;
use crate::layout::frame::{FrameItem, PageFrame};
use crate::render::png::{GlyphCache, render_region};

const TILE: u32 = 256;
/// Time allowed for rasterising new tiles in one frame; the rest follow in the next frames.
const BUDGET: std::time::Duration = std::time::Duration::from_millis(40);

struct Tile {
    texture: TextureHandle,
    generation: u64,
    /// The fingerprint of the items over the tile when it was made.
    fingerprint: u64,
}

/// Each item's extent on the page (pt, with room for ink) and a hash of how it is drawn.
fn item_prints(page: &PageFrame) -> Vec<(crate::units::Rect, u64)> {
    page.items
        .iter()
        .map(|item| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            let rect = match item {
                FrameItem::Text(run) => {
                    let (mut x0, mut x1, mut y0, mut y1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
                    for g in &run.glyphs {
                        x0 = x0.min(g.x);
                        x1 = x1.max(g.x + g.advance * g.scale_x);
                        y0 = y0.min(run.baseline - g.dy);
                        y1 = y1.max(run.baseline - g.dy);
                        (g.id, g.x.to_bits(), g.dy.to_bits(), g.scale_x.to_bits(), g.rotated).hash(&mut h);
                    }
                    (format!("{:?}{:?}", run.font, run.color), run.size.to_bits(), run.baseline.to_bits()).hash(&mut h);
                    let m = run.size * 1.3;
                    crate::units::Rect::new(x0 - m, y0 - m, (x1 - x0) + 2.0 * m, (y1 - y0) + 2.0 * m)
                }
                FrameItem::Path(p) => {
                    format!("{p:?}").hash(&mut h);
                    let grow = p.stroke.map_or(0.0, |(w, _)| w) + 1.0;
                    let r = match &p.shape {
                        crate::layout::frame::PathShape::Rect(r) => *r,
                        crate::layout::frame::PathShape::Line { x1, y1, x2, y2 } => {
                            crate::units::Rect::new(x1.min(*x2), y1.min(*y2), (x2 - x1).abs(), (y2 - y1).abs())
                        }
                        _ => crate::units::Rect::new(-1e6, -1e6, 2e6, 2e6),
                    };
                    crate::units::Rect::new(r.x - grow, r.y - grow, r.w + 2.0 * grow, r.h + 2.0 * grow)
                }
                FrameItem::Image(img) => {
                    (std::sync::Arc::as_ptr(&img.image) as usize, format!("{:?}{:?}", img.rect, img.clip)).hash(&mut h);
                    img.clip
                }
            };
            (rect, h.finish())
        })
        .collect()
}

/// The fingerprint of the items over a page region, in drawing order.
fn region_print(prints: &[(crate::units::Rect, u64)], r: crate::units::Rect) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for (i, (b, p)) in prints.iter().enumerate() {
        let overlaps = b.x < r.right() && b.right() > r.x && b.y < r.bottom() && b.bottom() > r.y;
        if overlaps {
            (i, p).hash(&mut h);
        }
    }
    h.finish()
}

#[derive(Default)]
pub struct TileCache {
    /// (page index, raster scale bits) the tiles were made for.
    key: Option<(usize, u32)>,
    tiles: HashMap<(u32, u32), Tile>,
    /// Glyph outlines and sprites for screen tiles (made on first use).
    glyphs: Option<GlyphCache>,
    /// The items' fingerprints for the layout generation they were made of.
    prints: Option<(u64, Vec<(crate::units::Rect, u64)>)>,
    /// Tiles rasterised so far (for tests and benchmarks).
    pub rasterised: usize,
    /// Tiles of an older layout shown in the last frame. A tile whose items changed is always
    /// made anew, so this stays 0 after an edit (a test checks it after a drag).
    pub stale_shown: usize,
    /// Time for new tiles in one frame (`BUDGET` unless a test sets it).
    pub budget: Option<std::time::Duration>,
}

impl TileCache {
    /// Paints the page. `generation` changes whenever the layout does. Returns true while tiles
    /// are still missing (the caller asks for another frame).
    #[allow(clippy::too_many_arguments)]
    pub fn paint(
        &mut self,
        ctx: &egui::Context,
        painter: &Painter,
        page: &PageFrame,
        book: &FontBook,
        page_index: usize,
        generation: u64,
        page_on_screen: Rect,
        pixels_per_point: f32,
    ) -> bool {
        painter.rect_filled(page_on_screen, 0.0, Color32::WHITE);
        let scale = page_on_screen.width() * pixels_per_point / page.width.max(1.0);
        if !scale.is_finite() || scale <= 0.0 {
            return false;
        }
        let key = (page_index, scale.to_bits());
        if self.key != Some(key) {
            self.tiles.clear();
            self.key = Some(key);
        }
        let (w_px, h_px) = ((page.width * scale).ceil() as u32, (page.height * scale).ceil() as u32);
        let clip = painter.clip_rect().intersect(page_on_screen);
        if clip.width() <= 0.0 || clip.height() <= 0.0 {
            return false;
        }
        // Visible raster pixels → tile range.
        let to_px = |p: Pos2| ((p - page_on_screen.min) * pixels_per_point).max(vec2(0.0, 0.0));
        let (a, b) = (to_px(clip.min), to_px(clip.max));
        let (i0, j0) = ((a.x as u32) / TILE, (a.y as u32) / TILE);
        let (i1, j1) =
            (((b.x as u32).min(w_px.saturating_sub(1))) / TILE, ((b.y as u32).min(h_px.saturating_sub(1))) / TILE);
        let started = std::time::Instant::now();
        let mut pending = false;
        self.stale_shown = 0;
        if self.prints.as_ref().is_none_or(|(g, _)| *g != generation) {
            self.prints = Some((generation, item_prints(page)));
        }
        let prints = self.prints.as_ref().map_or(&[][..], |(_, p)| p.as_slice());
        for j in j0..=j1 {
            for i in i0..=i1 {
                let origin = (i * TILE, j * TILE);
                let size = (TILE.min(w_px - origin.0), TILE.min(h_px - origin.1));
                let region = crate::units::Rect::new(
                    origin.0 as f32 / scale,
                    origin.1 as f32 / scale,
                    size.0 as f32 / scale,
                    size.1 as f32 / scale,
                );
                let stale = self.tiles.get(&(i, j)).is_some_and(|t| t.generation != generation);
                let fingerprint =
                    if stale || !self.tiles.contains_key(&(i, j)) { region_print(prints, region) } else { 0 };
                if let Some(t) = self.tiles.get_mut(&(i, j))
                    && stale
                    && t.fingerprint == fingerprint
                {
                    t.generation = generation; // nothing over this tile changed
                }
                let fresh = self.tiles.get(&(i, j)).is_some_and(|t| t.generation == generation);
                // A tile whose items changed is made now, whatever the budget: showing the old
                // one would draw a moved or deleted element where it no longer is.
                if !fresh {
                    if stale || started.elapsed() < self.budget.unwrap_or(BUDGET) {
                        if let Ok(pixmap) = render_region(
                            page,
                            book,
                            scale,
                            origin,
                            size,
                            self.glyphs.get_or_insert_with(GlyphCache::for_screen),
                        ) {
                            let image =
                                ColorImage::from_rgba_premultiplied([size.0 as usize, size.1 as usize], pixmap.data());
                            let texture =
                                ctx.load_texture(format!("page-{page_index}-{i}-{j}"), image, TextureOptions::LINEAR);
                            self.tiles.insert((i, j), Tile { texture, generation, fingerprint });
                            self.rasterised += 1;
                        }
                    } else {
                        pending = true;
                    }
                }
                if let Some(tile) = self.tiles.get(&(i, j)) {
                    self.stale_shown += usize::from(tile.generation != generation);
                    let [tw, th] = tile.texture.size();
                    let min = page_on_screen.min + vec2((i * TILE) as f32, (j * TILE) as f32) / pixels_per_point;
                    let rect = Rect::from_min_size(min, vec2(tw as f32, th as f32) / pixels_per_point);
                    painter.image(
                        tile.texture.id(),
                        rect,
                        Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
                        Color32::WHITE,
                    );
                }
            }
        }
        pending
    }
}
