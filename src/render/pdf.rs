//! PageFrame → PDF with printpdf: each font embedded once as a subset (subsetter) under a
//! subset-tagged name, text written by glyph id at the layout's exact positions with the source
//! text for ToUnicode, vector paths for rules, tables and QR codes, images lossless (Flate) or
//! passed through as JPEG. The preset decides the colour space (print: DeviceCMYK/DeviceGray,
//! K-only black overprinting; screen: RGB), the page boxes and marks; `pdfx` then finishes the
//! file (boxes, output intent, metadata, a content-derived ID).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use printpdf as pp;

use super::form;
use super::marks::{self, PageBoxes};
use super::pdfx;
use super::preset::{ColorTarget, Preset};
use crate::color::Color;
use crate::fonts::{FontBook, FontId};
use crate::layout::frame::{FrameItem, GlyphRun, ImageItem, PageFrame, PathItem, PathShape};
use crate::layout::image::LoadedImage;
use crate::layout::placed_pdf::PlacedPdf;
use crate::units::{PT_PER_MM, Rect};

/// Settings for one export.
#[derive(Clone, Debug, Default)]
pub struct PdfOptions {
    pub title: String,
    /// Creation date as seconds since 1970; `None` takes SOURCE_DATE_EPOCH, else the time now.
    pub date: Option<i64>,
    pub preset: Preset,
    /// Page labels (A01, A02…), one per page; pages without one are labelled by number.
    pub labels: Vec<String>,
}

impl PdfOptions {
    /// The creation date used: the one given, else SOURCE_DATE_EPOCH, else now.
    pub fn date(&self) -> i64 {
        self.date
            .or_else(|| std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse().ok()))
            .unwrap_or_else(now)
    }
}

/// The date a PDF of `layout` carries: SOURCE_DATE_EPOCH, else when the layout was last saved
/// (so exporting an unchanged layout again gives the same bytes); `None` (now) for a layout
/// with unsaved changes or no file.
pub fn source_date(layout: Option<&std::path::Path>) -> Option<i64> {
    if let Some(t) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse().ok()) {
        return Some(t);
    }
    let modified = std::fs::metadata(layout?).and_then(|m| m.modified()).ok()?;
    modified.duration_since(std::time::UNIX_EPOCH).ok().map(|d| d.as_secs() as i64)
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("font {family}: cannot subset: {message}")]
    Subset { family: String, message: String },
    #[error("image {path}: {message}")]
    Image { path: String, message: String },
    #[error("writing the PDF: {0}")]
    Write(String),
}

/// Writes laid-out pages as one PDF.
pub fn write_pdf(pages: &[PageFrame], book: &FontBook, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    write_pdf_with_progress(pages, book, opts, &mut |_, _| {})
}

