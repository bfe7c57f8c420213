//! PageFrame → raster (tiny-skia): previews, thumbnails and golden tests. Glyphs are filled from
//! their outlines at the layout's positions, so the picture has the PDF's line breaks exactly.

use std::collections::HashMap;

use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Stroke, Transform};

use crate::color::Color;
use crate::fonts::{FontBook, FontId};
use crate::layout::frame::{FrameItem, GlyphRun, ImageItem, PageFrame, PathItem, PathShape};

#[derive(Debug, thiserror::Error)]
pub enum RasterError {
    #[error("a page of {0}×{1} pixels is too large to render (lower the dpi)")]
    TooLarge(u32, u32),
    #[error("cannot encode PNG: {0}")]
    Encode(String),
}

/// Renders a page at `dpi` into a pixmap (white paper).
pub fn render_page(page: &PageFrame, book: &FontBook, dpi: f32) -> Result<Pixmap, RasterError> {
    let scale = dpi / 72.0;
    let w = (page.width * scale).ceil() as u32;
    let h = (page.height * scale).ceil() as u32;
    if w as u64 * h as u64 > 400_000_000 {
        return Err(RasterError::TooLarge(w, h));
    }
    render_region(page, book, scale, (0, 0), (w.max(1), h.max(1)), &mut GlyphCache::default())
}

/// Glyph outlines, kept between renders (the editor's tiles share one cache); on screen, also
/// the glyphs' sprites.
#[derive(Default)]
pub struct GlyphCache {
    outlines: HashMap<(FontId, u16), Option<tiny_skia::Path>>,
    sprites: Option<super::sprites::Sprites>,
}

impl GlyphCache {
    /// A cache for screen tiles: upright glyphs are copied from sprites placed to a quarter
    /// pixel, not filled each time.
    pub fn for_screen() -> GlyphCache {
        GlyphCache { outlines: HashMap::new(), sprites: Some(Default::default()) }
    }
}

/// Renders the part of a page at `scale` pixels per point whose top-left pixel is `origin`
/// and whose size is `size` (a tile of the editor's canvas). Items wholly outside are skipped.
pub fn render_region(
    page: &PageFrame,
    book: &FontBook,
    scale: f32,
    origin: (u32, u32),
    size: (u32, u32),
    cache: &mut GlyphCache,
) -> Result<Pixmap, RasterError> {
    let mut pixmap = Pixmap::new(size.0, size.1).ok_or(RasterError::TooLarge(size.0, size.1))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let tf = Transform::from_scale(scale, scale).post_translate(-(origin.0 as f32), -(origin.1 as f32));
    // The region in page points, with a margin for ink beyond a glyph's box.
    let view = crate::units::Rect::new(
        origin.0 as f32 / scale,
        origin.1 as f32 / scale,
        size.0 as f32 / scale,
        size.1 as f32 / scale,
    );
    for item in &page.items {
        match item {
            FrameItem::Text(run) => {
                // A run's extent: its baseline band, or for vertical runs its glyphs' offsets.
                let (lo, hi) =
                    run.glyphs.iter().fold((f32::MAX, f32::MIN), |(lo, hi), g| (lo.min(-g.dy), hi.max(-g.dy)));
                let top = run.baseline + lo.min(0.0) - run.size * 1.2;
                let bottom = run.baseline + hi.max(0.0) + run.size * 0.5;
                if bottom < view.y || top > view.bottom() {
                    continue;
                }
                draw_run(&mut pixmap, run, book, tf, view, cache);
            }
            FrameItem::Path(path) => draw_path(&mut pixmap, path, tf),
            FrameItem::Image(img) => draw_image(&mut pixmap, img, book, tf),
        }
    }
    Ok(pixmap)
}

/// Renders a page to PNG bytes.
pub fn render_png(page: &PageFrame, book: &FontBook, dpi: f32) -> Result<Vec<u8>, RasterError> {
    render_page(page, book, dpi)?.encode_png().map_err(|e| RasterError::Encode(e.to_string()))
}

