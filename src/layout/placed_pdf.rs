//! Placed PDF pages (ads): a page of a PDF file read with lopdf, measured by its TrimBox (else
//! CropBox, else MediaBox), and looked at as a printer would (colour spaces, fonts) so preflight
//! can judge it. The PDF writer copies it into the export as a Form XObject
//! (`render::form`); the raster painters show a labelled box.
//!
//! Encrypted, truncated or broken files are refused with an error naming what is wrong; nothing
//! here panics on a bad file.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId};

/// Most decompressed bytes read from one page's content (a zip bomb stops here).
const MAX_CONTENT: usize = 64 * 1024 * 1024;
/// Most objects a placed page may pull in.
const MAX_OBJECTS: usize = 200_000;

/// Why a placed PDF's page cannot be read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PdfLoadError {
    #[error("not a PDF file (no %PDF- header)")]
    NotPdf,
    #[error("the PDF is truncated (no %%EOF at its end); ask for the file again")]
    Truncated,
    #[error("the PDF is encrypted; ask for an unprotected file")]
    Encrypted,
    /// The parser's own words.
    #[error("not a readable PDF: {0}")]
    Unreadable(String),
    #[error("not a readable PDF (the parser gave up)")]
    ParserGaveUp,
    #[error("the PDF has {count} objects, more than {max}")]
    TooManyObjects { count: usize, max: usize },
    #[error("the PDF has {count} page(s), no page {page}")]
    NoSuchPage { count: usize, page: u32 },
    #[error("page {page}: {message}")]
    BadPage { page: u32, message: String },
    #[error("page {page} has /Rotate {rotate}, not a multiple of 90")]
    BadRotate { page: u32, rotate: i64 },
    #[error("page {page} has no usable page box")]
    NoPageBox { page: u32 },
    #[error("page {page}: content: {message}")]
    BadContent { page: u32, message: String },
}

/// What preflight finds in a placed PDF `file` (its name).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PdfFinding {
    #[error("placed PDF {file}: fonts not embedded: {}; ask for the ad with fonts embedded", fonts.join(", "))]
    FontsNotEmbedded { file: String, fonts: Vec<String> },
    #[error(
        "placed PDF {file} uses RGB colour, which a press cannot print as it is; ask for a CMYK (PDF/X-1a) version of the ad"
    )]
    Rgb { file: String },
    #[error(
        "placed PDF {file} sets colours of {ink:.0} % ink, over the preset's {limit:.0} %; ask for a version made for this paper"
    )]
    InkOver { file: String, ink: f32, limit: f32 },
    #[error("placed PDF {file} uses spot colours ({}); they print as extra plates", spots.join(", "))]
    Spots { file: String, spots: Vec<String> },
}

impl PdfFinding {
    /// Whether it would print wrong (else it is a warning).
    pub fn is_error(&self) -> bool {
        matches!(self, PdfFinding::FontsNotEmbedded { .. } | PdfFinding::Rgb { .. })
    }
}

/// One page of a PDF file, ready to be placed.
#[derive(Debug)]
pub struct PlacedPdf {
    /// The whole source document (the page's resources are copied from it on export).
    pub doc: Arc<Document>,
    pub page: u32,
    pub page_id: ObjectId,
    /// The placed box in the page's user space: [left, bottom, right, top], pt.
    pub bbox: [f32; 4],
    /// How far the page is turned clockwise when shown: 0, 90, 180 or 270 (`/Rotate`).
    pub rotate: u32,
    /// The page's content, decompressed.
    pub content: Vec<u8>,
    /// The page's resources (inherited ones included); `Null` when it has none.
    pub resources: Object,
    /// The page's transparency group, if any.
    pub group: Option<Object>,
    /// What a printer would see.
    pub inks: PdfInks,
}

