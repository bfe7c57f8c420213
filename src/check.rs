//! Preflight: what in a laid-out document would print wrong under an export preset, element by
//! element, each with a hint at the fix (PRINT.md's limits, rule 4's smallest size).

use std::fmt::Write;

use crate::color::Color;
pub use crate::findings::{Problem, RuleKind};
use crate::layout::frame::{FrameItem, PageFrame, PathShape};
use crate::model::Document;
use crate::render::preset::Preset;
use crate::units::PT_PER_MM;

/// How bad a finding is: an error prints visibly wrong (a missing image, a character no font
/// has, a QR code that cannot be encoded) and stops an export unless forced; a warning is for
/// the designer to judge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found, with the element it concerns.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub page: usize,
    pub element: String,
    pub problem: Problem,
    pub severity: Severity,
}

impl Finding {
    /// The problem in English (what the command line prints).
    pub fn message(&self) -> String {
        self.problem.to_string()
    }
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

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Collects every report's problems and checks colours, sizes, rules, images and QR codes
/// against the preset.
pub fn preflight(pages: &[PageFrame], preset: &Preset) -> Preflight {
    let mut out = Preflight::default();
    for (p, page) in pages.iter().enumerate() {
        for r in &page.reports {
            let mut add_as = |severity: Severity, problem: Problem| {
                out.findings.push(Finding { page: p + 1, element: r.element.clone(), problem, severity })
            };
            let mut errors = Vec::new();
            if !r.missing_glyphs.is_empty() {
                errors.push(Problem::MissingGlyphs(r.missing_glyphs.clone()));
            }
            errors.extend(r.errors.iter().cloned().map(Problem::Layout));
            errors.into_iter().for_each(|m| add_as(Severity::Error, m));
            let mut add = |problem: Problem| add_as(Severity::Warning, problem);
            if r.overset_chars > 0 {
                add(Problem::Overset(r.overset_chars));
            }
            for f in &r.missing_fonts {
                add(Problem::MissingFont(f.clone()));
            }
            if let Some(ppi) = r.image_ppi
                && ppi < preset.min_ppi
            {
                add(Problem::LowPpi { ppi, min: preset.min_ppi, preset: preset.name });
            }
            if let Some(qr) = r.qr.filter(|_| preset.is_print()) {
                qr_findings(qr, &mut add);
            }
            out.overset_chars += r.overset_chars;
        }
        let mut page_findings = Vec::new();
        for item in &page.items {
            match item {
                FrameItem::Text(run) => page_findings
                    .extend(text_problems(run.size, run.color, preset).into_iter().map(|m| (run.element.as_str(), m))),
                FrameItem::Path(path) => {
                    let strokes = path.stroke.filter(|(w, _)| *w > 0.0);
                    let colors = path.fill.into_iter().chain(strokes.map(|(_, c)| c));
                    page_findings
                        .extend(colors.filter_map(|c| color_problem(c, preset)).map(|m| (path.element.as_str(), m)));
                    // Lines and stroked boxes (frames, table borders) are rules to a press.
                    if let (PathShape::Line { .. } | PathShape::Rect(_), Some((width, color)), true) =
                        (&path.shape, strokes, preset.is_print())
                    {
                        page_findings.extend(rule_problem(width, color).map(|m| (path.element.as_str(), m)));
                    }
                }
                FrameItem::Image(img) => out.findings.extend(crate::layout::placed_pdf::preflight(p + 1, img, preset)),
            }
        }
        // One finding per element and problem, however many runs or rules show it.
        for (element, problem) in page_findings {
            let finding = Finding { page: p + 1, element: element.to_string(), problem, severity: Severity::Warning };
            if !out.findings.contains(&finding) {
                out.findings.push(finding);
            }
        }
    }
    out
}

/// The preflight of `pages` (see `preflight`) and of the document they were laid out from
/// (see `document_findings`): what the command line's check, export and render report.
pub fn preflight_document(doc: &Document, pages: &[PageFrame], preset: &Preset) -> Preflight {
    let mut out = preflight(pages, preset);
    out.findings.extend(document_findings(doc));
    out
}

/// The smallest page side that prints as a page, mm.
pub const MIN_PAGE_MM: f32 = 10.0;
/// Leading (line pitch) under this fraction of the type size sets lines on top of each other.
pub const MIN_LEADING_RATIO: f32 = 0.5;

/// What would print wrong that the laid-out pages do not show: a page too small to be one
/// (error), leading so tight that lines overprint (error), an element wholly off its page
/// (warning: it does not print).
pub fn document_findings(doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    for (p, page) in doc.pages.iter().enumerate() {
        let (w, h) = (page.width / PT_PER_MM, page.height / PT_PER_MM);
        if w < MIN_PAGE_MM || h < MIN_PAGE_MM {
            out.push(Finding {
                page: p + 1,
                element: "(page)".into(),
                problem: Problem::PageTooSmall { index: p, w, h, min: MIN_PAGE_MM },
                severity: Severity::Error,
            });
        }
        if let Some(grid) = &page.baseline
            && grid.line_pitch < grid.font_size * MIN_LEADING_RATIO
        {
            out.push(Finding {
                page: p + 1,
                element: "(page)".into(),
                problem: Problem::GridLeading { index: p, leading: grid.line_pitch, size: grid.font_size },
                severity: Severity::Error,
            });
        }
        let bleed = page.bleed;
        for el in page.elements.iter().filter(|e| !e.hidden) {
            let f = el.frame;
            if f.x >= page.width + bleed || f.y >= page.height + bleed || f.x + f.w <= -bleed || f.y + f.h <= -bleed {
                out.push(Finding {
                    page: p + 1,
                    element: el.id.clone(),
                    problem: Problem::OffPage,
                    severity: Severity::Warning,
                });
            }
        }
    }
    for (s, story) in doc.stories.iter().enumerate() {
        let Some(frame) = story.frames.first() else { continue };
        let page = doc.pages.iter().position(|pg| pg.elements.iter().any(|e| &e.id == frame)).map_or(1, |p| p + 1);
        let tight: Vec<(usize, f32, f32)> = story
            .paragraphs
            .iter()
            .enumerate()
            .map(|(i, para)| (i, doc.styles.resolve(para.style.as_deref(), &para.overrides)))
            .filter(|(_, style)| style.leading < style.size * MIN_LEADING_RATIO)
            .map(|(i, style)| (i, style.leading, style.size))
            .collect();
        if let Some(&(i, leading, size)) = tight.first() {
            out.push(Finding {
                page,
                element: frame.clone(),
                problem: Problem::TightLeading {
                    story: story.id.clone(),
                    story_index: s,
                    paragraph: i,
                    more: tight.len() - 1,
                    leading,
                    size,
                },
                severity: Severity::Error,
            });
        }
    }
    out
}

/// QR codes in print (PRINT.md): modules of at least 0.5 mm, a quiet zone of 4 modules, one ink.
fn qr_findings(qr: crate::layout::frame::QrReport, add: &mut impl FnMut(Problem)) {
    let module_mm = qr.module_pt / PT_PER_MM;
    if module_mm < MIN_QR_MODULE_MM - 1e-3 {
        add(Problem::QrModuleSmall { mm: module_mm, min: MIN_QR_MODULE_MM });
    }
    if qr.quiet_zone < 4 {
        add(Problem::QrQuietZone(qr.quiet_zone));
    }
    if qr.color.inks() > 1 {
        add(Problem::QrInks);
    }
}

/// Text size and colour against rule 4 and PRINT.md's minimum sizes.
fn text_problems(size: f32, color: Color, preset: &Preset) -> Vec<Problem> {
    let mut out = Vec::new();
    if size < MIN_TEXT_PT - 0.01 {
        out.push(Problem::TextTooSmall { pt: size });
    }
    if preset.is_print() {
        if color.is_paper() && size < MIN_MULTI_INK_PT - 0.01 {
            out.push(Problem::ReversedTooSmall { pt: size, min: MIN_MULTI_INK_PT });
        } else if color.inks() > 1 && size < MIN_MULTI_INK_PT - 0.01 {
            out.push(Problem::MultiInkTooSmall { pt: size, inks: color.inks(), min: MIN_MULTI_INK_PT });
        }
        if color.is_multi_ink_black() {
            out.push(Problem::RichBlackText);
        }
    }
    out.extend(color_problem(color, preset));
    out
}

/// A colour a print preset would have to change or cannot print: RGB, or ink over the limit.
fn color_problem(color: Color, preset: &Preset) -> Option<Problem> {
    if !preset.is_print() {
        return None;
    }
    if let Color::Rgb { .. } = color {
        return Some(Problem::RgbColor {
            rgb: describe_color(color),
            print: describe_color(color.for_print(preset.ink_limit)),
        });
    }
    let ink = color.total_ink();
    (ink > preset.ink_limit + 0.01).then(|| Problem::InkOver {
        color: describe_color(color),
        ink,
        preset: preset.name,
        limit: preset.ink_limit,
    })
}

/// Rules (PRINT.md): four-colour ≥ 1.5 pt, tinted single-colour ≥ 1 pt, solid ≥ 0.25 pt.
fn rule_problem(width: f32, color: Color) -> Option<Problem> {
    let (min, kind) = if color.inks() > 1 {
        (1.5, RuleKind::MultiInk)
    } else if color.total_ink() < 99.99 {
        (1.0, RuleKind::Tinted)
    } else {
        (0.25, RuleKind::Solid)
    };
    (width < min - 1e-3).then_some(Problem::ThinRule { kind, width, min })
}

fn describe_color(c: Color) -> String {
    match c {
        Color::Cmyk { c, m, y, k } => format!("C{c} M{m} Y{y} K{k}"),
        Color::Gray(k) => format!("K{k} (grey)"),
        Color::Rgb { r, g, b } => format!("#{r:02x}{g:02x}{b:02x}"),
    }
}

/// The smallest QR module that scans reliably on newsprint.
pub const MIN_QR_MODULE_MM: f32 = 0.5;
/// Smallest type in more than one ink, and reversed (white) type.
pub const MIN_MULTI_INK_PT: f32 = 10.0;

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

/// Where an element is in the layout file, as a JSON path.
pub fn element_path(doc: &Document, id: &str) -> Option<String> {
    doc.pages.iter().enumerate().find_map(|(p, page)| {
        page.elements.iter().position(|e| e.id == id).map(|e| format!("pages[{p}].elements[{e}]"))
    })
}

/// One finding on one line: severity, page, element, message, and the element's JSON path.
pub fn finding_line(f: &Finding, doc: &Document) -> String {
    let severity = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let path = element_path(doc, &f.element).map(|p| format!(" [at {p}]")).unwrap_or_default();
    format!("{severity}: page {} {}: {}{path}", f.page, f.element, f.message())
}

/// A human-readable report: each text frame and table with lines and copyfit, each story's
/// copyfit, then the findings.
pub fn describe(doc: &Document, pages: &[PageFrame], pre: &Preflight) -> String {
    let mut s = String::new();
    for (p, page) in pages.iter().enumerate() {
        for r in &page.reports {
            if r.kind == "text" {
                // 差 is the chain's last frame's; a frame before it is full and its text flows on.
                let chain = doc.story_of_frame(&r.element).map(|(story, i)| i + 1 < story.frames.len());
                let fit = match chain {
                    None => "no story".to_string(),
                    Some(true) if r.overset_chars == 0 => "flows on".to_string(),
                    Some(_) => fit_label(r.overset_chars, r.short_chars),
                };
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
            let _ = writeln!(s, "  {}", finding_line(f, doc));
        }
    }
    s
}
