//! Pictures in frames: raster images decoded once with limits (files capped before reading,
//! huge images downsampled to what print needs, truncated JPEGs refused), and placed PDF pages
//! (`placed_pdf`). Each is placed by its fit mode or by its content transform (scale and
//! offset inside the frame, clipped to it), with its effective resolution.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::placed_pdf::PlacedPdf;
use crate::model::{ImageElement, ImageFit};
use crate::units::Rect;

/// Largest image accepted, in pixels per side and in decoded bytes (a decompression bomb is refused).
const MAX_SIDE: u32 = 20_000;
const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// Largest file read as an image or a placed PDF.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Pixels kept of a decoded image: larger ones are downsampled to this (about 6000 × 6000, over
/// 360 ppi across an A3 page — more than any press here needs).
pub const MAX_KEEP_PIXELS: u64 = 36_000_000;

/// A decoded image (or a placed PDF page) and the bytes it came from.
#[derive(Debug)]
pub struct LoadedImage {
    pub path: PathBuf,
    /// The file's bytes (JPEG files go into the PDF as they are); empty when not needed.
    pub bytes: Vec<u8>,
    /// Colour components of a JPEG that can go into the PDF as it is (1 grey, 3 RGB); `None`
    /// for other images and for CMYK JPEGs (re-encoded losslessly instead).
    pub jpeg_components: Option<u8>,
    pub width: u32,
    pub height: u32,
    /// RGBA pixels for previews and lossless PDF embedding (a placed PDF: one grey pixel).
    pub rgba: image::RgbaImage,
    /// The pixel size of the file when it was downsampled on reading.
    pub original_size: Option<(u32, u32)>,
    /// A placed PDF page (then `rgba` is only a placeholder).
    pub pdf: Option<PlacedPdf>,
}

impl LoadedImage {
    /// The picture's size at 100 %, pt: a pixel to a point, a PDF page's box as it is.
    pub fn natural_size(&self) -> (f32, f32) {
        match &self.pdf {
            Some(pdf) => pdf.size(),
            None => (self.width.max(1) as f32, self.height.max(1) as f32),
        }
    }

    /// The file's name, for labels and messages.
    pub fn file_name(&self) -> String {
        self.path.file_name().map_or_else(|| self.path.display().to_string(), |n| n.to_string_lossy().into_owned())
    }
}

/// Why a picture cannot be placed, with its path and figures.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImageError {
    #[error("image {0}: not found")]
    Missing(PathBuf),
    /// The system's words for why it cannot be read.
    #[error("image {path}: {message}")]
    Unreadable { path: PathBuf, message: String },
    #[error("image {0}: not a regular file")]
    NotRegularFile(PathBuf),
    /// `size_mb` is `None` when the file grew past the cap while it was read.
    #[error("image {path}: the file is {}more than {max_mb} MB", size_mb.map_or(String::new(), |mb| format!("{mb} MB, ")))]
    FileTooLarge { path: PathBuf, size_mb: Option<u64>, max_mb: u64 },
    #[error(
        "image {0}: the JPEG is truncated or damaged (its data ends before the image does); ask for the file again"
    )]
    JpegTruncated(PathBuf),
    #[error(
        "image {path}: too large to decode (more than {max_mb} MB of pixels or {max_side} px a side); scale it down first"
    )]
    TooManyPixels { path: PathBuf, max_mb: u64, max_side: u32 },
    /// Its contents are none of the formats read (PNG, JPEG, PDF).
    #[error("image {0}: not a PNG, JPEG or PDF file; export or save it as one of those")]
    NotAnImage(PathBuf),
    /// The decoder's own words.
    #[error("image {path}: cannot decode: {message}")]
    Undecodable { path: PathBuf, message: String },
    #[error("image {path}: {error}")]
    Pdf { path: PathBuf, error: super::placed_pdf::PdfLoadError },
}

