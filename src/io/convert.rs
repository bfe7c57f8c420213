//! File types → model, with validation. Every rejection names the JSON path.

use std::collections::{HashMap, HashSet};

use super::FormatError;
use super::cause::{FormatErrorKind as K, Quantity as Q};
use super::file::*;
use super::palette::Palette;
use super::value::FileColor;
use crate::color::Color;
use crate::layout::fields::fits_filled;
use crate::model::*;
use crate::units::{Rect, mm_to_pt};

/// Largest page side accepted, in mm (a 对开 page is 540 mm).
pub const MAX_PAGE_MM: f32 = 5000.0;
const MAX_FONT_PT: f32 = 2000.0;
/// Longest story accepted: a newspaper page holds about 10 000 characters, a long feature 50 000.
const MAX_STORY_CHARS: usize = crate::layout::fields::MAX_FILLED_CHARS;
/// Longest variable value: a date, an edition's name, an editor's name.
const MAX_VARIABLE_CHARS: usize = 10_000;

type Result<T> = std::result::Result<T, FormatError>;

/// Checks that a length is finite and in range, or names the path.
fn length(path: &str, value: f32, min: f32, max: f32, what: Q) -> Result<f32> {
    if !value.is_finite() {
        return Err(FormatError::at(path, K::NotANumber { what, value }));
    }
    if value < min || value > max {
        return Err(FormatError::at(path, K::OutOfRange { what, value, min, max }));
    }
    Ok(value)
}

fn positive(path: &str, v: f32, max: f32, what: Q) -> Result<f32> {
    let v = length(path, v, 0.0, max, what)?;
    if v == 0.0 {
        return Err(FormatError::at(path, K::NotPositive(what)));
    }
    Ok(v)
}