/// Colour and font use found in a placed page.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PdfInks {
    /// RGB colour anywhere (DeviceRGB, CalRGB, a three-component ICC space, `rg`/`RG`).
    pub rgb: bool,
    /// Spot colour names (Separation/DeviceN colorants beyond the process inks).
    pub spots: BTreeSet<String>,
    /// Fonts used, by BaseFont name.
    pub fonts: BTreeSet<String>,
    /// Fonts not embedded.
    pub unembedded_fonts: BTreeSet<String>,
    /// The heaviest CMYK colour set by `k`/`K` in the content, percent (images not counted).
    pub max_ink: f32,
}

impl PlacedPdf {
    /// Width and height of the placed box as the page is shown (turned by `/Rotate`), pt.
    pub fn size(&self) -> (f32, f32) {
        let (w, h) = (self.bbox[2] - self.bbox[0], self.bbox[3] - self.bbox[1]);
        if self.rotate % 180 == 90 { (h, w) } else { (w, h) }
    }

    /// The matrix that takes the placed box, turned as the page is shown, onto the unit square.
    pub fn unit_matrix(&self) -> [f32; 6] {
        let [x0, y0, x1, y1] = self.bbox;
        let (w, h) = (x1 - x0, y1 - y0);
        match self.rotate {
            90 => [0.0, -1.0 / w, 1.0 / h, 0.0, -y0 / h, 1.0 + x0 / w],
            180 => [-1.0 / w, 0.0, 0.0, -1.0 / h, 1.0 + x0 / w, 1.0 + y0 / h],
            270 => [0.0, 1.0 / w, -1.0 / h, 0.0, 1.0 + y0 / h, -x0 / w],
            _ => [1.0 / w, 0.0, 0.0, 1.0 / h, -x0 / w, -y0 / h],
        }
    }
}

/// Reads page `page` (from 1) of the PDF in `bytes`; the error says what is wrong.
pub fn load(bytes: &[u8], page: u32) -> Result<PlacedPdf, PdfLoadError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(PdfLoadError::NotPdf);
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(PdfLoadError::Truncated);
    }
    // A bad file must never bring the program down, whatever the parser does with it.
    let parsed = std::panic::catch_unwind(|| {
        let options = lopdf::LoadOptions { max_decompressed_size: Some(MAX_CONTENT), ..Default::default() };
        Document::load_mem_with_options(bytes, options)
    });
    let doc = match parsed {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => {
            let msg = e.to_string();
            if msg.to_lowercase().contains("encrypt") || msg.to_lowercase().contains("password") {
                return Err(PdfLoadError::Encrypted);
            }
            return Err(PdfLoadError::Unreadable(msg));
        }
        Err(_) => return Err(PdfLoadError::ParserGaveUp),
    };
    if doc.was_encrypted() || doc.is_encrypted() || doc.trailer.has(b"Encrypt") {
        return Err(PdfLoadError::Encrypted);
    }
    if doc.objects.len() > MAX_OBJECTS {
        return Err(PdfLoadError::TooManyObjects { count: doc.objects.len(), max: MAX_OBJECTS });
    }
    let pages = doc.get_pages();
    let Some(&page_id) = pages.get(&page) else {
        return Err(PdfLoadError::NoSuchPage { count: pages.len(), page });
    };
    let page_dict = doc.get_dictionary(page_id).map_err(|e| PdfLoadError::BadPage { page, message: e.to_string() })?;
    let rotate = inherited(&doc, page_dict, b"Rotate").and_then(|o| o.as_i64().ok()).unwrap_or(0);
    if rotate % 90 != 0 {
        return Err(PdfLoadError::BadRotate { page, rotate });
    }
    let rotate = rotate.rem_euclid(360) as u32;
    let bbox = page_box(&doc, page_dict).ok_or(PdfLoadError::NoPageBox { page })?;
    let resources = inherited(&doc, page_dict, b"Resources").cloned().unwrap_or(Object::Null);
    let group = page_dict.get(b"Group").ok().cloned();
    let content = doc
        .get_page_content_with_limit(page_id, MAX_CONTENT)
        .map_err(|e| PdfLoadError::BadContent { page, message: e.to_string() })?;
    let mut inks = PdfInks::default();
    let mut seen = HashSet::new();
    look(&doc, &resources, &mut inks, &mut seen, 0);
    scan_content(&content, &mut inks);
    Ok(PlacedPdf { doc: Arc::new(doc), page, page_id, bbox, rotate, content, resources, group, inks })
}