/// Reads a file as an image or, for a PDF, its page `page` (from 1), with size limits.
pub fn load_image_page(path: &Path, page: u32) -> Result<LoadedImage, ImageError> {
    let path_buf = || path.to_path_buf();
    let bytes = read_capped(path)?;
    let format = match open(path, &bytes, page)? {
        Opened::Raster(format) => format,
        Opened::Pdf(pdf) => {
            let (w, h) = pdf.size();
            return Ok(LoadedImage {
                path: path.into(),
                bytes: Vec::new(),
                jpeg_components: None,
                width: w.round().max(1.0) as u32,
                height: h.round().max(1.0) as u32,
                rgba: image::RgbaImage::from_pixel(1, 1, image::Rgba([204, 204, 204, 255])),
                original_size: None,
                pdf: Some(*pdf),
            });
        }
    };
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(&bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let is_jpeg = format == image::ImageFormat::Jpeg;
    let decoded = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => {
            ImageError::TooManyPixels { path: path_buf(), max_mb: MAX_ALLOC >> 20, max_side: MAX_SIDE }
        }
        e => ImageError::Undecodable { path: path_buf(), message: e.to_string() },
    })?;
    let (w, h) = (decoded.width(), decoded.height());
    let (decoded, original_size) = if w as u64 * h as u64 > MAX_KEEP_PIXELS {
        let f = (MAX_KEEP_PIXELS as f64 / (w as f64 * h as f64)).sqrt();
        let (nw, nh) = (((w as f64 * f) as u32).max(1), ((h as f64 * f) as u32).max(1));
        (decoded.thumbnail_exact(nw, nh), Some((w, h)))
    } else {
        (decoded, None)
    };
    let jpeg_components = match decoded.color() {
        _ if original_size.is_some() => None,
        image::ColorType::L8 if is_jpeg => Some(1),
        image::ColorType::Rgb8 if is_jpeg => Some(3),
        _ => None,
    };
    let bytes = if jpeg_components.is_some() { bytes } else { Vec::new() };
    let rgba = decoded.to_rgba8();
    Ok(LoadedImage {
        path: path.into(),
        width: rgba.width(),
        height: rgba.height(),
        bytes,
        jpeg_components,
        rgba,
        original_size,
        pdf: None,
    })
}

/// Reads and decodes an image (a PDF: its first page) with size limits.
pub fn load_image(path: &Path) -> Result<LoadedImage, ImageError> {
    load_image_page(path, 1)
}

/// A picture file's bytes, refused above `MAX_FILE_BYTES` (devices, FIFOs and /proc files are
/// never read), with the refusal as an image error.
/// Whether `path` is a file that can be placed, judged from its header (quick: the pixels are
/// not decoded): a PDF with a first page, or an image of a format that is read, whose size the
/// decoder takes. A picture damaged further in shows as such once laid out.
pub fn probe(path: &Path) -> Result<(), ImageError> {
    let bytes = read_capped(path)?;
    match open(path, &bytes, 1)? {
        Opened::Pdf(_) => Ok(()),
        Opened::Raster(format) => image::ImageReader::with_format(std::io::Cursor::new(&bytes), format)
            .into_dimensions()
            .map(|_| ())
            .map_err(|e| ImageError::Undecodable { path: path.into(), message: e.to_string() }),
    }
}

/// A placeable file as its first bytes tell: a PDF (its page `page` loaded), or a raster
/// image of a format that is read.
enum Opened {
    Pdf(Box<super::placed_pdf::PlacedPdf>),
    Raster(image::ImageFormat),
}

