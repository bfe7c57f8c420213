//! Preflight: what in a laid-out document would print wrong, element by element.

use std::fmt::Write;

use crate::layout::frame::PageFrame;

/// One problem found, with the element it concerns.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub page: usize,
    pub element: String,
    pub message: String,
}

/// The preflight of a whole document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Preflight {
    pub findings: Vec<Finding>,
    /// Total characters overset across all stories.
    pub overset_chars: usize,
}

impl Preflight {
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Collects every report's problems.
pub fn preflight(pages: &[PageFrame]) -> Preflight {
    let mut out = Preflight::default();
    for (p, page) in pages.iter().enumerate() {
        for r in &page.reports {
            let mut add =
                |message: String| out.findings.push(Finding { page: p + 1, element: r.element.clone(), message });
            if r.overset_chars > 0 {
                add(format!(
                    "overset: {} characters do not fit (超 {} 字); enlarge the frame or cut the text",
                    r.overset_chars, r.overset_chars
                ));
            }
            if !r.missing_glyphs.is_empty() {
                let chars: String = r.missing_glyphs.iter().map(|c| format!("{c} (U+{:04X}) ", *c as u32)).collect();
                add(format!("no font has a glyph for: {}; add a font that covers them", chars.trim_end()));
            }
            for f in &r.missing_fonts {
                add(format!("font family \"{f}\" not found; a bundled face was used instead"));
            }
            for e in &r.errors {
                add(e.clone());
            }
            out.overset_chars += r.overset_chars;
        }
    }
    out
}

/// A human-readable report: one line per element with text, then the findings.
pub fn describe(pages: &[PageFrame], pre: &Preflight) -> String {
    let mut s = String::new();
    for (p, page) in pages.iter().enumerate() {
        for r in &page.reports {
            if r.kind == "text" || r.kind == "table" {
                let _ =
                    writeln!(s, "page {} {:<24} {:>4} lines  overset {}", p + 1, r.element, r.lines, r.overset_chars);
            } else if let Some(ppi) = r.image_ppi {
                let _ = writeln!(s, "page {} {:<24} image {:.0} ppi", p + 1, r.element, ppi);
            }
        }
    }
    if pre.is_clean() {
        s.push_str("preflight: clean\n");
    } else {
        let _ = writeln!(s, "preflight: {} problem(s)", pre.findings.len());
        for f in &pre.findings {
            let _ = writeln!(s, "  page {} {}: {}", f.page, f.element, f.message);
        }
    }
    s
}
