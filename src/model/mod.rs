//! The document model: pages, elements on them, and stories of styled text.
//!
//! All lengths are points; the file format (`crate::io`) converts from millimetres.
//! The model knows nothing of egui, printpdf or JSON.

mod style;
mod swatch;
mod table;

pub use style::{Align, CharStyle, Kinsoku, NamedStyle, ParagraphStyle, PunctStyle, StyleProps, StyleSheet};
pub use swatch::Swatch;
pub use table::{Cell, CellAlign, Table, TableBorders};

use crate::color::Color;
use crate::units::Rect;

/// A whole layout: pages, the stories that flow through their text frames, and named styles.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Document {
    pub title: String,
    pub pages: Vec<Page>,
    pub stories: Vec<Story>,
    pub styles: StyleSheet,
    /// Named colours (报头红…) that the file refers to by name.
    pub swatches: Vec<Swatch>,
    /// Master pages: page furniture (版头, 责任编辑, rules) shared by the pages that name one.
    pub masters: Vec<MasterPage>,
    /// Values for text fields such as `{日期}` (`{版次}`, `{页码}` and `{总版数}` are built in).
    pub variables: std::collections::BTreeMap<String, String>,
}

/// Elements drawn under every page that uses the master; a story in one of its text frames is
/// set anew on each page, its fields filled in for that page.
#[derive(Clone, Debug, PartialEq)]
pub struct MasterPage {
    pub id: String,
    pub elements: Vec<Element>,
}

/// One page: its trim size, margins, column grid and elements (back to front).
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub margins: Margins,
    pub grid: ColumnGrid,
    /// The body text grid, when the page is set on one (font size and line pitch).
    pub baseline: Option<BaselineGrid>,
    pub bleed: f32,
    /// The page's label in an edition (A01, A02…); `None` is its number.
    pub label: Option<String>,
    /// The master page whose elements lie under this page's.
    pub master: Option<String>,
    pub elements: Vec<Element>,
}

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

/// The page's column grid (栏) inside the margins.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ColumnGrid {
    pub columns: u32,
    pub gutter: f32,
}

/// A character/baseline grid: body size and line pitch (baseline to baseline).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BaselineGrid {
    pub font_size: f32,
    pub line_pitch: f32,
}

impl Page {
    /// The type area: the page less its margins.
    pub fn type_area(&self) -> Rect {
        Rect::new(
            self.margins.left,
            self.margins.top,
            self.width - self.margins.left - self.margins.right,
            self.height - self.margins.top - self.margins.bottom,
        )
    }

    /// The left and right edges of each grid column.
    pub fn column_edges(&self) -> Vec<(f32, f32)> {
        self.type_area().columns(self.grid.columns, self.grid.gutter).iter().map(|c| (c.x, c.right())).collect()
    }
}

/// A placed element: where it is, what it is, and how the designer has flagged it.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    /// Unique in the document; stories name their frames by it.
    pub id: String,
    /// What the elements panel shows (defaults to the id).
    pub name: String,
    pub frame: Rect,
    pub locked: bool,
    pub hidden: bool,
    pub kind: ElementKind,
    /// Text frames below this element in z-order set their lines around it (图文互斥).
    pub wrap: Option<Wrap>,
}

/// How an element pushes text away: its frame grown by `offset` (pt: top, right, bottom,
/// left) is kept free, and a line beside it goes on the side `side` picks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Wrap {
    pub offset: [f32; 4],
    pub side: WrapSide,
    /// The narrowest span a line is set in beside it, in characters of the line's size; a
    /// narrower span is left empty.
    pub min_span: f32,
}

