//! File types ⇄ model, with validation. Every rejection names the JSON path.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::FormatError;
use super::file::*;
use super::value::{FileColor, FontSize, round};
use crate::color::Color;
use crate::model::*;
use crate::units::{Rect, mm_to_pt, pt_to_mm};

/// Largest page side accepted, in mm (a 对开 page is 540 mm).
const MAX_PAGE_MM: f32 = 5000.0;
const MAX_FONT_PT: f32 = 2000.0;

type Result<T> = std::result::Result<T, FormatError>;

/// Checks that a length is finite and in range, or names the path.
fn length(path: &str, v: f32, min: f32, max: f32, what: &str) -> Result<f32> {
    if !v.is_finite() {
        return Err(FormatError::at(path, format!("{what} must be a number, found {v}")));
    }
    if v < min || v > max {
        return Err(FormatError::at(path, format!("{what} {v} is out of range ({min} to {max})")));
    }
    Ok(v)
}

fn positive(path: &str, v: f32, max: f32, what: &str) -> Result<f32> {
    let v = length(path, v, 0.0, max, what)?;
    if v == 0.0 {
        return Err(FormatError::at(path, format!("{what} must be greater than 0")));
    }
    Ok(v)
}

pub fn to_model(file: LayoutFile) -> Result<Document> {
    let mut styles = StyleSheet { defaults: style_props("defaults", &file.defaults)?, ..Default::default() };
    for (name, style) in &file.styles {
        let path = format!("styles.{name}");
        if let Some(base) = &style.based_on
            && !file.styles.contains_key(base)
        {
            return Err(FormatError::at(format!("{path}.based_on"), format!("no style named \"{base}\"")));
        }
        let props = style_props(&path, &style.props)?;
        styles.paragraph.insert(name.clone(), NamedStyle { based_on: style.based_on.clone(), props });
    }

    let mut ids = HashSet::new();
    let mut text_frames = HashSet::new();
    let mut pages = Vec::with_capacity(file.pages.len());
    if file.pages.is_empty() {
        return Err(FormatError::at("pages", "a layout needs at least one page"));
    }
    for (p, page) in file.pages.into_iter().enumerate() {
        let path = format!("pages[{p}]");
        let width = positive(&format!("{path}.size[0]"), page.size[0], MAX_PAGE_MM, "page width")?;
        let height = positive(&format!("{path}.size[1]"), page.size[1], MAX_PAGE_MM, "page height")?;
        let m = &page.margins;
        let margin =
            |name: &str, v: f32, side: f32| length(&format!("{path}.margins.{name}"), v, 0.0, side / 2.0, "margin");
        let margins = Margins {
            top: mm_to_pt(margin("top", m.top, height)?),
            bottom: mm_to_pt(margin("bottom", m.bottom, height)?),
            left: mm_to_pt(margin("left", m.left, width)?),
            right: mm_to_pt(margin("right", m.right, width)?),
        };
        if !(1..=60).contains(&page.columns) {
            return Err(FormatError::at(format!("{path}.columns"), format!("{} columns: use 1 to 60", page.columns)));
        }
        let gutter = length(&format!("{path}.gutter"), page.gutter, 0.0, width / 2.0, "gutter")?;
        let baseline = match &page.baseline {
            Some(b) => Some(BaselineGrid {
                font_size: positive(&format!("{path}.baseline.size"), b.size.0, MAX_FONT_PT, "grid font size")?,
                line_pitch: positive(
                    &format!("{path}.baseline.leading"),
                    b.leading,
                    MAX_FONT_PT * 4.0,
                    "grid leading",
                )?,
            }),
            None => None,
        };
        let bleed = length(&format!("{path}.bleed"), page.bleed, 0.0, 50.0, "bleed")?;
        let label = match page.label {
            Some(l) if l.trim().is_empty() || l.chars().count() > 32 => {
                return Err(FormatError::at(format!("{path}.label"), "a page label has 1 to 32 characters"));
            }
            other => other,
        };
        let mut elements = Vec::with_capacity(page.elements.len());
        for (e, el) in page.elements.into_iter().enumerate() {
            let epath = format!("{path}.elements[{e}]");
            if el.id.trim().is_empty() {
                return Err(FormatError::at(format!("{epath}.id"), "an element needs a non-empty id"));
            }
            if !ids.insert(el.id.clone()) {
                return Err(FormatError::at(format!("{epath}.id"), format!("id \"{}\" is used twice", el.id)));
            }
            let far = MAX_PAGE_MM * 2.0;
            let frame = Rect::new(
                mm_to_pt(length(&format!("{epath}.x"), el.x, -far, far, "x")?),
                mm_to_pt(length(&format!("{epath}.y"), el.y, -far, far, "y")?),
                mm_to_pt(positive(&format!("{epath}.w"), el.w, far, "width")?),
                mm_to_pt(positive(&format!("{epath}.h"), el.h, far, "height")?),
            );
            let kind = element_kind(&epath, el.kind)?;
            if let ElementKind::Text(t) = &kind {
                let usable_w = frame.w - 2.0 * t.inset;
                if usable_w <= 0.0 || frame.h - 2.0 * t.inset <= 0.0 {
                    return Err(FormatError::at(format!("{epath}.inset"), "the inset leaves no room for text"));
                }
                if t.column_gap * (t.columns as f32 - 1.0) >= usable_w {
                    return Err(FormatError::at(
                        format!("{epath}.column_gap"),
                        format!("{} columns with this gap do not fit in the frame's width", t.columns),
                    ));
                }
            }
            if matches!(kind, ElementKind::Text(_)) {
                text_frames.insert(el.id.clone());
            }
            elements.push(Element {
                name: el.name.unwrap_or_else(|| el.id.clone()),
                id: el.id,
                frame,
                locked: el.locked,
                hidden: el.hidden,
                kind,
            });
        }
        pages.push(Page {
            width: mm_to_pt(width),
            height: mm_to_pt(height),
            margins,
            grid: ColumnGrid { columns: page.columns, gutter: mm_to_pt(gutter) },
            baseline,
            bleed: mm_to_pt(bleed),
            label,
            elements,
        });
    }

    let mut story_ids = HashSet::new();
    let mut threaded: HashMap<String, String> = HashMap::new();
    let mut stories = Vec::with_capacity(file.stories.len());
    for (s, story) in file.stories.into_iter().enumerate() {
        let path = format!("stories[{s}]");
        if !story_ids.insert(story.id.clone()) {
            return Err(FormatError::at(format!("{path}.id"), format!("story id \"{}\" is used twice", story.id)));
        }
        if story.frames.is_empty() {
            return Err(FormatError::at(
                format!("{path}.frames"),
                "a story needs at least one text frame to flow into",
            ));
        }
        for (f, frame) in story.frames.iter().enumerate() {
            let fpath = format!("{path}.frames[{f}]");
            if !text_frames.contains(frame) {
                let what = if ids.contains(frame) { "is not a text frame" } else { "is no element's id" };
                return Err(FormatError::at(fpath, format!("\"{frame}\" {what}")));
            }
            if let Some(other) = threaded.insert(frame.clone(), story.id.clone()) {
                return Err(FormatError::at(fpath, format!("frame \"{frame}\" already holds story \"{other}\"")));
            }
        }
        let mut paragraphs = Vec::with_capacity(story.paragraphs.len());
        for (i, para) in story.paragraphs.into_iter().enumerate() {
            paragraphs.push(paragraph(&format!("{path}.paragraphs[{i}]"), para, &styles)?);
        }
        stories.push(Story { id: story.id, frames: story.frames, paragraphs });
    }
    Ok(Document { title: file.title, pages, stories, styles })
}

