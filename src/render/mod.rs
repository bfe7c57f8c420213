//! Painters of laid-out pages: PDF for print, PNG for previews and tests.

pub mod pdf;
pub mod png;
