//! What can go wrong laying out one element that would print wrong, typed with its figures:
//! `Display` gives the command line's English; the editor words it in its own language.

use super::image::ImageError;

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LayoutProblem {
    /// A picture (or placed PDF) that cannot be read.
    #[error(transparent)]
    Image(#[from] ImageError),
    /// A QR payload the symbol cannot hold or encode.
    #[error("QR payload cannot be encoded: {0}")]
    QrEncode(qrcode::types::QrError),
    /// A table whose rows need more height than its frame has.
    #[error("the table is {over_mm:.1} mm taller than its frame")]
    TableTaller { over_mm: f32 },
    /// A jump line that does not fit its column on one line, even set smaller.
    #[error(
        "the jump line {text} does not fit its {column_mm:.1} mm column on one line, even at {least_percent}% size; widen the column or shorten the page label"
    )]
    JumpLineTooLong { text: String, column_mm: f32, least_percent: u32 },
}