fn element_kind(path: &str, kind: FileKind) -> Result<ElementKind> {
    Ok(match kind {
        FileKind::Text(t) => {
            if !(1..=20).contains(&t.columns) {
                return Err(FormatError::at(format!("{path}.columns"), format!("{} columns: use 1 to 20", t.columns)));
            }
            let d = TextFrame::default();
            TextFrame {
                columns: t.columns,
                column_gap: match t.column_gap {
                    Some(g) => mm_to_pt(length(&format!("{path}.column_gap"), g, 0.0, 1000.0, "column gap")?),
                    None => d.column_gap,
                },
                inset: match t.inset {
                    Some(i) => mm_to_pt(length(&format!("{path}.inset"), i, 0.0, 1000.0, "inset")?),
                    None => 0.0,
                },
                valign: match t.valign {
                    None | Some(FileVAlign::Top) => VAlign::Top,
                    Some(FileVAlign::Center) => VAlign::Center,
                    Some(FileVAlign::Bottom) => VAlign::Bottom,
                    Some(FileVAlign::Justify) => VAlign::Justify,
                },
                fill: t.fill.map(|c| c.0),
                stroke: stroke(&format!("{path}.stroke"), t.stroke)?,
                column_rule: stroke(&format!("{path}.column_rule"), t.column_rule)?,
                vertical: t.vertical,
                balance: t.balance,
                grid: t.grid,
            }
            .into()
        }
        FileKind::Table(t) => ElementKind::Table(table(path, t)?),
        FileKind::Qr(q) => {
            if q.payload.is_empty() {
                return Err(FormatError::at(format!("{path}.payload"), "a QR code needs a payload"));
            }
            let quiet_zone = q.quiet_zone.unwrap_or(4);
            if quiet_zone > 40 {
                return Err(FormatError::at(format!("{path}.quiet_zone"), "quiet zone over 40 modules"));
            }
            ElementKind::Qr(QrCode {
                payload: q.payload,
                ec_level: match q.ec.unwrap_or(FileEc::M) {
                    FileEc::L => EcLevel::L,
                    FileEc::M => EcLevel::M,
                    FileEc::Q => EcLevel::Q,
                    FileEc::H => EcLevel::H,
                },
                quiet_zone,
                color: q.color.map_or(Color::BLACK, |c| c.0),
            })
        }
        FileKind::Image(i) => {
            if i.path.trim().is_empty() {
                return Err(FormatError::at(format!("{path}.path"), "an image needs a file path"));
            }
            ElementKind::Image(ImageElement {
                path: i.path,
                fit: match i.fit.unwrap_or(FileFit::Fit) {
                    FileFit::Fit => ImageFit::Fit,
                    FileFit::Fill => ImageFit::Fill,
                    FileFit::Stretch => ImageFit::Stretch,
                },
            })
        }
        FileKind::Shape(s) => {
            let tint = length(&format!("{path}.tint"), s.tint.unwrap_or(100.0), 0.0, 100.0, "tint")?;
            ElementKind::Shape(Shape {
                kind: match s.shape {
                    FileShapeKind::Rect => ShapeKind::Rect,
                    FileShapeKind::Line => ShapeKind::Line,
                },
                fill: s.fill.map(|c| c.0.tinted(tint)),
                stroke: stroke(&format!("{path}.stroke"), s.stroke)?,
            })
        }
    })
}