/// What `bytes`, read from `path`, are: refused when no format that is read, or a JPEG cut
/// off before its end.
fn open(path: &Path, bytes: &[u8], page: u32) -> Result<Opened, ImageError> {
    if bytes.starts_with(b"%PDF-") || path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
        let pdf = super::placed_pdf::load(bytes, page).map_err(|error| ImageError::Pdf { path: path.into(), error })?;
        return Ok(Opened::Pdf(Box::new(pdf)));
    }
    let format = image::guess_format(bytes).map_err(|_| ImageError::NotAnImage(path.into()))?;
    if format == image::ImageFormat::Jpeg && jpeg_truncated(bytes) {
        return Err(ImageError::JpegTruncated(path.into()));
    }
    Ok(Opened::Raster(format))
}

fn read_capped(path: &Path) -> Result<Vec<u8>, ImageError> {
    use crate::io::FileRefusal as R;
    let max_mb = MAX_FILE_BYTES >> 20;
    crate::io::read_regular(path, MAX_FILE_BYTES).map_err(|e| match (e.kind(), R::of(&e)) {
        (std::io::ErrorKind::NotFound, _) => ImageError::Missing(path.into()),
        (_, Some(R::NotRegular(_) | R::SystemFile(_) | R::Swapped)) => ImageError::NotRegularFile(path.into()),
        (_, Some(R::TooLarge { mb, .. })) => ImageError::FileTooLarge { path: path.into(), size_mb: Some(*mb), max_mb },
        (_, Some(R::GrewTooLarge { .. })) => ImageError::FileTooLarge { path: path.into(), size_mb: None, max_mb },
        _ => ImageError::Unreadable { path: path.into(), message: e.to_string() },
    })
}

/// Whether a JPEG's segments end before its end-of-image marker (a cut-off file: decoders
/// fill the rest grey without a word).
fn jpeg_truncated(b: &[u8]) -> bool {
    if !b.starts_with(&[0xFF, 0xD8]) {
        return true;
    }
    let mut i = 2;
    loop {
        while i < b.len() && b[i] != 0xFF {
            i += 1;
        }
        while i < b.len() && b[i] == 0xFF {
            i += 1;
        }
        let Some(&marker) = b.get(i) else { return true };
        i += 1;
        match marker {
            0xD9 => return false,
            0x01 | 0xD0..=0xD7 => {}
            _ => {
                let Some(len) = b.get(i..i + 2).map(|l| u16::from_be_bytes([l[0], l[1]]) as usize) else {
                    return true;
                };
                if len < 2 || i + len > b.len() {
                    return true;
                }
                i += len;
                if marker == 0xDA {
                    // Entropy-coded data runs to the next marker that is not a stuffed byte or a restart.
                    loop {
                        let (Some(&x), Some(&y)) = (b.get(i), b.get(i + 1)) else { return true };
                        if x == 0xFF && y != 0x00 && y != 0xFF && !(0xD0..=0xD7).contains(&y) {
                            break;
                        }
                        i += 1;
                    }
                }
            }
        }
    }
}

/// Where an image of `w × h` pixels lands in `frame` for a fit mode.
pub fn place(frame: Rect, w: u32, h: u32, fit: ImageFit) -> Rect {
    place_size(frame, (w.max(1) as f32, h.max(1) as f32), fit)
}

/// Where a picture of natural size `size` (pt) lands in `frame` for a fit mode (centred).
pub fn place_size(frame: Rect, size: (f32, f32), fit: ImageFit) -> Rect {
    let (iw, ih) = (size.0.max(1e-3), size.1.max(1e-3));
    match fit {
        ImageFit::Stretch => frame,
        ImageFit::Fit | ImageFit::Fill => {
            let sx = frame.w / iw;
            let sy = frame.h / ih;
            let s = if fit == ImageFit::Fit { sx.min(sy) } else { sx.max(sy) };
            let (dw, dh) = (iw * s, ih * s);
            Rect::new(frame.x + (frame.w - dw) / 2.0, frame.y + (frame.h - dh) / 2.0, dw, dh)
        }
    }
}