/// Writes laid-out pages as one PDF, calling `progress(pages done, pages)` as pages are written.
pub fn write_pdf_with_progress(
    pages: &[PageFrame],
    book: &FontBook,
    opts: &PdfOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<u8>, PdfError> {
    let mut doc = pp::PdfDocument::new(&opts.title);
    let target = opts.preset.color;
    let fonts = embed_fonts(&mut doc, pages, book)?;
    let images = embed_images(&mut doc, pages, &opts.preset)?;
    if target == ColorTarget::Print {
        for (id, on) in [(OVERPRINT, true), (KNOCKOUT, false)] {
            let gs = pp::ExtendedGraphicsState::default()
                .with_overprint_fill(on)
                .with_overprint_stroke(on)
                .with_overprint_mode(if on {
                    pp::OverprintMode::KeepUnderlying
                } else {
                    pp::OverprintMode::EraseUnderlying
                });
            doc.resources.extgstates.map.insert(pp::ExtendedGraphicsStateId(id.into()), gs);
        }
    }
    let mut boxes = Vec::with_capacity(pages.len());
    for (n, page) in pages.iter().enumerate() {
        let geometry = PageBoxes::new(page, &opts.preset);
        let mut ops = vec![
            pp::Op::SaveGraphicsState,
            pp::Op::SetTransformationMatrix {
                matrix: pp::CurTransMat::Translate(pp::Pt(geometry.offset), pp::Pt(geometry.offset)),
            },
            pp::Op::DrawRectangle { rectangle: pdf_rect(&geometry.bleed_rect(), page.height, pp::PaintMode::Clip) },
        ];
        let mut painter = Painter { ops: &mut ops, target, ink_limit: opts.preset.ink_limit, overprint: false };
        painter.page(page, &fonts, &images);
        ops.push(pp::Op::RestoreGraphicsState);
        if opts.preset.marks {
            let mut painter = Painter { ops: &mut ops, target, ink_limit: opts.preset.ink_limit, overprint: false };
            for mark in marks::printer_marks(&geometry) {
                painter.path(&mark, geometry.media_h);
            }
        }
        // The boxes are set exactly by `pdfx::finish`; printpdf only needs the sheet's size.
        let (w, h) = (pp::Mm(geometry.media_w / PT_PER_MM), pp::Mm(geometry.media_h / PT_PER_MM));
        doc.pages.push(pp::PdfPage::new(w, h, ops));
        boxes.push(geometry);
        progress(n + 1, pages.len());
    }
    let save = pp::PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: Some(pp::ImageOptimizationOptions {
            quality: None,
            max_image_size: None,
            dither_greyscale: None,
            convert_to_greyscale: Some(false),
            auto_optimize: Some(false),
            format: Some(pp::ImageCompression::Flate),
        }),
    };
    let mut warnings = Vec::new();
    let mut lopdf_doc = doc.to_lopdf_document(&save, &mut warnings);
    let placed: Vec<&PlacedPdf> = placed_pdfs(pages);
    if !placed.is_empty() {
        form::inject(&mut lopdf_doc, &placed);
    }
    pdfx::finish(lopdf_doc, opts, &boxes)
}

/// The ExtGState names: K-only black overprints, everything else knocks out.
const OVERPRINT: &str = "GSop";
const KNOCKOUT: &str = "GSko";

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// A subset font in the document: its resource id and old → new glyph ids.
struct EmbeddedFont {
    id: pp::FontId,
    remap: subsetter::GlyphRemapper,
    /// The text each glyph stands for (ToUnicode keeps one entry per glyph; the first wins; the
    /// missing glyph, .notdef, stands for nothing).
    texts: HashMap<u16, String>,
}

fn embed_fonts(
    doc: &mut pp::PdfDocument,
    pages: &[PageFrame],
    book: &FontBook,
) -> Result<HashMap<FontId, EmbeddedFont>, PdfError> {
    let mut used: BTreeMap<FontId, (subsetter::GlyphRemapper, HashMap<u16, String>)> = BTreeMap::new();
    for run in pages.iter().flat_map(|p| p.items.iter()).filter_map(|i| match i {
        FrameItem::Text(r) => Some(r),
        _ => None,
    }) {
        let (remap, texts) = used.entry(run.font).or_default();
        for g in &run.glyphs {
            remap.remap(g.id);
            if g.id != 0 && !g.text.is_empty() {
                texts.entry(g.id).or_insert_with(|| g.text.clone());
            }
        }
    }
    let mut out = HashMap::new();
    for (n, (font, (remap, texts))) in used.into_iter().enumerate() {
        let face = book.face(font);
        let subset = subsetter::subset(face.data, 0, &remap)
            .map_err(|e| PdfError::Subset { family: face.family.clone(), message: format!("{e:?}") })?;
        let mut parsed = pp::ParsedFont::from_bytes(&subset, 0, &mut Vec::new())
            .ok_or_else(|| PdfError::Subset { family: face.family.clone(), message: "subset does not parse".into() })?;
        parsed.font_name = Some(format!("{}+{}", subset_tag(&face.postscript_name, &remap), face.postscript_name));
        let id = pp::FontId(format!("F{n}"));
        doc.resources.fonts.map.insert(id.clone(), pp::PdfFont::new(parsed));
        out.insert(font, EmbeddedFont { id, remap, texts });
    }
    Ok(out)
}