fn paint(c: Color) -> Paint<'static> {
    let [r, g, b] = c.to_rgb8();
    let mut p = Paint::default();
    p.set_color_rgba8(r, g, b, 255);
    p.anti_alias = true;
    p
}

struct Outline(PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

/// A glyph's outline in font units (y up), cached per font and glyph.
pub fn glyph_outline(book: &FontBook, font: FontId, glyph: u16) -> Option<tiny_skia::Path> {
    let mut b = Outline(PathBuilder::new());
    book.face(font).shaper.outline_glyph(ttf_parser::GlyphId(glyph), &mut b)?;
    b.0.finish()
}

fn draw_run(
    pixmap: &mut Pixmap,
    run: &GlyphRun,
    book: &FontBook,
    page_tf: Transform,
    view: crate::units::Rect,
    cache: &mut GlyphCache,
) {
    let upem = book.face(run.font).units_per_em;
    let s = run.size / upem;
    let paint = paint(run.color);
    let GlyphCache { outlines: cache, sprites } = cache;
    for g in &run.glyphs {
        if g.x > view.right() || g.x + g.advance * g.scale_x.max(1.0) * 1.5 < view.x {
            continue;
        }
        let outline = cache.entry((run.font, g.id)).or_insert_with(|| glyph_outline(book, run.font, g.id));
        let Some(path) = outline else { continue };
        // Font units (y up) → page points (y down) → pixels.
        let (x, y) = (g.x, run.baseline - g.dy);
        if let Some(sprites) = sprites.as_mut()
            && !g.rotated
        {
            // The page transform is a scale and a shift.
            let device = (x * page_tf.sx + page_tf.tx, y * page_tf.sy + page_tf.ty);
            sprites.draw(pixmap, run.font, g.id, path, s * page_tf.sx, g.scale_x, device, run.color.to_rgb8());
            continue;
        }
        let tf = if g.rotated {
            // Turned 90° clockwise: the glyph's baseline runs down the page, its top faces right.
            Transform::from_row(0.0, s * g.scale_x, s, 0.0, x, y)
        } else {
            Transform::from_row(s * g.scale_x, 0.0, 0.0, -s, x, y)
        }
        .post_concat(page_tf);
        pixmap.fill_path(path, &paint, FillRule::Winding, tf, None);
    }
}

fn rect_path(r: &crate::units::Rect) -> Option<tiny_skia::Path> {
    tiny_skia::Rect::from_xywh(r.x, r.y, r.w.max(0.01), r.h.max(0.01)).map(PathBuilder::from_rect)
}

fn draw_path(pixmap: &mut Pixmap, item: &PathItem, tf: Transform) {
    let path = match &item.shape {
        PathShape::Rect(r) => rect_path(r),
        PathShape::Line { x1, y1, x2, y2 } => {
            let mut b = PathBuilder::new();
            b.move_to(*x1, *y1);
            b.line_to(*x2, *y2);
            b.finish()
        }
        PathShape::Rects(rects) => {
            let mut b = PathBuilder::new();
            for r in rects {
                if let Some(rect) = tiny_skia::Rect::from_xywh(r.x, r.y, r.w, r.h) {
                    b.push_rect(rect);
                }
            }
            b.finish()
        }
    };
    let Some(path) = path else { return };
    if let Some(fill) = item.fill {
        let mut p = paint(fill);
        // QR modules must stay crisp so scanners read them.
        p.anti_alias = !matches!(item.shape, PathShape::Rects(_));
        pixmap.fill_path(&path, &p, FillRule::Winding, tf, None);
    }
    if let Some((width, color)) = item.stroke.filter(|(w, _)| *w > 0.0) {
        let stroke = Stroke { width, ..Stroke::default() };
        pixmap.stroke_path(&path, &paint(color), &stroke, tf, None);
    }
}

fn draw_image(pixmap: &mut Pixmap, img: &ImageItem, book: &FontBook, tf: Transform) {
    if let Some(pdf) = &img.image.pdf {
        return draw_pdf_placeholder(pixmap, img, pdf.page, book, tf);
    }
    let src = &img.image.rgba;
    let Some(size) = tiny_skia::IntSize::from_wh(src.width(), src.height()) else {
        return;
    };
    // tiny-skia wants premultiplied RGBA.
    let data: Vec<u8> = src
        .pixels()
        .flat_map(|p| {
            let [r, g, b, a] = p.0;
            let m = |v: u8| ((v as u16 * a as u16 + 127) / 255) as u8;
            [m(r), m(g), m(b), a]
        })
        .collect();
    let Some(image) = Pixmap::from_vec(data, size) else {
        return;
    };
    let r = img.rect;
    let sx = r.w / src.width() as f32;
    let sy = r.h / src.height() as f32;
    let pattern = tiny_skia::Pattern::new(
        image.as_ref(),
        tiny_skia::SpreadMode::Pad,
        tiny_skia::FilterQuality::Bilinear,
        1.0,
        Transform::from_row(sx, 0.0, 0.0, sy, r.x, r.y),
    );
    let paint = Paint { shader: pattern, anti_alias: false, ..Paint::default() };
    let clip = img.clip;
    let visible = tiny_skia::Rect::from_ltrb(
        clip.x.max(r.x),
        clip.y.max(r.y),
        clip.right().min(r.right()),
        clip.bottom().min(r.bottom()),
    );
    if let Some(rect) = visible {
        pixmap.fill_rect(rect, &paint, tf, None);
    }
}

/// A placed PDF as a raster painter shows it: a grey box over the visible part, crossed, with
/// "PDF", the file name and the page (no PDF rasteriser here).
fn draw_pdf_placeholder(pixmap: &mut Pixmap, img: &ImageItem, page: u32, book: &FontBook, tf: Transform) {
    let (r, clip) = (img.rect, img.clip);
    let Some(visible) = tiny_skia::Rect::from_ltrb(
        clip.x.max(r.x),
        clip.y.max(r.y),
        clip.right().min(r.right()),
        clip.bottom().min(r.bottom()),
    ) else {
        return;
    };
    let grey = |v: u8| {
        let mut p = Paint::default();
        p.set_color_rgba8(v, v, v, 255);
        p.anti_alias = true;
        p
    };
    pixmap.fill_rect(visible, &grey(214), tf, None);
    let mut b = PathBuilder::new();
    b.push_rect(visible);
    b.move_to(visible.left(), visible.top());
    b.line_to(visible.right(), visible.bottom());
    b.move_to(visible.right(), visible.top());
    b.line_to(visible.left(), visible.bottom());
    if let Some(path) = b.finish() {
        pixmap.stroke_path(&path, &grey(120), &Stroke { width: 0.75, ..Stroke::default() }, tf, None);
    }
    // The label, in the first face that has all its characters, on a white band.
    let label = format!("PDF  {}  p.{page}", img.image.file_name());
    let Some((font, face)) = book.faces().find(|(_, f)| label.chars().all(|c| c == ' ' || f.glyph(c).is_some())) else {
        return;
    };
    let glyphs: Vec<(u16, f32)> =
        label.chars().map(|c| face.glyph(c).map_or((0, 0.3), |g| (g, face.advance_em(g)))).collect();
    let em: f32 = glyphs.iter().map(|g| g.1).sum::<f32>().max(1.0);
    let size = (visible.width() * 0.9 / em).min(12.0).min(visible.height() * 0.5);
    if size < 1.0 {
        return;
    }
    let (w, x0) = (em * size, visible.left() + (visible.width() - em * size) / 2.0);
    let baseline = visible.top() + visible.height() / 2.0 + size * 0.35;
    if let Some(band) = tiny_skia::Rect::from_xywh(x0 - size * 0.3, baseline - size * 1.1, w + size * 0.6, size * 1.5) {
        pixmap.fill_rect(band, &grey(255), tf, None);
    }
    let s = size / face.units_per_em;
    let mut x = x0;
    for (g, advance) in glyphs {
        if let Some(path) = glyph_outline(book, font, g) {
            let glyph_tf = Transform::from_row(s, 0.0, 0.0, -s, x, baseline).post_concat(tf);
            pixmap.fill_path(&path, &grey(40), FillRule::Winding, glyph_tf, None);
        }
        x += advance * size;
    }
}