impl Wrap {
    /// The minimum span when the file names none: four characters.
    pub const DEFAULT_MIN_SPAN: f32 = 4.0;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum WrapSide {
    /// The wider of the two free spans beside the obstacle.
    #[default]
    Largest,
    Left,
    Right,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ElementKind {
    Text(TextFrame),
    Table(Table),
    Qr(QrCode),
    Image(ImageElement),
    Shape(Shape),
}

impl ElementKind {
    /// The kind's name as the file format spells it.
    pub fn name(&self) -> &'static str {
        match self {
            ElementKind::Text(_) => "text",
            ElementKind::Table(_) => "table",
            ElementKind::Qr(_) => "qr",
            ElementKind::Image(_) => "image",
            ElementKind::Shape(_) => "shape",
        }
    }
}

/// A frame that a story flows through, column by column.
#[derive(Clone, Debug, PartialEq)]
pub struct TextFrame {
    pub columns: u32,
    pub column_gap: f32,
    /// Space between the frame's edge and its text, on every side.
    pub inset: f32,
    pub valign: VAlign,
    pub fill: Option<Color>,
    pub stroke: Option<Stroke>,
    /// A rule down the middle of each gap between columns (栏线).
    pub column_rule: Option<Stroke>,
    /// Vertical text (竖排, rule 24): lines top to bottom, set right to left.
    pub vertical: bool,
    /// Balance the columns of the frame where the story ends (rule 10).
    pub balance: bool,
    /// Set on the body's line grid (rules 2, 6, 7): lines at whole body lines, Han characters
    /// back on the em grid after Western runs.
    pub grid: bool,
    /// Take no notice of other elements' text wrap (InDesign's "ignore text wrap").
    pub ignore_wrap: bool,
}

impl Default for TextFrame {
    fn default() -> Self {
        TextFrame {
            columns: 1,
            column_gap: crate::units::mm_to_pt(4.0),
            inset: 0.0,
            valign: VAlign::Top,
            fill: None,
            stroke: None,
            column_rule: None,
            vertical: false,
            balance: false,
            grid: false,
            ignore_wrap: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum VAlign {
    #[default]
    Top,
    Center,
    Bottom,
    /// Lines spread to fill the column's height.
    Justify,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    pub width: f32,
    pub color: Color,
}

/// QR error-correction level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum EcLevel {
    L,
    #[default]
    M,
    Q,
    H,
}

/// A QR code drawn as vector modules, its quiet zone kept inside the element.
#[derive(Clone, Debug, PartialEq)]
pub struct QrCode {
    pub payload: String,
    pub ec_level: EcLevel,
    /// Quiet zone in modules (print needs at least 4).
    pub quiet_zone: u32,
    pub color: Color,
}

/// How an image fills its frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ImageFit {
    /// Whole image visible, aspect kept.
    #[default]
    Fit,
    /// Frame covered, aspect kept, the excess cropped.
    Fill,
    /// Frame covered, aspect ignored.
    Stretch,
}

/// A picture in a frame: a raster image, or a page of a PDF file (an ad) placed as vectors.
/// The frame clips it; the content transform (`scale`, `offset`) crops it inside the frame.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ImageElement {
    /// As written in the file: relative to the layout file's folder.
    pub path: String,
    /// The starting point: how the picture is sized when `scale` is not set.
    pub fit: ImageFit,
    /// The picture's size in percent of its natural size (a pixel to a point, 72 ppi; a placed
    /// PDF page at its real size); `None` sizes it by `fit`.
    pub scale: Option<f32>,
    /// How far the picture's centre sits from the frame's centre, pt (x right, y down).
    pub offset: (f32, f32),
    /// For a placed PDF: the page placed, from 1; `None` is page 1.
    pub page: Option<u32>,
}

/// Rules and boxes.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub kind: ShapeKind,
    pub fill: Option<Color>,
    pub stroke: Option<Stroke>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShapeKind {
    /// A rectangle on the frame.
    Rect,
    /// A rule along the frame's long axis, through its middle.
    Line,
}

/// Text that flows through a chain of frames.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Story {
    pub id: String,
    /// The text frames it flows through, in order (element ids).
    pub frames: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
    /// Where the chain goes on to another page, a 下转第 N 版 line ends the frame and an
    /// 上接第 N 版 line starts the next.
    pub jump_lines: bool,
}

/// A paragraph: a named style, overrides on it, and runs of text.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Paragraph {
    pub style: Option<String>,
    pub overrides: StyleProps,
    pub runs: Vec<Run>,
}

impl Paragraph {
    /// The paragraph's text, runs concatenated.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Run {
    pub text: String,
    pub style: CharStyle,
}

impl Document {
    /// A page's label: its own, else its number.
    pub fn page_label(&self, index: usize) -> String {
        self.pages.get(index).and_then(|p| p.label.clone()).unwrap_or_else(|| (index + 1).to_string())
    }

    /// The master page `page` uses, if any.
    pub fn master_of(&self, page: &Page) -> Option<&MasterPage> {
        page.master.as_deref().and_then(|id| self.masters.iter().find(|m| m.id == id))
    }

    /// The element with this id, and the index of its page.
    pub fn element(&self, id: &str) -> Option<(usize, &Element)> {
        self.pages.iter().enumerate().find_map(|(p, page)| page.elements.iter().find(|e| e.id == id).map(|e| (p, e)))
    }

    /// The story flowing through the text frame `frame_id`, and the frame's place in its chain.
    pub fn story_of_frame(&self, frame_id: &str) -> Option<(&Story, usize)> {
        self.stories.iter().find_map(|s| s.frames.iter().position(|f| f == frame_id).map(|i| (s, i)))
    }
}
