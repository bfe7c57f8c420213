//! The shapes of the JSON file, exactly as written. Geometry in mm, font sizes in pt or 号.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::value::{FileColor, FontSize};

fn is_default_props(p: &FileStyleProps) -> bool {
    serde_json::to_value(p).is_ok_and(|v| v.as_object().is_some_and(|m| m.is_empty()))
}

/// A JSON object of named things (styles, character styles, variables) in which a name given
/// twice is an error at that name's path, not a silent "last one wins".
fn unique_names<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    use super::cause::{ValueProblem, custom};
    use serde::de::{DeserializeSeed, MapAccess, Visitor};
    struct Names<V>(std::marker::PhantomData<V>);
    struct Twice(String);
    impl<'de> DeserializeSeed<'de> for Twice {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, _: D) -> Result<(), D::Error> {
            Err(custom(ValueProblem::DefinedTwice(self.0)))
        }
    }
    impl<'de, V: Deserialize<'de>> Visitor<'de> for Names<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of names")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(name) = map.next_key::<String>()? {
                if out.contains_key(&name) {
                    // Failing inside the value puts the name in the error's JSON path.
                    map.next_value_seed(Twice(name.clone()))?;
                    return Err(custom(ValueProblem::DefinedTwice(name)));
                }
                let value = map.next_value()?;
                out.insert(name, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Names(std::marker::PhantomData))
}

