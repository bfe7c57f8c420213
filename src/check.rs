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
        // Rule 4: text is never set below 六号 (7.5 pt).
        let mut small: Vec<(&str, f32)> = Vec::new();
        for item in &page.items {
            if let crate::layout::frame::FrameItem::Text(run) = item
                && run.size < MIN_TEXT_PT - 0.01
                && !small.iter().any(|(e, _)| *e == run.element)
            {
                small.push((&run.element, run.size));
            }
        }
        for (element, size) in small {
            out.findings.push(Finding {
                page: p + 1,
                element: element.to_string(),
                message: format!("text at {size} pt is below 六号 (7.5 pt); set it at 六号 or larger"),
            });
        }
    }
    out
}

/// The smallest size text may be set at: 六号.
pub const MIN_TEXT_PT: f32 = 7.5;

/// Copyfit of one story: lines set, characters over (超) or still free (差).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoryFit {
    pub story: String,
    pub lines: usize,
    pub over: usize,
    pub short: usize,
}

/// Copyfit per story, in the order stories first appear on the pages.
pub fn story_fits(pages: &[PageFrame]) -> Vec<StoryFit> {
    let mut out: Vec<StoryFit> = Vec::new();
    for r in pages.iter().flat_map(|p| &p.reports) {
        let Some(story) = &r.story else { continue };
        let i = match out.iter().position(|s| &s.story == story) {
            Some(i) => i,
            None => {
                out.push(StoryFit { story: story.clone(), ..Default::default() });
                out.len() - 1
            }
        };
        out[i].lines += r.lines;
        out[i].over += r.overset_chars;
        out[i].short += r.short_chars;
    }
    out
}

/// 超 N 字 or 差 N 字.
fn fit_label(over: usize, short: usize) -> String {
    if over > 0 { format!("超 {over} 字") } else { format!("差 {short} 字") }
}

/// A human-readable report: each text frame and table with lines and copyfit, each story's
/// copyfit, then the findings.
pub fn describe(pages: &[PageFrame], pre: &Preflight) -> String {
    let mut s = String::new();
    for (p, page) in pages.iter().enumerate() {
        for r in &page.reports {
            if r.kind == "text" {
                let fit = fit_label(r.overset_chars, r.short_chars);
                let _ = writeln!(
                    s,
                    "page {} {:<24} {:>4} lines  overset {}  {fit}",
                    p + 1,
                    r.element,
                    r.lines,
                    r.overset_chars
                );
            } else if r.kind == "table" {
                let _ =
                    writeln!(s, "page {} {:<24} {:>4} lines  overset {}", p + 1, r.element, r.lines, r.overset_chars);
            } else if let Some(ppi) = r.image_ppi {
                let _ = writeln!(s, "page {} {:<24} image {:.0} ppi", p + 1, r.element, ppi);
            }
        }
    }
    for fit in story_fits(pages) {
        let _ = writeln!(s, "story {:<25} {:>4} lines  {}", fit.story, fit.lines, fit_label(fit.over, fit.short));
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