impl From<TextFrame> for ElementKind {
    fn from(t: TextFrame) -> Self {
        ElementKind::Text(t)
    }
}

fn stroke(path: &str, s: Option<FileStroke>) -> Result<Option<Stroke>> {
    s.map(|s| {
        Ok(Stroke {
            width: length(&format!("{path}.width"), s.width, 0.0, 100.0, "line width")?,
            color: s.color.map_or(Color::BLACK, |c| c.0),
        })
    })
    .transpose()
}

fn cell_align(a: FileCellAlign) -> CellAlign {
    match a {
        FileCellAlign::Left => CellAlign::Left,
        FileCellAlign::Center => CellAlign::Center,
        FileCellAlign::Right => CellAlign::Right,
        FileCellAlign::Decimal => CellAlign::Decimal,
    }
}

fn table(path: &str, t: FileTable) -> Result<Table> {
    if t.columns.is_empty() || t.columns.len() > 100 {
        return Err(FormatError::at(format!("{path}.columns"), "a table needs 1 to 100 columns"));
    }
    for (i, w) in t.columns.iter().enumerate() {
        positive(&format!("{path}.columns[{i}]"), *w, 1e6, "column width")?;
    }
    if t.rows.is_empty() || t.rows.len() > 10_000 {
        return Err(FormatError::at(format!("{path}.rows"), "a table needs 1 to 10000 rows"));
    }
    if t.align.len() > t.columns.len() {
        return Err(FormatError::at(format!("{path}.align"), "more alignments than columns"));
    }
    if t.header_rows as usize > t.rows.len() {
        return Err(FormatError::at(format!("{path}.header_rows"), "more header rows than rows"));
    }
    let mut table = Table::new(0, t.columns.len());
    table.column_widths = t.columns;
    for (i, a) in t.align.iter().enumerate() {
        table.column_align[i] = cell_align(*a);
    }
    table.header_rows = t.header_rows;
    if let Some(f) = t.font {
        table.font_family = f;
    }
    if let Some(f) = t.header_font {
        table.header_font_family = f;
    }
    if let Some(s) = t.size {
        table.font_size = positive(&format!("{path}.size"), s.0, MAX_FONT_PT, "font size")?;
    }
    table.header_fill = t.header_fill.map(|c| c.0);
    if let Some(b) = t.borders {
        let bp = format!("{path}.borders");
        table.borders = TableBorders {
            outer: length(&format!("{bp}.outer"), b.outer, 0.0, 100.0, "border width")?,
            inner: length(&format!("{bp}.inner"), b.inner, 0.0, 100.0, "border width")?,
            header: length(&format!("{bp}.header"), b.header, 0.0, 100.0, "border width")?,
            color: b.color.map_or(Color::BLACK, |c| c.0),
        };
    }
    if let Some(p) = t.padding {
        table.padding = mm_to_pt(length(&format!("{path}.padding"), p, 0.0, 100.0, "padding")?);
    }
    for (r, row) in t.rows.into_iter().enumerate() {
        let mut cells = Vec::with_capacity(row.len());
        let mut span = 0;
        for (c, cell) in row.into_iter().enumerate() {
            let cell = match cell {
                FileCell::Text(text) => Cell::new(text),
                FileCell::Full(f) => {
                    if f.colspan == 0 || f.rowspan == 0 {
                        return Err(FormatError::at(format!("{path}.rows[{r}][{c}]"), "spans start at 1"));
                    }
                    Cell { text: f.text, align: f.align.map(cell_align), colspan: f.colspan, rowspan: f.rowspan }
                }
            };
            span += cell.colspan as usize;
            cells.push(cell);
        }
        if span > table.column_count() {
            return Err(FormatError::at(
                format!("{path}.rows[{r}]"),
                format!("{span} cells wide, but the table has {} columns", table.column_count()),
            ));
        }
        table.rows.push(cells);
    }
    // Cells pushed off the grid by spans from rows above would be lost: refuse them.
    let placed = table.placed_cells();
    if let Some(r) =
        (0..table.rows.len()).find(|r| placed.iter().filter(|(pr, _, _)| pr == r).count() != table.rows[*r].len())
    {
        return Err(FormatError::at(
            format!("{path}.rows[{r}]"),
            "more cells than the columns left free by spans from rows above",
        ));
    }
    Ok(table)
}

