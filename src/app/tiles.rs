//! The page on screen: rasterised from the layout's `PageFrame` by the same renderer as PNG
//! export, at the current zoom (so text stays sharp), in 512-pixel tiles made only where
//! visible and kept until the zoom or the layout changes. Panning reuses tiles; nothing here
//! lays anything out.

use std::collections::HashMap;

use egui::{Color32, ColorImage, Painter, Pos2, Rect, TextureHandle, TextureOptions, pos2, vec2};

use crate::fonts::FontBook;
use crate::layout::frame::PageFrame;
use crate::render::png::{GlyphCache, render_region};

const TILE: u32 = 512;
/// Time allowed for rasterising tiles in one frame; the rest follow in the next frames.
const BUDGET: std::time::Duration = std::time::Duration::from_millis(40);

struct Tile {
    texture: TextureHandle,
    generation: u64,
}

#[derive(Default)]
pub struct TileCache {
    /// (page index, raster scale bits) the tiles were made for.
    key: Option<(usize, u32)>,
    tiles: HashMap<(u32, u32), Tile>,
    glyphs: GlyphCache,
    /// Tiles rasterised so far (for tests and benchmarks).
    pub rasterised: usize,
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
        for j in j0..=j1 {
            for i in i0..=i1 {
                let fresh = self.tiles.get(&(i, j)).is_some_and(|t| t.generation == generation);
                if !fresh {
                    if started.elapsed() < BUDGET {
                        let origin = (i * TILE, j * TILE);
                        let size = (TILE.min(w_px - origin.0), TILE.min(h_px - origin.1));
                        if let Ok(pixmap) = render_region(page, book, scale, origin, size, &mut self.glyphs) {
                            let image =
                                ColorImage::from_rgba_premultiplied([size.0 as usize, size.1 as usize], pixmap.data());
                            let texture =
                                ctx.load_texture(format!("page-{page_index}-{i}-{j}"), image, TextureOptions::LINEAR);
                            self.tiles.insert((i, j), Tile { texture, generation });
                            self.rasterised += 1;
                        }
                    } else {
                        pending = true;
                    }
                }
                // A stale tile (older layout, same zoom) stands in until its new one is made.
                if let Some(tile) = self.tiles.get(&(i, j)) {
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
