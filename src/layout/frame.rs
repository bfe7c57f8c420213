//! The laid-out page: positioned glyph runs, paths and images, plus what went wrong where.
//! Every painter (PDF, PNG, the editor's canvas) draws exactly these items and nothing else.

use std::sync::Arc;

use crate::color::Color;
use crate::fonts::FontId;
use crate::units::Rect;

/// One page, ready to paint. Coordinates in pt, origin top-left, y down.
#[derive(Clone, Debug, Default)]
pub struct PageFrame {
    pub width: f32,
    pub height: f32,
    pub bleed: f32,
    pub items: Vec<FrameItem>,
    /// One report per element that lays out text (and per image).
    pub reports: Vec<ElementReport>,
    /// Every line set in a text frame, with its measure (for composition checks and copyfit).
    pub lines: Vec<LineInfo>,
    /// Where the caret can stand on each line set from a story (the editor's hit-testing,
    /// caret and selection all read this).
    pub carets: Vec<CaretLine>,
}

/// A line set from a story, as the caret sees it: where each character boundary lies.
#[derive(Clone, Debug, PartialEq)]
pub struct CaretLine {
    pub element: String,
    /// The paragraph of the story the line was set from.
    pub paragraph: usize,
    /// (character offset in the paragraph, position along the line in pt), in text order: the
    /// line's first character, each further piece, and the line's end. Along the line is x for
    /// horizontal lines, y for vertical ones.
    pub stops: Vec<(usize, f32)>,
    /// The column's extent along the line (a point beside a short line still hits it).
    pub column: (f32, f32),
    pub vertical: bool,
    /// Across the line: its baseline (horizontal) or its centre x (vertical).
    pub cross: f32,
    /// The line's type size.
    pub size: f32,
}

impl CaretLine {
    /// The first and last character offsets on the line.
    pub fn span(&self) -> (usize, usize) {
        (self.stops.first().map_or(0, |s| s.0), self.stops.last().map_or(0, |s| s.0))
    }
}

/// Where a line of a text frame was set: its boxes' extent, the measure, how it was aligned.
#[derive(Clone, Debug, PartialEq)]
pub struct LineInfo {
    pub element: String,
    pub line: u32,
    pub baseline: f32,
    /// Left edge of the first box and right edge of the last, pt.
    pub left: f32,
    pub right: f32,
    /// The measure's edges (column less indent).
    pub measure_left: f32,
    pub measure_right: f32,
    /// Set justified (spread to the measure).
    pub justified: bool,
    /// The last line of its paragraph.
    pub paragraph_end: bool,
    pub text: String,
}

#[derive(Clone, Debug)]
pub enum FrameItem {
    Text(GlyphRun),
    Path(PathItem),
    Image(ImageItem),
}

/// Glyphs of one font, size and colour on one baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct GlyphRun {
    pub font: FontId,
    pub size: f32,
    pub color: Color,
    pub baseline: f32,
    pub glyphs: Vec<PlacedGlyph>,
    /// The element this run belongs to.
    pub element: String,
    /// Which line of the element it is on (runs of one line share it).
    pub line: u32,
    /// The whole line's text as the copy has it (its spaces included, invisible characters
    /// left out), shared by the runs of one line: what copying the line out of a PDF gives.
    pub line_text: std::sync::Arc<str>,
}

impl GlyphRun {
    /// The run's source text (what ToUnicode and pdftotext give back).
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlacedGlyph {
    pub id: u16,
    /// Pen position (glyph origin) in pt.
    pub x: f32,
    /// Vertical offset up from the run's baseline.
    pub dy: f32,
    /// Horizontal scale (1 for nearly everything).
    pub scale_x: f32,
    /// The glyph's advance at scale 1, in pt.
    pub advance: f32,
    /// The characters this glyph stands for ("" for further glyphs of one cluster).
    pub text: String,
    /// The composition box this glyph's character occupies: left edge and width in pt (the
    /// engine's width, e.g. ½ em for a trimmed mark; 0 for further glyphs of one cluster).
    pub box_x: f32,
    pub box_w: f32,
    /// Turned 90° clockwise (Western text in a vertical line).
    pub rotated: bool,
}

/// One set line of text as it appears on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct TextLine {
    pub element: String,
    pub baseline: f32,
    /// Left of the first glyph and right of the last glyph's advance, in pt.
    pub x0: f32,
    pub x1: f32,
    pub size: f32,
    pub text: String,
}

impl PageFrame {
    /// The page's lines of text in paint order (each element's lines in reading order).
    pub fn text_lines(&self) -> Vec<TextLine> {
        let mut out: Vec<(u32, TextLine)> = Vec::new();
        for item in &self.items {
            let FrameItem::Text(run) = item else { continue };
            let (Some(first), Some(last)) = (run.glyphs.first(), run.glyphs.last()) else {
                continue;
            };
            let right = last.x + last.advance * last.scale_x;
            match out.last_mut() {
                Some((line, l)) if *line == run.line && l.element == run.element => {
                    l.x0 = l.x0.min(first.x);
                    l.x1 = l.x1.max(right);
                    l.size = l.size.max(run.size);
                    l.text.push_str(&run.text());
                }
                _ => out.push((
                    run.line,
                    TextLine {
                        element: run.element.clone(),
                        baseline: run.baseline,
                        x0: first.x,
                        x1: right,
                        size: run.size,
                        text: run.text(),
                    },
                )),
            }
        }
        out.into_iter().map(|(_, l)| l).collect()
    }
}

/// A vector path: filled and/or stroked.
#[derive(Clone, Debug, PartialEq)]
pub struct PathItem {
    /// The element it belongs to ("" for printer's marks).
    pub element: String,
    pub shape: PathShape,
    pub fill: Option<Color>,
    pub stroke: Option<(f32, Color)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PathShape {
    Rect(Rect),
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    /// Many rectangles filled as one path (QR modules), non-zero winding.
    Rects(Vec<Rect>),
}

/// A raster image drawn into `rect`, clipped to `clip`.
#[derive(Clone, Debug)]
pub struct ImageItem {
    pub rect: Rect,
    pub clip: Rect,
    pub image: Arc<super::image::LoadedImage>,
    /// The element it belongs to.
    pub element: String,
}

/// What the layout found about one element.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ElementReport {
    pub element: String,
    pub kind: &'static str,
    /// Lines set in this element.
    pub lines: usize,
    /// Characters of the story left over after this (last) frame: 超 N 字.
    pub overset_chars: usize,
    /// How many more body characters this frame could take: 差 N 字 (copyfit).
    pub short_chars: usize,
    /// The story flowing through this frame.
    pub story: Option<String>,
    /// Characters no font could show.
    pub missing_glyphs: Vec<char>,
    /// Font families asked for and not found (a fallback was used).
    pub missing_fonts: Vec<String>,
    /// Problems that would print wrong (missing image, QR payload too long…).
    pub errors: Vec<super::problem::LayoutProblem>,
    /// Effective image resolution, pixels per inch.
    pub image_ppi: Option<f32>,
    /// A QR code as laid out.
    pub qr: Option<QrReport>,
}

/// What print needs to know of a laid-out QR code.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QrReport {
    /// Module size, pt.
    pub module_pt: f32,
    /// Quiet zone, modules.
    pub quiet_zone: u32,
    pub color: crate::color::Color,
}