fn style_props(path: &str, p: &FileStyleProps) -> Result<StyleProps> {
    let size = p.size.map(|s| positive(&format!("{path}.size"), s.0, MAX_FONT_PT, "font size")).transpose()?;
    let leading =
        p.leading.map(|l| positive(&format!("{path}.leading"), l, MAX_FONT_PT * 4.0, "leading")).transpose()?;
    let em =
        |name: &str, v: Option<f32>| v.map(|v| length(&format!("{path}.{name}"), v, -50.0, 50.0, name)).transpose();
    let pts =
        |name: &str, v: Option<f32>| v.map(|v| length(&format!("{path}.{name}"), v, 0.0, 5000.0, name)).transpose();
    Ok(StyleProps {
        font_family: p.font.clone(),
        bold: p.bold,
        size,
        leading,
        align: p.align.map(|a| match a {
            FileAlign::Left => Align::Left,
            FileAlign::Center => Align::Center,
            FileAlign::Right => Align::Right,
            FileAlign::Justify => Align::Justify,
            FileAlign::Distribute => Align::Distribute,
        }),
        indent: em("indent", p.indent)?,
        space_before: pts("space_before", p.space_before)?,
        space_after: pts("space_after", p.space_after)?,
        color: p.color.map(|c| c.0),
        kinsoku: p.kinsoku.map(|k| match k {
            FileKinsoku::None => Kinsoku::None,
            FileKinsoku::Basic => Kinsoku::Basic,
            FileKinsoku::Gb => Kinsoku::Gb,
            FileKinsoku::Strict => Kinsoku::Strict,
        }),
        punct: p.punctuation.map(|k| match k {
            FilePunct::Full => PunctStyle::Full,
            FilePunct::Kaiming => PunctStyle::Kaiming,
            FilePunct::Half => PunctStyle::Half,
        }),
        han_latin_space: em("han_latin_space", p.han_latin_space)?,
        hanging: p.hanging,
    })
}

