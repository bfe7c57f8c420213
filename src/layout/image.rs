//! Raster images: decoded once with limits, placed by fit mode, with their effective resolution.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::ImageFit;
use crate::units::Rect;

/// Largest image accepted, in pixels per side and in total (a decompression bomb is refused).
const MAX_SIDE: u32 = 20_000;
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// A decoded image and the bytes it came from.
#[derive(Debug)]
pub struct LoadedImage {
    pub path: PathBuf,
    /// The file's bytes (JPEG files go into the PDF as they are).
    pub bytes: Vec<u8>,
    /// Colour components of a JPEG that can go into the PDF as it is (1 grey, 3 RGB); `None`
    /// for other images and for CMYK JPEGs (re-encoded losslessly instead).
    pub jpeg_components: Option<u8>,
    pub width: u32,
    pub height: u32,
    /// RGBA pixels for previews and lossless PDF embedding.
    pub rgba: image::RgbaImage,
}

#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("image {0}: not found")]
    Missing(PathBuf),
    #[error("image {path}: {message}")]
    Bad { path: PathBuf, message: String },
}

/// Reads and decodes an image with size limits.
pub fn load_image(path: &Path) -> Result<LoadedImage, ImageError> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ImageError::Missing(path.into()),
        _ => ImageError::Bad { path: path.into(), message: e.to_string() },
    })?;
    let bad = |message: String| ImageError::Bad { path: path.into(), message };
    let mut reader =
        image::ImageReader::new(std::io::Cursor::new(&bytes)).with_guessed_format().map_err(|e| bad(e.to_string()))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let is_jpeg = reader.format() == Some(image::ImageFormat::Jpeg);
    let decoded = reader.decode().map_err(|e| bad(e.to_string()))?;
    let jpeg_components = match decoded.color() {
        image::ColorType::L8 if is_jpeg => Some(1),
        image::ColorType::Rgb8 if is_jpeg => Some(3),
        _ => None,
    };
    let rgba = decoded.to_rgba8();
    Ok(LoadedImage { path: path.into(), width: rgba.width(), height: rgba.height(), bytes, jpeg_components, rgba })
}

/// Where an image of `w × h` pixels lands in `frame` for a fit mode: (image rect, clip rect).
pub fn place(frame: Rect, w: u32, h: u32, fit: ImageFit) -> Rect {
    let (iw, ih) = (w.max(1) as f32, h.max(1) as f32);
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
}
