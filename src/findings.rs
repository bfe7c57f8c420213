//! What the preflight finds, typed: each kind of problem with its figures. `Display` gives the
//! English text the command line prints; the editor words them in its own language
//! (`app::i18n::problem_text`).

/// Which kind of rule is too thin (PRINT.md: four-colour ≥ 1.5 pt, tinted ≥ 1 pt, solid ≥ 0.25).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleKind {
    MultiInk,
    Tinted,
    Solid,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Characters no font has.
    MissingGlyphs(Vec<char>),
    /// What the layout engine reported (an image that cannot be read, a QR code that cannot be
    /// encoded…).
    Layout(crate::layout::problem::LayoutProblem),
    /// 超 N 字.
    Overset(usize),
    MissingFont(String),
    LowPpi {
        ppi: f32,
        min: f32,
        preset: &'static str,
    },
    QrModuleSmall {
        mm: f32,
        min: f32,
    },
    QrQuietZone(u32),
    QrInks,
    TextTooSmall {
        pt: f32,
    },
    ReversedTooSmall {
        pt: f32,
        min: f32,
    },
    MultiInkTooSmall {
        pt: f32,
        inks: usize,
        min: f32,
    },
    RichBlackText,
    /// An RGB colour, and the CMYK it becomes for print.
    RgbColor {
        rgb: String,
        print: String,
    },
    InkOver {
        color: String,
        ink: f32,
        preset: &'static str,
        limit: f32,
    },
    ThinRule {
        kind: RuleKind,
        width: f32,
        min: f32,
    },
    PageTooSmall {
        index: usize,
        w: f32,
        h: f32,
        min: f32,
    },
    GridLeading {
        index: usize,
        leading: f32,
        size: f32,
    },
    OffPage,
    TightLeading {
        story: String,
        story_index: usize,
        paragraph: usize,
        more: usize,
        leading: f32,
        size: f32,
    },
    /// A placed PDF's problem.
    PlacedPdf(crate::layout::placed_pdf::PdfFinding),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::MissingGlyphs(chars) => {
                let list: Vec<String> = chars.iter().map(|c| format!("{c} (U+{:04X})", *c as u32)).collect();
                write!(f, "no font has a glyph for: {}; add a font that covers them", list.join(" "))
            }
            Problem::Layout(p) => p.fmt(f),
            Problem::PlacedPdf(p) => p.fmt(f),
            Problem::Overset(n) => {
                write!(f, "overset: {n} characters do not fit (超 {n} 字); enlarge the frame or cut the text")
            }
            Problem::MissingFont(family) => {
                write!(f, "font family \"{family}\" not found; a bundled face was used instead")
            }
            Problem::LowPpi { ppi, min, preset } => write!(
                f,
                "image at {ppi:.0} ppi effective, below the {preset} preset's {min:.0} ppi; place it smaller or use a larger original"
            ),
            Problem::QrModuleSmall { mm, min } => write!(
                f,
                "QR modules are {mm:.2} mm, under {min} mm (phones misread them on newsprint); make the code larger or the payload shorter"
            ),
            Problem::QrQuietZone(n) => write!(f, "QR quiet zone is {n} modules, under 4; set quiet_zone to 4"),
            Problem::QrInks => {
                f.write_str("QR code printed in more than one ink (misregistration blurs it); print it in K 100")
            }
            Problem::TextTooSmall { pt } => {
                write!(f, "text at {pt} pt is below 六号 (7.5 pt); set it at 六号 or larger")
            }
            Problem::ReversedTooSmall { pt, min } => {
                write!(f, "reversed (white) text at {pt} pt is below {min} pt; set it larger or in black")
            }
            Problem::MultiInkTooSmall { pt, inks, min } => write!(
                f,
                "text at {pt} pt in {inks} inks is below {min} pt (misregistration blurs it); set it larger or in one ink"
            ),
            Problem::RichBlackText => f.write_str("text in four-colour (rich) black; set text in K 100 only"),
            Problem::RgbColor { rgb, print } => {
                write!(f, "RGB colour {rgb} is converted to {print} for print; give it in CMYK to control the inks")
            }
            Problem::InkOver { color, ink, preset, limit } => write!(
                f,
                "{color} is {ink:.0} % ink, over the {preset} preset's {limit:.0} %; lower cyan, magenta or yellow"
            ),
            Problem::ThinRule { kind, width, min } => {
                let what = match kind {
                    RuleKind::MultiInk => "a rule in more than one ink",
                    RuleKind::Tinted => "a tinted rule",
                    RuleKind::Solid => "a solid rule",
                };
                write!(f, "{what} of {width} pt is under {min} pt; make it heavier")
            }
            Problem::PageTooSmall { index, w, h, min } => write!(
                f,
                "the page (pages[{index}].size) is {w:.3} × {h:.3} mm, under {min} mm a side; give it its real size"
            ),
            Problem::GridLeading { index, leading, size } => write!(
                f,
                "the body grid's leading (pages[{index}].baseline.leading) {leading} pt is under half its {size} pt size: lines would print on top of each other"
            ),
            Problem::OffPage => f.write_str(
                "the element lies wholly off the page and will not print; move it onto the page or delete it",
            ),
            Problem::TightLeading { story, story_index, paragraph, more, leading, size } => {
                let more = match more {
                    0 => String::new(),
                    n => format!(" (and {n} more paragraphs)"),
                };
                write!(
                    f,
                    "story {story}, paragraph {} (stories[{story_index}].paragraphs[{paragraph}]){more}: leading {leading} pt is under half the {size} pt size, so its lines would print on top of each other; set the leading to at least {} pt (body text takes 1.2 to 1.6 times the size)",
                    paragraph + 1,
                    size * crate::check::MIN_LEADING_RATIO
                )
            }
        }
    }
}