fn paragraph(path: &str, p: FileParagraph, styles: &StyleSheet) -> Result<Paragraph> {
    if let Some(name) = &p.style
        && !styles.paragraph.contains_key(name)
    {
        return Err(FormatError::at(format!("{path}.style"), format!("no style named \"{name}\"")));
    }
    let overrides = style_props(path, &p.overrides)?;
    let runs = match (p.text, p.runs.is_empty()) {
        (Some(_), false) => {
            return Err(FormatError::at(path, "give either \"text\" or \"runs\", not both"));
        }
        (Some(text), true) => vec![Run { text, style: CharStyle::default() }],
        (None, _) => p
            .runs
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let size = r
                    .size
                    .map(|s| positive(&format!("{path}.runs[{i}].size"), s.0, MAX_FONT_PT, "font size"))
                    .transpose()?;
                Ok(Run {
                    text: r.text,
                    style: CharStyle { font_family: r.font, bold: r.bold, size, color: r.color.map(|c| c.0) },
                })
            })
            .collect::<Result<_>>()?,
    };
    Ok(Paragraph { style: p.style, overrides, runs })
}

// ---- model → file ----

fn mm(pt: f32) -> f32 {
    round(pt_to_mm(pt), 3)
}

pub fn from_model(doc: &Document) -> LayoutFile {
    LayoutFile {
        format: super::FORMAT_VERSION,
        title: doc.title.clone(),
        defaults: file_props(&doc.styles.defaults),
        styles: doc
            .styles
            .paragraph
            .iter()
            .map(|(name, s)| (name.clone(), FileStyle { based_on: s.based_on.clone(), props: file_props(&s.props) }))
            .collect::<BTreeMap<_, _>>(),
        pages: doc.pages.iter().map(file_page).collect(),
        stories: doc
            .stories
            .iter()
            .map(|s| FileStory {
                id: s.id.clone(),
                frames: s.frames.clone(),
                paragraphs: s.paragraphs.iter().map(file_paragraph).collect(),
            })
            .collect(),
    }
}

fn file_page(page: &Page) -> FilePage {
    FilePage {
        size: [mm(page.width), mm(page.height)],
        margins: FileMargins {
            top: mm(page.margins.top),
            bottom: mm(page.margins.bottom),
            left: mm(page.margins.left),
            right: mm(page.margins.right),
        },
        columns: page.grid.columns,
        gutter: mm(page.grid.gutter),
        baseline: page.baseline.map(|b| FileBaseline { size: FontSize(b.font_size), leading: round(b.line_pitch, 3) }),
        bleed: mm(page.bleed),
        label: page.label.clone(),
        elements: page.elements.iter().map(file_element).collect(),
    }
}

fn file_element(e: &Element) -> FileElement {
    FileElement {
        id: e.id.clone(),
        name: (e.name != e.id).then(|| e.name.clone()),
        x: mm(e.frame.x),
        y: mm(e.frame.y),
        w: mm(e.frame.w),
        h: mm(e.frame.h),
        locked: e.locked,
        hidden: e.hidden,
        kind: match &e.kind {
            ElementKind::Text(t) => FileKind::Text(FileText {
                columns: t.columns,
                column_gap: Some(mm(t.column_gap)),
                inset: (t.inset != 0.0).then(|| mm(t.inset)),
                valign: match t.valign {
                    VAlign::Top => None,
                    VAlign::Center => Some(FileVAlign::Center),
                    VAlign::Bottom => Some(FileVAlign::Bottom),
                    VAlign::Justify => Some(FileVAlign::Justify),
                },
                fill: t.fill.map(FileColor),
                stroke: t.stroke.map(file_stroke),
                column_rule: t.column_rule.map(file_stroke),
                vertical: t.vertical,
                balance: t.balance,
                grid: t.grid,
            }),
            ElementKind::Table(t) => FileKind::Table(file_table(t)),
            ElementKind::Qr(q) => FileKind::Qr(FileQr {
                payload: q.payload.clone(),
                ec: Some(match q.ec_level {
                    EcLevel::L => FileEc::L,
                    EcLevel::M => FileEc::M,
                    EcLevel::Q => FileEc::Q,
                    EcLevel::H => FileEc::H,
                }),
                quiet_zone: Some(q.quiet_zone),
                color: Some(FileColor(q.color)),
            }),
            ElementKind::Image(i) => FileKind::Image(FileImage {
                path: i.path.clone(),
                fit: Some(match i.fit {
                    ImageFit::Fit => FileFit::Fit,
                    ImageFit::Fill => FileFit::Fill,
                    ImageFit::Stretch => FileFit::Stretch,
                }),
            }),
            ElementKind::Shape(s) => FileKind::Shape(FileShape {
                shape: match s.kind {
                    ShapeKind::Rect => FileShapeKind::Rect,
                    ShapeKind::Line => FileShapeKind::Line,
                },
                fill: s.fill.map(FileColor),
                tint: None,
                stroke: s.stroke.map(file_stroke),
            }),
        },
    }
}

