//! Painters of laid-out pages: PDF for print, PNG for previews and tests; the export presets
//! and page boxes they follow.

pub mod edition;
pub mod form;
pub mod marks;
pub mod pdf;
pub mod pdfx;
pub mod png;
pub mod preset;
pub mod sprites;