pub fn to_model(file: LayoutFile) -> Result<Document> {
    let mut swatches: Vec<Swatch> = Vec::with_capacity(file.swatches.len());
    for (i, s) in file.swatches.iter().enumerate() {
        let path = format!("swatches[{i}]");
        if s.name.trim().is_empty() || swatches.iter().any(|o| o.name == s.name) {
            return Err(FormatError::at(format!("{path}.name"), K::SwatchUnnamed));
        }
        let color = match s.color {
            FileColor::Value(c @ (Color::Cmyk { .. } | Color::Gray(_))) => c,
            FileColor::Value(Color::Rgb { .. }) => {
                return Err(FormatError::at(format!("{path}.color"), K::SwatchNotInk));
            }
            FileColor::Swatch { .. } => {
                return Err(FormatError::at(format!("{path}.color"), K::SwatchOfSwatch));
            }
        };
        if let Some(twin) = swatches.iter().find(|o| o.color == color) {
            return Err(FormatError::at(format!("{path}.color"), K::SwatchTwin(twin.name.clone())));
        }
        swatches.push(Swatch { name: s.name.clone(), color });
    }
    let pal = &Palette(&swatches);
    let mut styles = StyleSheet { defaults: style_props("defaults", &file.defaults, pal)?, ..Default::default() };
    for (name, style) in &file.styles {
        let path = format!("styles.{name}");
        if let Some(base) = &style.based_on
            && !file.styles.contains_key(base)
        {
            return Err(FormatError::at(format!("{path}.based_on"), K::NoStyle(base.clone())));
        }
        if let Some(next) = &style.next
            && !file.styles.contains_key(next)
        {
            return Err(FormatError::at(format!("{path}.next"), K::NoStyle(next.clone())));
        }
        let props = style_props(&path, &style.props, pal)?;
        styles
            .paragraph
            .insert(name.clone(), NamedStyle { based_on: style.based_on.clone(), next: style.next.clone(), props });
    }
    for (name, c) in &file.character_styles {
        let path = format!("character_styles.{name}");
        let size = c.size.map(|s| positive(&format!("{path}.size"), s.0, MAX_FONT_PT, Q::FontSize)).transpose()?;
        let color = pal.optional(&format!("{path}.color"), c.color.as_ref())?;
        let style = CharStyle { name: None, font_family: c.font.clone(), bold: c.bold, size, color };
        styles.character.insert(name.clone(), style);
    }

    let mut ids = HashSet::new();
    let mut text_frames = HashSet::new();
    let mut masters = Vec::with_capacity(file.masters.len());
    for (m, master) in file.masters.into_iter().enumerate() {
        let path = format!("masters[{m}]");
        if master.id.trim().is_empty() || masters.iter().any(|x: &MasterPage| x.id == master.id) {
            return Err(FormatError::at(format!("{path}.id"), K::MasterUnnamed));
        }
        let elements = elements(&path, master.elements, pal, &mut ids, &mut text_frames)?;
        masters.push(MasterPage { id: master.id, elements });
    }
    let master_frames: HashSet<String> = masters
        .iter()
        .flat_map(|m| &m.elements)
        .filter(|e| matches!(e.kind, ElementKind::Text(_)))
        .map(|e| e.id.clone())
        .collect();
    for (name, value) in &file.variables {
        if name.trim().is_empty() || name.contains(['{', '}']) {
            return Err(FormatError::at(format!("variables.{name}"), K::VariableName));
        }
        if value.len() > MAX_VARIABLE_CHARS && value.chars().count() > MAX_VARIABLE_CHARS {
            return Err(FormatError::at(
                format!("variables.{name}"),
                K::VariableTooLong { chars: value.chars().count(), max: MAX_VARIABLE_CHARS },
            ));
        }
    }
    let mut pages = Vec::with_capacity(file.pages.len());
    if file.pages.is_empty() {
        return Err(FormatError::at("pages", K::NoPages));
    }
    for (p, page) in file.pages.into_iter().enumerate() {
        let path = format!("pages[{p}]");
        let width = positive(&format!("{path}.size[0]"), page.size[0], MAX_PAGE_MM, Q::PageWidth)?;
        let height = positive(&format!("{path}.size[1]"), page.size[1], MAX_PAGE_MM, Q::PageHeight)?;
        let m = &page.margins;
        let margin =
            |name: &str, v: f32, side: f32| length(&format!("{path}.margins.{name}"), v, 0.0, side / 2.0, Q::Margin);
        let margins = Margins {
            top: mm_to_pt(margin("top", m.top, height)?),
            bottom: mm_to_pt(margin("bottom", m.bottom, height)?),
            left: mm_to_pt(margin("left", m.left, width)?),
            right: mm_to_pt(margin("right", m.right, width)?),
        };
        if !(1..=60).contains(&page.columns) {
            return Err(FormatError::at(format!("{path}.columns"), K::PageColumns(page.columns)));
        }
        let gutter = length(&format!("{path}.gutter"), page.gutter, 0.0, width / 2.0, Q::Gutter)?;
        let baseline = match &page.baseline {
            Some(b) => Some(BaselineGrid {
                font_size: positive(&format!("{path}.baseline.size"), b.size.0, MAX_FONT_PT, Q::GridFontSize)?,
                line_pitch: positive(
                    &format!("{path}.baseline.leading"),
                    b.leading,
                    MAX_FONT_PT * 4.0,
                    Q::GridLeading,
                )?,
            }),
            None => None,
        };
        let bleed = length(&format!("{path}.bleed"), page.bleed, 0.0, 50.0, Q::Bleed)?;
        let label = match page.label {
            Some(l) if l.trim().is_empty() || l.chars().count() > 32 => {
                return Err(FormatError::at(format!("{path}.label"), K::PageLabel));
            }
            other => other,
        };
        let elements = elements(&path, page.elements, pal, &mut ids, &mut text_frames)?;
        if let Some(m) = &page.master
            && !masters.iter().any(|x: &MasterPage| &x.id == m)
        {
            return Err(FormatError::at(format!("{path}.master"), K::NoMaster(m.clone())));
        }
        pages.push(Page {
            width: mm_to_pt(width),
            height: mm_to_pt(height),
            margins,
            grid: ColumnGrid { columns: page.columns, gutter: mm_to_pt(gutter) },
            baseline,
            bleed: mm_to_pt(bleed),
            label,
            master: page.master,
            elements,
        });
    }

    let mut story_ids = HashSet::new();
    let mut threaded: HashMap<String, String> = HashMap::new();
    let mut stories = Vec::with_capacity(file.stories.len());
    for (s, story) in file.stories.into_iter().enumerate() {
        let path = format!("stories[{s}]");
        if !story_ids.insert(story.id.clone()) {
            return Err(FormatError::at(format!("{path}.id"), K::StoryIdTwice(story.id.clone())));
        }
        if story.frames.is_empty() {
            return Err(FormatError::at(format!("{path}.frames"), K::StoryNoFrames));
        }
        for (f, frame) in story.frames.iter().enumerate() {
            let fpath = format!("{path}.frames[{f}]");
            if !text_frames.contains(frame) {
                let kind = if ids.contains(frame) { K::NotTextFrame } else { K::NoSuchElement };
                return Err(FormatError::at(fpath, kind(frame.clone())));
            }
            if master_frames.contains(frame) && story.frames.len() > 1 {
                return Err(FormatError::at(fpath, K::MasterFrameChained(frame.clone())));
            }
            if let Some(other) = threaded.insert(frame.clone(), story.id.clone()) {
                return Err(FormatError::at(fpath, K::FrameHeld { frame: frame.clone(), story: other }));
            }
        }
        let mut paragraphs = Vec::with_capacity(story.paragraphs.len());
        let mut chars = 0;
        let mut filled_left = MAX_STORY_CHARS;
        for (i, para) in story.paragraphs.into_iter().enumerate() {
            let para = paragraph(&format!("{path}.paragraphs[{i}]"), para, &styles, pal)?;
            chars += para.runs.iter().map(|r| r.text.chars().count()).sum::<usize>();
            if chars > MAX_STORY_CHARS {
                return Err(FormatError::at(format!("{path}.paragraphs[{i}]"), K::StoryTooLong(MAX_STORY_CHARS)));
            }
            // Fields ({日期}…) are filled in on each page: the filled story is held to the cap too.
            if !para.runs.iter().all(|r| fits_filled(&r.text, &file.variables, &mut filled_left)) {
                return Err(FormatError::at(format!("{path}.paragraphs[{i}]"), K::FilledStoryTooLong(MAX_STORY_CHARS)));
            }
            paragraphs.push(para);
        }
        stories.push(Story { id: story.id, frames: story.frames, paragraphs, jump_lines: story.jump_lines });
    }
    Ok(Document { title: file.title, pages, stories, styles, swatches, masters, variables: file.variables })
}