fn file_stroke(s: Stroke) -> FileStroke {
    FileStroke { width: round(s.width, 3), color: Some(FileColor(s.color)) }
}

fn file_cell_align(a: CellAlign) -> FileCellAlign {
    match a {
        CellAlign::Left => FileCellAlign::Left,
        CellAlign::Center => FileCellAlign::Center,
        CellAlign::Right => FileCellAlign::Right,
        CellAlign::Decimal => FileCellAlign::Decimal,
    }
}

fn file_table(t: &Table) -> FileTable {
    FileTable {
        columns: t.column_widths.clone(),
        align: t.column_align.iter().map(|a| file_cell_align(*a)).collect(),
        header_rows: t.header_rows,
        font: Some(t.font_family.clone()),
        header_font: Some(t.header_font_family.clone()),
        size: Some(FontSize(t.font_size)),
        header_fill: t.header_fill.map(FileColor),
        borders: Some(FileBorders {
            outer: t.borders.outer,
            inner: t.borders.inner,
            header: t.borders.header,
            color: Some(FileColor(t.borders.color)),
        }),
        padding: Some(mm(t.padding)),
        rows: t
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| {
                        if c.align.is_none() && c.colspan == 1 && c.rowspan == 1 {
                            FileCell::Text(c.text.clone())
                        } else {
                            FileCell::Full(FileCellFull {
                                text: c.text.clone(),
                                align: c.align.map(file_cell_align),
                                colspan: c.colspan,
                                rowspan: c.rowspan,
                            })
                        }
                    })
                    .collect()
            })
            .collect(),
    }
}

fn file_props(p: &StyleProps) -> FileStyleProps {
    FileStyleProps {
        font: p.font_family.clone(),
        bold: p.bold,
        size: p.size.map(FontSize),
        leading: p.leading,
        align: p.align.map(|a| match a {
            Align::Left => FileAlign::Left,
            Align::Center => FileAlign::Center,
            Align::Right => FileAlign::Right,
            Align::Justify => FileAlign::Justify,
            Align::Distribute => FileAlign::Distribute,
        }),
        indent: p.indent,
        space_before: p.space_before,
        space_after: p.space_after,
        color: p.color.map(FileColor),
        kinsoku: p.kinsoku.map(|k| match k {
            Kinsoku::None => FileKinsoku::None,
            Kinsoku::Basic => FileKinsoku::Basic,
            Kinsoku::Gb => FileKinsoku::Gb,
            Kinsoku::Strict => FileKinsoku::Strict,
        }),
        punctuation: p.punct.map(|k| match k {
            PunctStyle::Full => FilePunct::Full,
            PunctStyle::Kaiming => FilePunct::Kaiming,
            PunctStyle::Half => FilePunct::Half,
        }),
        han_latin_space: p.han_latin_space,
        hanging: p.hanging,
    }
}

fn file_paragraph(p: &Paragraph) -> FileParagraph {
    let plain = p.runs.len() == 1 && p.runs[0].style == CharStyle::default();
    FileParagraph {
        style: p.style.clone(),
        overrides: file_props(&p.overrides),
        text: plain.then(|| p.runs[0].text.clone()),
        runs: if plain {
            Vec::new()
        } else {
            p.runs
                .iter()
                .map(|r| FileRun {
                    text: r.text.clone(),
                    font: r.style.font_family.clone(),
                    bold: r.style.bold,
                    size: r.style.size.map(FontSize),
                    color: r.style.color.map(FileColor),
                })
                .collect()
        },
    }
}