/// Six capital letters derived from the font and its glyph set (stable from run to run).
fn subset_tag(name: &str, remap: &subsetter::GlyphRemapper) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    let mut eat = |b: u64| {
        h ^= b;
        h = h.wrapping_mul(0x100000001b3);
    };
    name.bytes().for_each(|b| eat(b as u64));
    remap.remapped_gids().for_each(|g| eat(g as u64));
    (0..6).map(|i| (b'A' + ((h >> (i * 5)) % 26) as u8) as char).collect()
}

fn embed_images(
    doc: &mut pp::PdfDocument,
    pages: &[PageFrame],
    preset: &Preset,
) -> Result<HashMap<*const LoadedImage, pp::XObjectId>, PdfError> {
    let mut out = HashMap::new();
    let mut forms = 0;
    for item in pages.iter().flat_map(|p| p.items.iter()) {
        let FrameItem::Image(img) = item else {
            continue;
        };
        let key = Arc::as_ptr(&img.image);
        if out.contains_key(&key) {
            continue;
        }
        if img.image.pdf.is_some() {
            // A placed PDF page: a placeholder now, its form once printpdf is done.
            let n = forms;
            forms += 1;
            let id = pp::XObjectId(format!("Fm{n}"));
            doc.resources.xobjects.map.insert(id.clone(), form::placeholder(n));
            out.insert(key, id);
            continue;
        }
        let id = pp::XObjectId(format!("Im{}", out.len()));
        let xobject = match (img.image.jpeg_components, preset.color) {
            (Some(1), _) | (Some(3), ColorTarget::Screen) => jpeg_xobject(&img.image),
            (_, ColorTarget::Screen) => raw_xobject(&img.image)?,
            (_, ColorTarget::Print) => print_xobject(&img.image, preset.ink_limit),
        };
        doc.resources.xobjects.map.insert(id.clone(), xobject);
        out.insert(key, id);
    }
    Ok(out)
}

/// The placed PDF pages in the order `embed_images` numbers their forms (each once).
fn placed_pdfs(pages: &[PageFrame]) -> Vec<&PlacedPdf> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for item in pages.iter().flat_map(|p| p.items.iter()) {
        if let FrameItem::Image(img) = item
            && let Some(pdf) = &img.image.pdf
            && seen.insert(Arc::as_ptr(&img.image))
        {
            out.push(pdf);
        }
    }
    out
}

fn raw_xobject(img: &LoadedImage) -> Result<pp::XObject, PdfError> {
    let has_alpha = img.rgba.pixels().any(|p| p.0[3] < 255);
    let dynamic = if has_alpha {
        ::image::DynamicImage::ImageRgba8(img.rgba.clone())
    } else {
        ::image::DynamicImage::ImageRgb8(::image::DynamicImage::ImageRgba8(img.rgba.clone()).to_rgb8())
    };
    let raw = pp::RawImage::from_dynamic_image(dynamic)
        .map_err(|message| PdfError::Image { path: img.path.display().to_string(), message })?;
    Ok(pp::XObject::Image(raw))
}

/// Grey and RGB JPEG bytes go in as they are (DCTDecode), never re-encoded.
fn jpeg_xobject(img: &LoadedImage) -> pp::XObject {
    let space = if img.jpeg_components == Some(1) { "DeviceGray" } else { "DeviceRGB" };
    image_xobject(img, space, img.bytes.clone(), Some("DCTDecode"))
}