/// The elements of a page or master page at `path`; ids go into `ids` (unique in the whole
/// document) and text frames' into `text_frames`.
fn elements(
    path: &str,
    elements: Vec<FileElement>,
    pal: &Palette,
    ids: &mut HashSet<String>,
    text_frames: &mut HashSet<String>,
) -> Result<Vec<Element>> {
    let mut out = Vec::with_capacity(elements.len());
    for (e, el) in elements.into_iter().enumerate() {
        let epath = format!("{path}.elements[{e}]");
        if el.id.trim().is_empty() {
            return Err(FormatError::at(format!("{epath}.id"), K::ElementNoId));
        }
        if !ids.insert(el.id.clone()) {
            return Err(FormatError::at(format!("{epath}.id"), K::IdTwice(el.id.clone())));
        }
        let far = MAX_PAGE_MM * 2.0;
        let frame = Rect::new(
            mm_to_pt(length(&format!("{epath}.x"), el.x, -far, far, Q::X)?),
            mm_to_pt(length(&format!("{epath}.y"), el.y, -far, far, Q::Y)?),
            mm_to_pt(positive(&format!("{epath}.w"), el.w, far, Q::Width)?),
            mm_to_pt(positive(&format!("{epath}.h"), el.h, far, Q::Height)?),
        );
        let kind = element_kind(&epath, el.kind, pal)?;
        if let ElementKind::Text(t) = &kind {
            let usable_w = frame.w - 2.0 * t.inset;
            if usable_w <= 0.0 || frame.h - 2.0 * t.inset <= 0.0 {
                return Err(FormatError::at(format!("{epath}.inset"), K::InsetTooBig));
            }
            if t.column_gap * (t.columns as f32 - 1.0) >= usable_w {
                return Err(FormatError::at(format!("{epath}.column_gap"), K::ColumnsTooWide(t.columns)));
            }
        }
        if matches!(kind, ElementKind::Text(_)) {
            text_frames.insert(el.id.clone());
        }
        let wrap = match el.wrap {
            Some(w) if w.mode == FileWrapMode::Box => {
                let mut offset = [0.0; 4];
                for (i, mm) in w.offset.unwrap_or_default().into_iter().enumerate() {
                    offset[i] = mm_to_pt(length(&format!("{path}.wrap.offset[{i}]"), mm, 0.0, 1000.0, Q::WrapOffset)?);
                }
                let side = match w.side {
                    None | Some(FileWrapSide::Largest) => WrapSide::Largest,
                    Some(FileWrapSide::Left) => WrapSide::Left,
                    Some(FileWrapSide::Right) => WrapSide::Right,
                };
                let min_span = match w.min_span {
                    Some(n) => length(&format!("{path}.wrap.min_span"), n, 1.0, 100.0, Q::MinimumSpan)?,
                    None => Wrap::DEFAULT_MIN_SPAN,
                };
                Some(Wrap { offset, side, min_span })
            }
            _ => None,
        };
        out.push(Element {
            name: el.name.unwrap_or_else(|| el.id.clone()),
            id: el.id,
            frame,
            locked: el.locked,
            hidden: el.hidden,
            kind,
            wrap,
        });
    }
    Ok(out)
}