/// Where the picture lands for the element's content transform: sized by `scale` (percent of
/// `natural`) or else by `fit`, centred, then moved by `offset`. The frame clips it.
pub fn place_content(frame: Rect, natural: (f32, f32), img: &ImageElement) -> Rect {
    let base = match img.scale {
        Some(pct) => {
            let (w, h) = (natural.0 * pct / 100.0, natural.1 * pct / 100.0);
            Rect::new(frame.x + (frame.w - w) / 2.0, frame.y + (frame.h - h) / 2.0, w, h)
        }
        None => place_size(frame, natural, img.fit),
    };
    Rect::new(base.x + img.offset.0, base.y + img.offset.1, base.w, base.h)
}

/// Effective resolution in pixels per inch of an image drawn into `rect` (the lower axis).
pub fn effective_ppi(img: &LoadedImage, rect: Rect) -> f32 {
    let inch_w = rect.w / 72.0;
    let inch_h = rect.h / 72.0;
    (img.width as f32 / inch_w).min(img.height as f32 / inch_h)
}

/// Shared handle used in frames.
pub type SharedImage = Arc<LoadedImage>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_and_fill_keep_aspect() {
        let frame = Rect::new(0.0, 0.0, 100.0, 50.0);
        let fit = place(frame, 200, 200, ImageFit::Fit);
        assert_eq!((fit.w, fit.h, fit.x), (50.0, 50.0, 25.0));
        let fill = place(frame, 200, 200, ImageFit::Fill);
        assert_eq!((fill.w, fill.h, fill.y), (100.0, 100.0, -25.0));
        assert_eq!(place(frame, 10, 90, ImageFit::Stretch), frame);
    }

    #[test]
    fn content_transform_scales_and_moves() {
        let frame = Rect::new(0.0, 0.0, 100.0, 50.0);
        let mut el = ImageElement { path: "a.png".into(), scale: Some(50.0), ..Default::default() };
        let r = place_content(frame, (400.0, 200.0), &el);
        assert_eq!((r.x, r.y, r.w, r.h), (-50.0, -25.0, 200.0, 100.0));
        el.offset = (10.0, -5.0);
        let r = place_content(frame, (400.0, 200.0), &el);
        assert_eq!((r.x, r.y), (-40.0, -30.0));
        el.scale = None;
        el.fit = ImageFit::Fill;
        el.offset = (0.0, 0.0);
        assert_eq!(place_content(frame, (400.0, 200.0), &el), Rect::new(0.0, 0.0, 100.0, 50.0));
    }

    #[test]
    fn truncated_jpeg_is_seen() {
        let mut jpeg = Vec::new();
        let img = image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8 * 4, y as u8 * 4, 128]));
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut std::io::Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
            .unwrap();
        assert!(!jpeg_truncated(&jpeg));
        assert!(jpeg_truncated(&jpeg[..jpeg.len() * 2 / 3]));
        assert!(jpeg_truncated(&jpeg[..jpeg.len() - 2]));
    }

    #[test]
    fn a_probe_tells_a_placeable_file_from_the_rest_by_its_header() {
        let dir = std::env::temp_dir().join(format!("paiban-probe-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let png = dir.join("ok.png");
        image::RgbImage::from_pixel(8, 8, image::Rgb([1, 2, 3])).save(&png).unwrap();
        assert_eq!(probe(&png), Ok(()));
        let text = dir.join("notes.png");
        std::fs::write(&text, "not a picture").unwrap();
        assert_eq!(probe(&text), Err(ImageError::NotAnImage(text.clone())));
        let gone = dir.join("gone.jpg");
        assert_eq!(probe(&gone), Err(ImageError::Missing(gone.clone())));
        let mut jpeg = Vec::new();
        image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(64, 64, image::Rgb([9, 9, 9])))
            .write_to(&mut std::io::Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
            .unwrap();
        let cut = dir.join("cut.jpg");
        std::fs::write(&cut, &jpeg[..jpeg.len() / 2]).unwrap();
        assert_eq!(probe(&cut), Err(ImageError::JpegTruncated(cut.clone())));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