/// For print: a DeviceGray image when every pixel is grey, else DeviceCMYK, converted pixel by
/// pixel like flat colours and flattened onto paper white (PDF/X-1a allows no soft masks).
fn print_xobject(img: &LoadedImage, ink_limit: f32) -> pp::XObject {
    let flat = |p: &::image::Rgba<u8>| {
        let a = p.0[3] as u16;
        p.0.map(|v| ((v as u16 * a + 255 * (255 - a)) / 255) as u8)
    };
    if img.rgba.pixels().all(|p| p.0[0] == p.0[1] && p.0[1] == p.0[2]) {
        let grey: Vec<u8> = img.rgba.pixels().map(|p| flat(p)[0]).collect();
        return image_xobject(img, "DeviceGray", grey, None);
    }
    let mut cmyk = Vec::with_capacity(img.rgba.len());
    for p in img.rgba.pixels() {
        let [r, g, b, _] = flat(p);
        let ink = match (Color::Rgb { r, g, b }).for_print(ink_limit) {
            Color::Cmyk { c, m, y, k } => [c, m, y, k],
            Color::Gray(k) => [0.0, 0.0, 0.0, k],
            Color::Rgb { .. } => [0.0; 4],
        };
        cmyk.extend(ink.map(|v| (v * 2.55).round() as u8));
    }
    image_xobject(img, "DeviceCMYK", cmyk, None)
}

/// An image XObject of 8-bit samples; unfiltered samples are left to Flate compression.
fn image_xobject(img: &LoadedImage, space: &str, content: Vec<u8>, filter: Option<&str>) -> pp::XObject {
    let mut dict = BTreeMap::new();
    let name = |s: &str| pp::DictItem::Name(s.as_bytes().to_vec());
    dict.insert("Type".to_string(), name("XObject"));
    dict.insert("Subtype".to_string(), name("Image"));
    dict.insert("Width".to_string(), pp::DictItem::Int(img.width as i64));
    dict.insert("Height".to_string(), pp::DictItem::Int(img.height as i64));
    dict.insert("ColorSpace".to_string(), name(space));
    dict.insert("BitsPerComponent".to_string(), pp::DictItem::Int(8));
    if let Some(f) = filter {
        dict.insert("Filter".to_string(), name(f));
    }
    pp::XObject::External(pp::ExternalXObject {
        stream: pp::ExternalStream { dict, content, compress: filter.is_none() },
        width: Some(pp::Px(img.width as usize)),
        height: Some(pp::Px(img.height as usize)),
        dpi: None,
    })
}

/// A colour as the target gets it. Print: RGB converted under the ink limit, and grey written
/// as K in DeviceCMYK (DeviceGray would knock out the other inks even when it overprints).
/// Screen: CMYK and grey previewed in RGB.
fn pdf_color(c: Color, target: ColorTarget, ink_limit: f32) -> pp::Color {
    let c = match target {
        ColorTarget::Print => match c.for_print(ink_limit) {
            Color::Gray(k) => Color::Cmyk { c: 0.0, m: 0.0, y: 0.0, k },
            printed => printed,
        },
        ColorTarget::Screen => {
            let [r, g, b] = c.to_rgb8();
            Color::Rgb { r, g, b }
        }
    };
    match c {
        Color::Cmyk { c, m, y, k } => pp::Color::Cmyk(pp::Cmyk::new(c / 100.0, m / 100.0, y / 100.0, k / 100.0, None)),
        Color::Gray(k) => pp::Color::Greyscale(pp::Greyscale::new(1.0 - k / 100.0, None)),
        Color::Rgb { r, g, b } => {
            pp::Color::Rgb(pp::Rgb::new(r as f32 / 255.0, g as f32 / 255.0, b as f32 / 255.0, None))
        }
    }
}

/// Writes one page's items as PDF operators, switching overprint on for K-only black.
struct Painter<'a> {
    ops: &'a mut Vec<pp::Op>,
    target: ColorTarget,
    ink_limit: f32,
    /// Whether the overprint state is on now.
    overprint: bool,
}