fn element_kind(path: &str, kind: FileKind, pal: &Palette) -> Result<ElementKind> {
    Ok(match kind {
        FileKind::Text(t) => {
            if !(1..=20).contains(&t.columns) {
                return Err(FormatError::at(format!("{path}.columns"), K::FrameColumns(t.columns)));
            }
            let d = TextFrame::default();
            TextFrame {
                columns: t.columns,
                column_gap: match t.column_gap {
                    Some(g) => mm_to_pt(length(&format!("{path}.column_gap"), g, 0.0, 1000.0, Q::ColumnGap)?),
                    None => d.column_gap,
                },
                inset: match t.inset {
                    Some(i) => mm_to_pt(length(&format!("{path}.inset"), i, 0.0, 1000.0, Q::Inset)?),
                    None => 0.0,
                },
                valign: match t.valign {
                    None | Some(FileVAlign::Top) => VAlign::Top,
                    Some(FileVAlign::Center) => VAlign::Center,
                    Some(FileVAlign::Bottom) => VAlign::Bottom,
                    Some(FileVAlign::Justify) => VAlign::Justify,
                },
                fill: pal.optional(&format!("{path}.fill"), t.fill.as_ref())?,
                stroke: stroke(&format!("{path}.stroke"), t.stroke, pal)?,
                column_rule: stroke(&format!("{path}.column_rule"), t.column_rule, pal)?,
                vertical: t.vertical,
                balance: t.balance,
                grid: t.grid,
                ignore_wrap: t.ignore_wrap,
            }
            .into()
        }
        FileKind::Table(t) => ElementKind::Table(table(path, t, pal)?),
        FileKind::Qr(q) => {
            if q.payload.is_empty() {
                return Err(FormatError::at(format!("{path}.payload"), K::QrNoPayload));
            }
            let quiet_zone = q.quiet_zone.unwrap_or(4);
            if quiet_zone > 40 {
                return Err(FormatError::at(format!("{path}.quiet_zone"), K::QrQuietZone));
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
                color: pal.or_black(&format!("{path}.color"), q.color.as_ref())?,
            })
        }
        FileKind::Image(i) => {
            if i.path.trim().is_empty() {
                return Err(FormatError::at(format!("{path}.path"), K::ImageNoPath));
            }
            let scale = i.scale.map(|v| length(&format!("{path}.scale"), v, 0.1, 10_000.0, Q::Scale)).transpose()?;
            let [dx, dy] = i.offset.unwrap_or([0.0, 0.0]);
            let dx = length(&format!("{path}.offset[0]"), dx, -10_000.0, 10_000.0, Q::Offset)?;
            let dy = length(&format!("{path}.offset[1]"), dy, -10_000.0, 10_000.0, Q::Offset)?;
            if i.page.is_some_and(|p| p == 0 || p > 100_000) {
                return Err(FormatError::at(format!("{path}.page"), K::PdfPage));
            }
            ElementKind::Image(ImageElement {
                path: i.path,
                fit: match i.fit.unwrap_or(FileFit::Fit) {
                    FileFit::Fit => ImageFit::Fit,
                    FileFit::Fill => ImageFit::Fill,
                    FileFit::Stretch => ImageFit::Stretch,
                },
                scale,
                offset: (mm_to_pt(dx), mm_to_pt(dy)),
                page: i.page,
            })
        }
        FileKind::Shape(s) => {
            let tint = length(&format!("{path}.tint"), s.tint.unwrap_or(100.0), 0.0, 100.0, Q::Tint)?;
            ElementKind::Shape(Shape {
                kind: match s.shape {
                    FileShapeKind::Rect => ShapeKind::Rect,
                    FileShapeKind::Line => ShapeKind::Line,
                },
                fill: pal.optional(&format!("{path}.fill"), s.fill.as_ref())?.map(|c| c.tinted(tint)),
                stroke: stroke(&format!("{path}.stroke"), s.stroke, pal)?,
            })
        }
    })
}