/// A page attribute, looked up the page tree's parents when the page does not have it.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut dict = page;
    for _ in 0..64 {
        if let Ok(v) = dict.get(key) {
            return Some(v);
        }
        dict = dict.get(b"Parent").and_then(Object::as_reference).and_then(|id| doc.get_dictionary(id)).ok()?;
    }
    None
}

/// TrimBox, else CropBox, else MediaBox, normalised to [left, bottom, right, top].
fn page_box(doc: &Document, page: &Dictionary) -> Option<[f32; 4]> {
    let read = |o: &Object| -> Option<[f32; 4]> {
        let o = doc.dereference(o).ok()?.1;
        let a = o.as_array().ok()?;
        if a.len() != 4 {
            return None;
        }
        let mut v = [0.0f32; 4];
        for (slot, item) in v.iter_mut().zip(a) {
            let item = doc.dereference(item).ok()?.1;
            *slot = item.as_float().ok().or_else(|| item.as_i64().ok().map(|i| i as f32))?;
        }
        let b = [v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])];
        (b.iter().all(|x| x.is_finite()) && b[2] - b[0] >= 1.0 && b[3] - b[1] >= 1.0).then_some(b)
    };
    let trim = page.get(b"TrimBox").ok().and_then(read);
    trim.or_else(|| inherited(doc, page, b"CropBox").and_then(read))
        .or_else(|| inherited(doc, page, b"MediaBox").and_then(read))
}

const PROCESS: [&[u8]; 6] = [b"Cyan", b"Magenta", b"Yellow", b"Black", b"All", b"None"];

/// Walks the objects reachable from `obj` noting colour spaces and fonts (once per object).
fn look(doc: &Document, obj: &Object, inks: &mut PdfInks, seen: &mut HashSet<ObjectId>, depth: u32) {
    if depth > 200 {
        return;
    }
    match obj {
        Object::Reference(id) => {
            if seen.len() < MAX_OBJECTS
                && seen.insert(*id)
                && let Ok(o) = doc.get_object(*id)
            {
                look(doc, o, inks, seen, depth + 1);
            }
        }
        Object::Name(n) if n == b"DeviceRGB" || n == b"CalRGB" || n == b"RGB" => inks.rgb = true,
        Object::Array(a) => {
            let first = a.first().and_then(|o| o.as_name().ok());
            match first {
                Some(b"Separation") => {
                    if let Some(Ok(name)) = a.get(1).map(|o| doc.dereference(o).and_then(|(_, o)| o.as_name()))
                        && !PROCESS.contains(&name)
                    {
                        inks.spots.insert(String::from_utf8_lossy(name).into_owned());
                    }
                }
                Some(b"DeviceN") => {
                    if let Some(Ok((_, Object::Array(names)))) = a.get(1).map(|o| doc.dereference(o)) {
                        for n in names.iter().filter_map(|o| o.as_name().ok()) {
                            if !PROCESS.contains(&n) {
                                inks.spots.insert(String::from_utf8_lossy(n).into_owned());
                            }
                        }
                    }
                }
                Some(b"ICCBased") => {
                    if let Some(Ok((_, Object::Stream(s)))) = a.get(1).map(|o| doc.dereference(o))
                        && s.dict.get(b"N").and_then(Object::as_i64).ok() == Some(3)
                    {
                        inks.rgb = true;
                    }
                }
                _ => {}
            }
            for o in a {
                look(doc, o, inks, seen, depth + 1);
            }
        }
        Object::Dictionary(d) => look_dict(doc, d, inks, seen, depth),
        Object::Stream(s) => {
            look_dict(doc, &s.dict, inks, seen, depth);
            // A form XObject's own drawing.
            if s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form".as_slice())
                && let Ok(content) = s.decompressed_content()
            {
                scan_content(&content, inks);
            }
        }
        _ => {}
    }
}