fn is_false(b: &bool) -> bool {
    !*b
}
fn one() -> u32 {
    1
}
fn is_one(n: &u32) -> bool {
    *n == 1
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct LayoutFile {
    pub format: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Composition and type defaults for every paragraph.
    #[serde(default, skip_serializing_if = "is_default_props")]
    pub defaults: FileStyleProps,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_names")]
    pub styles: BTreeMap<String, FileStyle>,
    /// Named character styles (强调…), applied to runs by `"style"`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_names")]
    pub character_styles: BTreeMap<String, FileCharStyle>,
    /// Named colours, referred to as `{"swatch": name}`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub swatches: Vec<FileSwatch>,
    /// Values of text fields (`{日期}`…).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_names")]
    pub variables: BTreeMap<String, String>,
    /// Master pages: elements shared by the pages that name one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub masters: Vec<FileMaster>,
    pub pages: Vec<FilePage>,
    #[serde(default)]
    pub stories: Vec<FileStory>,
}

#[derive(Serialize, Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct FileCharStyle {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bold: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<FontSize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<FileColor>,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FileMaster {
    pub id: String,
    #[serde(default)]
    pub elements: Vec<FileElement>,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FileSwatch {
    pub name: String,
    pub color: FileColor,
}

#[derive(Serialize, Deserialize, Debug, Default)]
pub struct FileStyle {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_on: Option<String>,
    /// The style Enter at the end of such a paragraph begins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    #[serde(flatten)]
    pub props: FileStyleProps,
}

#[derive(Serialize, Deserialize, Debug, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct FileStyleProps {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bold: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<FontSize>,
    /// Line pitch in pt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leading: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub align: Option<FileAlign>,
    /// First-line indent in em.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indent: Option<f32>,
    /// Space before, in pt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub space_before: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub space_after: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<FileColor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kinsoku: Option<FileKinsoku>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub punctuation: Option<FilePunct>,
    /// Han–Latin space in em (0: off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub han_latin_space: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hanging: Option<bool>,
    /// Numbers stay on one line with their Chinese units (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_units: Option<bool>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum FileAlign {
    Left,
    Center,
    Right,
    Justify,
    Distribute,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum FileKinsoku {
    None,
    Basic,
    Gb,
    Strict,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum FilePunct {
    Full,
    Kaiming,
    Half,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FilePage {
    /// [width, height] in mm.
    pub size: [f32; 2],
    #[serde(default)]
    pub margins: FileMargins,
    #[serde(default = "one")]
    pub columns: u32,
    /// Gutter between grid columns, mm.
    #[serde(default)]
    pub gutter: f32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<FileBaseline>,
    #[serde(default)]
    pub bleed: f32,
    /// The page's label (版次) in an edition, e.g. "A01".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The master page this page lies on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub master: Option<String>,
    #[serde(default)]
    pub elements: Vec<FileElement>,
}

#[derive(Serialize, Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct FileMargins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FileBaseline {
    pub size: FontSize,
    /// Line pitch in pt.
    pub leading: f32,
}

#[derive(Serialize, Deserialize, Debug)]
pub struct FileElement {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Frame in mm: left, top, width, height.
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    #[serde(default, skip_serializing_if = "is_false")]
    pub locked: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub hidden: bool,
    /// Text wrap: text frames below it set their lines around it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrap: Option<FileWrap>,
    #[serde(flatten)]
    pub kind: FileKind,
}

#[derive(Serialize, Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct FileWrap {
    /// "box" (the frame plus offset is kept free) or "none".
    pub mode: FileWrapMode,
    /// mm kept free around the frame: top, right, bottom, left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<[f32; 4]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<FileWrapSide>,
    /// The narrowest span beside it that takes text, in characters (default 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_span: Option<f32>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum FileWrapMode {
    Box,
    None,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum FileWrapSide {
    Largest,
    Left,
    Right,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FileKind {
    Text(FileText),
    Table(FileTable),
    Qr(FileQr),
    /// A raster image, or a placed PDF page (`"kind": "pdf"` is the same element).
    #[serde(alias = "pdf")]
    Image(FileImage),
    Shape(FileShape),
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FileText {
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub columns: u32,
    /// mm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_gap: Option<f32>,
    /// mm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inset: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valign: Option<FileVAlign>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fill: Option<FileColor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stroke: Option<FileStroke>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_rule: Option<FileStroke>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub vertical: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub balance: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub grid: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub ignore_wrap: bool,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum FileVAlign {
    Top,
    Center,
    Bottom,
    Justify,
}

#[derive(Serialize, Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct FileStroke {
    /// pt.
    pub width: f32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<FileColor>,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FileTable {
    /// Relative widths.
    pub columns: Vec<f32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub align: Vec<FileCellAlign>,
    #[serde(default = "one")]
    pub header_rows: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_font: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<FontSize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_fill: Option<FileColor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub borders: Option<FileBorders>,
    /// mm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub padding: Option<f32>,
    pub rows: Vec<Vec<FileCell>>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum FileCellAlign {
    Left,
    Center,
    Right,
    Decimal,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FileBorders {
    pub outer: f32,
    pub inner: f32,
    pub header: f32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<FileColor>,
}

/// A cell: plain text, or an object with alignment and spans.
#[derive(Serialize, Deserialize, Debug)]
#[serde(untagged)]
pub enum FileCell {
    Text(String),
    Full(FileCellFull),
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FileCellFull {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub align: Option<FileCellAlign>,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub colspan: u32,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub rowspan: u32,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FileQr {
    pub payload: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ec: Option<FileEc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiet_zone: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<FileColor>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
pub enum FileEc {
    L,
    M,
    Q,
    H,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FileImage {
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fit: Option<FileFit>,
    /// Percent of the picture's natural size (crop inside the frame); absent: sized by `fit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<f32>,
    /// mm, the picture's centre from the frame's centre: [right, down].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<[f32; 2]>,
    /// The page of a placed PDF, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum FileFit {
    Fit,
    Fill,
    Stretch,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FileShape {
    pub shape: FileShapeKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fill: Option<FileColor>,
    /// Fill strength in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tint: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stroke: Option<FileStroke>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum FileShapeKind {
    Rect,
    Line,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FileStory {
    pub id: String,
    pub frames: Vec<String>,
    pub paragraphs: Vec<FileParagraph>,
    /// 下转第 N 版 / 上接第 N 版 lines where the chain changes page.
    #[serde(default, skip_serializing_if = "is_false")]
    pub jump_lines: bool,
}

#[derive(Serialize, Deserialize, Debug)]
pub struct FileParagraph {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    #[serde(flatten)]
    pub overrides: FileStyleProps,
    /// The text, when the paragraph is one plain run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<FileRun>,
}

#[derive(Serialize, Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FileRun {
    pub text: String,
    /// The named character style.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bold: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<FontSize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<FileColor>,
}