impl From<TextFrame> for ElementKind {
    fn from(t: TextFrame) -> Self {
        ElementKind::Text(t)
    }
}

fn stroke(path: &str, s: Option<FileStroke>, pal: &Palette) -> Result<Option<Stroke>> {
    s.map(|s| {
        Ok(Stroke {
            width: length(&format!("{path}.width"), s.width, 0.0, 100.0, Q::LineWidth)?,
            color: pal.or_black(&format!("{path}.color"), s.color.as_ref())?,
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

fn table(path: &str, t: FileTable, pal: &Palette) -> Result<Table> {
    if t.columns.is_empty() || t.columns.len() > 100 {
        return Err(FormatError::at(format!("{path}.columns"), K::TableColumns));
    }
    for (i, w) in t.columns.iter().enumerate() {
        positive(&format!("{path}.columns[{i}]"), *w, 1e6, Q::ColumnWidth)?;
    }
    if t.rows.is_empty() || t.rows.len() > 10_000 {
        return Err(FormatError::at(format!("{path}.rows"), K::TableRows));
    }
    if t.align.len() > t.columns.len() {
        return Err(FormatError::at(format!("{path}.align"), K::TableAligns));
    }
    if t.header_rows as usize > t.rows.len() {
        return Err(FormatError::at(format!("{path}.header_rows"), K::TableHeaderRows));
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
        table.font_size = positive(&format!("{path}.size"), s.0, MAX_FONT_PT, Q::FontSize)?;
    }
    table.header_fill = pal.optional(&format!("{path}.header_fill"), t.header_fill.as_ref())?;
    if let Some(b) = t.borders {
        let bp = format!("{path}.borders");
        table.borders = TableBorders {
            outer: length(&format!("{bp}.outer"), b.outer, 0.0, 100.0, Q::BorderWidth)?,
            inner: length(&format!("{bp}.inner"), b.inner, 0.0, 100.0, Q::BorderWidth)?,
            header: length(&format!("{bp}.header"), b.header, 0.0, 100.0, Q::BorderWidth)?,
            color: pal.or_black(&format!("{bp}.color"), b.color.as_ref())?,
        };
    }
    if let Some(p) = t.padding {
        table.padding = mm_to_pt(length(&format!("{path}.padding"), p, 0.0, 100.0, Q::Padding)?);
    }
    for (r, row) in t.rows.into_iter().enumerate() {
        let mut cells = Vec::with_capacity(row.len());
        let mut span = 0;
        for (c, cell) in row.into_iter().enumerate() {
            let cell = match cell {
                FileCell::Text(text) => Cell::new(text),
                FileCell::Full(f) => {
                    if f.colspan == 0 || f.rowspan == 0 {
                        return Err(FormatError::at(format!("{path}.rows[{r}][{c}]"), K::SpanZero));
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
                K::RowTooWide { span, columns: table.column_count() },
            ));
        }
        table.rows.push(cells);
    }
    // Cells pushed off the grid by spans from rows above would be lost: refuse them.
    let placed = table.placed_cells();
    if let Some(r) =
        (0..table.rows.len()).find(|r| placed.iter().filter(|(pr, _, _)| pr == r).count() != table.rows[*r].len())
    {
        return Err(FormatError::at(format!("{path}.rows[{r}]"), K::RowOverfull));
    }
    Ok(table)
}

fn style_props(path: &str, p: &FileStyleProps, pal: &Palette) -> Result<StyleProps> {
    let size = p.size.map(|s| positive(&format!("{path}.size"), s.0, MAX_FONT_PT, Q::FontSize)).transpose()?;
    let leading =
        p.leading.map(|l| positive(&format!("{path}.leading"), l, MAX_FONT_PT * 4.0, Q::Leading)).transpose()?;
    let em =
        |what: Q, v: Option<f32>| v.map(|v| length(&format!("{path}.{}", what.en()), v, -50.0, 50.0, what)).transpose();
    let pts =
        |what: Q, v: Option<f32>| v.map(|v| length(&format!("{path}.{}", what.en()), v, 0.0, 5000.0, what)).transpose();
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
        indent: em(Q::Indent, p.indent)?,
        space_before: pts(Q::SpaceBefore, p.space_before)?,
        space_after: pts(Q::SpaceAfter, p.space_after)?,
        color: pal.optional(&format!("{path}.color"), p.color.as_ref())?,
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
        han_latin_space: em(Q::HanLatinSpace, p.han_latin_space)?,
        hanging: p.hanging,
        keep_units: p.keep_units,
    })
}

fn paragraph(path: &str, p: FileParagraph, styles: &StyleSheet, pal: &Palette) -> Result<Paragraph> {
    if let Some(name) = &p.style
        && !styles.paragraph.contains_key(name)
    {
        return Err(FormatError::at(format!("{path}.style"), K::NoStyle(name.clone())));
    }
    let overrides = style_props(path, &p.overrides, pal)?;
    let runs = match (p.text, p.runs.is_empty()) {
        (Some(_), false) => {
            return Err(FormatError::at(path, K::TextAndRuns));
        }
        (Some(text), true) => vec![Run { text, style: CharStyle::default() }],
        (None, _) => p
            .runs
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let size = r
                    .size
                    .map(|s| positive(&format!("{path}.runs[{i}].size"), s.0, MAX_FONT_PT, Q::FontSize))
                    .transpose()?;
                let color = pal.optional(&format!("{path}.runs[{i}].color"), r.color.as_ref())?;
                if let Some(name) = &r.style
                    && !styles.character.contains_key(name)
                {
                    return Err(FormatError::at(format!("{path}.runs[{i}].style"), K::NoCharStyle(name.clone())));
                }
                Ok(Run {
                    text: r.text,
                    style: CharStyle { name: r.style, font_family: r.font, bold: r.bold, size, color },
                })
            })
            .collect::<Result<_>>()?,
    };
    Ok(Paragraph { style: p.style, overrides, runs })
}