impl Painter<'_> {
    fn page(
        &mut self,
        page: &PageFrame,
        fonts: &HashMap<FontId, EmbeddedFont>,
        images: &HashMap<*const LoadedImage, pp::XObjectId>,
    ) {
        let h = page.height;
        let mut in_text = false;
        // The line whose ActualText span is open, and the lines already given theirs.
        let mut span: Option<(&str, u32)> = None;
        let mut spoken: HashSet<(&str, u32)> = HashSet::new();
        for item in &page.items {
            let is_text = matches!(item, FrameItem::Text(_));
            if in_text && !is_text {
                self.end_span(&mut span);
                self.ops.push(pp::Op::EndTextSection);
                in_text = false;
            }
            match item {
                FrameItem::Text(run) => {
                    if !in_text {
                        self.ops.push(pp::Op::StartTextSection);
                        in_text = true;
                    }
                    let line = (run.element.as_str(), run.line);
                    if span != Some(line) {
                        self.end_span(&mut span);
                        // A line split by other items says its text once, at its first part.
                        let text = if spoken.insert(line) { &*run.line_text } else { "" };
                        self.ops.push(actual_text_span(text));
                        span = Some(line);
                    }
                    if let Some(font) = fonts.get(&run.font) {
                        self.text(run, font, h);
                    }
                }
                FrameItem::Path(path) => self.path(path, h),
                FrameItem::Image(img) => {
                    if let Some(id) = images.get(&Arc::as_ptr(&img.image)) {
                        self.set_overprint(false);
                        image_ops(self.ops, img, id, h);
                    }
                }
            }
        }
        if in_text {
            self.end_span(&mut span);
            self.ops.push(pp::Op::EndTextSection);
        }
    }

    /// Closes the open ActualText span, if any.
    fn end_span(&mut self, span: &mut Option<(&str, u32)>) {
        if span.take().is_some() {
            self.ops.push(pp::Op::EndMarkedContent);
        }
    }

    fn color(&self, c: Color) -> pp::Color {
        pdf_color(c, self.target, self.ink_limit)
    }

    /// Overprint on or off (print only; a screen PDF has no ExtGStates).
    fn set_overprint(&mut self, on: bool) {
        if self.target == ColorTarget::Print && on != self.overprint {
            let gs = pp::ExtendedGraphicsStateId(if on { OVERPRINT } else { KNOCKOUT }.into());
            self.ops.push(pp::Op::LoadGraphicsState { gs });
            self.overprint = on;
        }
    }

    fn text(&mut self, run: &GlyphRun, font: &EmbeddedFont, page_h: f32) {
        self.set_overprint(run.color.is_k_only_black());
        self.ops.push(pp::Op::SetFillColor { col: self.color(run.color) });
        self.ops.push(pp::Op::SetFont { font: pp::PdfFontHandle::External(font.id.clone()), size: pp::Pt(run.size) });
        for g in &run.glyphs {
            let y = page_h - run.baseline + g.dy;
            let matrix = if g.rotated {
                pp::TextMatrix::Raw([0.0, -g.scale_x, 1.0, 0.0, g.x, y])
            } else if (g.scale_x - 1.0).abs() < 1e-4 {
                pp::TextMatrix::Translate(pp::Pt(g.x), pp::Pt(y))
            } else {
                pp::TextMatrix::Raw([g.scale_x, 0.0, 0.0, 1.0, g.x, y])
            };
            let gid = font.remap.get(g.id).unwrap_or(0);
            self.ops.push(pp::Op::SetTextMatrix { matrix });
            self.ops.push(pp::Op::ShowText {
                items: vec![pp::TextItem::GlyphIds(vec![pp::Codepoint::with_cid(
                    gid,
                    0.0,
                    font.texts.get(&g.id).cloned().unwrap_or_default(),
                )])],
            });
        }
    }

    fn path(&mut self, path: &PathItem, h: f32) {
        let stroke = path.stroke.filter(|(w, _)| *w > 0.0);
        let painted = path.fill.is_some() || stroke.is_some();
        let black = path.fill.is_none_or(Color::is_k_only_black) && stroke.is_none_or(|(_, c)| c.is_k_only_black());
        self.set_overprint(painted && black);
        let (fill, stroke_color) = (path.fill.map(|c| self.color(c)), stroke.map(|(w, c)| (w, self.color(c))));
        let ops = &mut *self.ops;
        if let Some(col) = fill {
            ops.push(pp::Op::SetFillColor { col });
        }
        if let Some((width, col)) = stroke_color {
            ops.push(pp::Op::SetOutlineColor { col });
            ops.push(pp::Op::SetOutlineThickness { pt: pp::Pt(width) });
        }
        let mode = match (path.fill.is_some(), stroke.is_some()) {
            (true, true) => pp::PaintMode::FillStroke,
            (true, false) => pp::PaintMode::Fill,
            (false, true) => pp::PaintMode::Stroke,
            (false, false) => return,
        };
        match &path.shape {
            PathShape::Rect(r) => ops.push(pp::Op::DrawRectangle { rectangle: pdf_rect(r, h, mode) }),
            PathShape::Line { x1, y1, x2, y2 } => ops.push(pp::Op::DrawLine {
                line: pp::Line { points: vec![point(*x1, h - y1), point(*x2, h - y2)], is_closed: false },
            }),
            PathShape::Rects(rects) => ops.push(pp::Op::DrawPolygon {
                polygon: pp::Polygon {
                    rings: rects
                        .iter()
                        .map(|r| pp::PolygonRing {
                            points: vec![
                                point(r.x, h - r.y),
                                point(r.right(), h - r.y),
                                point(r.right(), h - r.bottom()),
                                point(r.x, h - r.bottom()),
                            ],
                        })
                        .collect(),
                    mode,
                    winding_order: pp::WindingOrder::NonZero,
                },
            }),
        }
    }
}

