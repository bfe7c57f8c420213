//! paiban (排版): page layout for Chinese print.
//!
//! The crate is one pipeline (see `docs/` and the module docs):
//!
//! ```text
//! layouts/*.json ─io::load─▶ model::Document ─layout::layout_document─▶ PageFrame
//!                                                    │ ─▶ render::pdf (printpdf)
//!                                                    └─▶ render::png (tiny-skia)
//! ```
//!
//! The layout engine knows nothing of any painter; painters never shape text.

#[cfg(feature = "editor")]
pub mod app;
pub mod check;
pub mod color;
pub mod compose;
pub mod edit;
pub mod findings;
pub mod fonts;
pub mod import;
pub mod io;
pub mod layout;
pub mod model;
pub mod render;
pub mod units;

pub use fonts::FontBook;
pub use model::Document;