fn look_dict(doc: &Document, d: &Dictionary, inks: &mut PdfInks, seen: &mut HashSet<ObjectId>, depth: u32) {
    if d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font".as_slice()) {
        font(doc, d, inks);
    }
    for (k, v) in d.iter() {
        if k == b"Parent" {
            continue;
        }
        look(doc, v, inks, seen, depth + 1);
    }
}

fn deref_dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    doc.dereference(o).ok().and_then(|(_, o)| o.as_dict().ok())
}

fn font(doc: &Document, d: &Dictionary, inks: &mut PdfInks) {
    let name = d
        .get(b"BaseFont")
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_else(|_| "(unnamed font)".into());
    let subtype = d.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
    if subtype == b"Type3" {
        inks.fonts.insert(name);
        return;
    }
    let descriptor = if subtype == b"Type0" {
        d.get(b"DescendantFonts")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref_dict(doc, o))
            .and_then(|f| f.get(b"FontDescriptor").ok())
            .and_then(|o| deref_dict(doc, o))
    } else {
        d.get(b"FontDescriptor").ok().and_then(|o| deref_dict(doc, o))
    };
    let embedded = descriptor.is_some_and(|fd| fd.has(b"FontFile") || fd.has(b"FontFile2") || fd.has(b"FontFile3"));
    if !embedded {
        inks.unembedded_fonts.insert(name.clone());
    }
    inks.fonts.insert(name);
}

/// RGB set in a content stream by `rg`/`RG` (other colour operators refer to resources).
fn scan_content(content: &[u8], inks: &mut PdfInks) {
    let Ok(ops) = lopdf::content::Content::decode(content) else { return };
    for op in &ops.operations {
        match op.operator.as_str() {
            "rg" | "RG" => inks.rgb = true,
            "k" | "K" if op.operands.len() == 4 => {
                let total: f32 = op.operands.iter().filter_map(|o| o.as_float().ok()).sum();
                inks.max_ink = inks.max_ink.max(total * 100.0);
            }
            _ => {}
        }
    }
}

/// What preflight says about a placed PDF `file` under a print or screen preset.
pub fn findings(pdf: &PlacedPdf, file: &str, print: bool, ink_limit: f32) -> Vec<PdfFinding> {
    let file = file.to_string();
    let inks = &pdf.inks;
    let mut out = Vec::new();
    if !inks.unembedded_fonts.is_empty() {
        let fonts = inks.unembedded_fonts.iter().cloned().collect();
        out.push(PdfFinding::FontsNotEmbedded { file: file.clone(), fonts });
    }
    if print && inks.rgb {
        out.push(PdfFinding::Rgb { file: file.clone() });
    }
    if print && inks.max_ink > ink_limit + 0.5 {
        out.push(PdfFinding::InkOver { file: file.clone(), ink: inks.max_ink, limit: ink_limit });
    }
    if print && !inks.spots.is_empty() {
        out.push(PdfFinding::Spots { file, spots: inks.spots.iter().cloned().collect() });
    }
    out
}

/// Preflight findings for a placed PDF on page `page` (1-based) under `preset`.
pub fn preflight(
    page: usize,
    item: &super::frame::ImageItem,
    preset: &crate::render::preset::Preset,
) -> Vec<crate::check::Finding> {
    let Some(pdf) = &item.image.pdf else { return Vec::new() };
    findings(pdf, &item.image.file_name(), preset.is_print(), preset.ink_limit)
        .into_iter()
        .map(|finding| crate::check::Finding {
            page,
            element: item.element.clone(),
            severity: if finding.is_error() { crate::check::Severity::Error } else { crate::check::Severity::Warning },
            problem: crate::check::Problem::PlacedPdf(finding),
        })
        .collect()
}