/// `/Span << /ActualText (UTF-16BE) >> BDC`: text extraction (copy, search, pdftotext) reads a
/// line as its copy says, instead of rebuilding it from glyph positions, which compressed
/// punctuation and spread Han characters confuse (fragments, spurious spaces).
fn actual_text_span(text: &str) -> pp::Op {
    let mut data = vec![0xFE, 0xFF];
    data.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let map = [("ActualText".to_string(), pp::DictItem::String { data, literal: false })].into_iter().collect();
    pp::Op::BeginMarkedContentWithProperties { tag: "Span".into(), properties: pp::DictItem::Dict { map } }
}

fn pdf_rect(r: &Rect, page_h: f32, mode: pp::PaintMode) -> pp::Rect {
    pp::Rect {
        mode: Some(mode),
        ..pp::Rect::from_xywh(pp::Pt(r.x), pp::Pt(page_h - r.bottom()), pp::Pt(r.w), pp::Pt(r.h))
    }
}

fn point(x: f32, y: f32) -> pp::LinePoint {
    pp::LinePoint { p: pp::Point { x: pp::Pt(x), y: pp::Pt(y) }, bezier: false }
}

fn image_ops(ops: &mut Vec<pp::Op>, img: &ImageItem, id: &pp::XObjectId, h: f32) {
    let r = img.rect;
    let clipped = r.x < img.clip.x - 0.01
        || r.y < img.clip.y - 0.01
        || r.right() > img.clip.right() + 0.01
        || r.bottom() > img.clip.bottom() + 0.01;
    ops.push(pp::Op::SaveGraphicsState);
    if clipped {
        ops.push(pp::Op::DrawRectangle { rectangle: pdf_rect(&img.clip, h, pp::PaintMode::Clip) });
    }
    ops.push(pp::Op::UseXobject {
        id: id.clone(),
        transform: pp::XObjectTransform {
            translate_x: Some(pp::Pt(r.x)),
            translate_y: Some(pp::Pt(h - r.bottom())),
            scale_x: Some(r.w),
            scale_y: Some(r.h),
            no_auto_scale: true,
            ..Default::default()
        },
    });
    ops.push(pp::Op::RestoreGraphicsState);
}
