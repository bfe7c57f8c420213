//! Model → file types, for saving: millimetres, 号 names, colours as their swatches.

use std::collections::BTreeMap;

use super::file::*;
use super::palette::Palette;
use super::value::{FileColor, FontSize, round};
use crate::model::*;
use crate::units::pt_to_mm;

fn mm(pt: f32) -> f32 {
    round(pt_to_mm(pt), 3)
}

pub fn from_model(doc: &Document) -> LayoutFile {
    let pal = &Palette(&doc.swatches);
    LayoutFile {
        format: super::FORMAT_VERSION,
        title: doc.title.clone(),
        defaults: file_props(&doc.styles.defaults, pal),
        character_styles: doc
            .styles
            .character
            .iter()
            .map(|(name, c)| {
                let file = FileCharStyle {
                    font: c.font_family.clone(),
                    bold: c.bold,
                    size: c.size.map(FontSize),
                    color: c.color.map(|x| pal.file(x)),
                };
                (name.clone(), file)
            })
            .collect(),
        swatches: doc
            .swatches
            .iter()
            .map(|s| FileSwatch { name: s.name.clone(), color: FileColor::Value(s.color) })
            .collect(),
        styles: doc
            .styles
            .paragraph
            .iter()
            .map(|(name, s)| {
                (
                    name.clone(),
                    FileStyle { based_on: s.based_on.clone(), next: s.next.clone(), props: file_props(&s.props, pal) },
                )
            })
            .collect::<BTreeMap<_, _>>(),
        variables: doc.variables.clone(),
        masters: doc
            .masters
            .iter()
            .map(|m| FileMaster {
                id: m.id.clone(),
                elements: m.elements.iter().map(|e| file_element(e, pal)).collect(),
            })
            .collect(),
        pages: doc.pages.iter().map(|p| file_page(p, pal)).collect(),
        stories: doc
            .stories
            .iter()
            .map(|s| FileStory {
                id: s.id.clone(),
                frames: s.frames.clone(),
                paragraphs: s.paragraphs.iter().map(|p| file_paragraph(p, pal)).collect(),
                jump_lines: s.jump_lines,
            })
            .collect(),
    }
}

fn file_page(page: &Page, pal: &Palette) -> FilePage {
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
        master: page.master.clone(),
        elements: page.elements.iter().map(|e| file_element(e, pal)).collect(),
    }
}

fn file_element(e: &Element, pal: &Palette) -> FileElement {
    FileElement {
        id: e.id.clone(),
        name: (e.name != e.id).then(|| e.name.clone()),
        x: mm(e.frame.x),
        y: mm(e.frame.y),
        w: mm(e.frame.w),
        h: mm(e.frame.h),
        locked: e.locked,
        hidden: e.hidden,
        wrap: e.wrap.map(|w| FileWrap {
            mode: FileWrapMode::Box,
            offset: (w.offset != [0.0; 4]).then(|| w.offset.map(mm)),
            side: match w.side {
                WrapSide::Largest => None,
                WrapSide::Left => Some(FileWrapSide::Left),
                WrapSide::Right => Some(FileWrapSide::Right),
            },
            min_span: (w.min_span != Wrap::DEFAULT_MIN_SPAN).then_some(w.min_span),
        }),
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
                fill: t.fill.map(|c| pal.file(c)),
                stroke: t.stroke.map(|s| file_stroke(s, pal)),
                column_rule: t.column_rule.map(|s| file_stroke(s, pal)),
                vertical: t.vertical,
                balance: t.balance,
                grid: t.grid,
                ignore_wrap: t.ignore_wrap,
            }),
            ElementKind::Table(t) => FileKind::Table(file_table(t, pal)),
            ElementKind::Qr(q) => FileKind::Qr(FileQr {
                payload: q.payload.clone(),
                ec: Some(match q.ec_level {
                    EcLevel::L => FileEc::L,
                    EcLevel::M => FileEc::M,
                    EcLevel::Q => FileEc::Q,
                    EcLevel::H => FileEc::H,
                }),
                quiet_zone: Some(q.quiet_zone),
                color: Some(pal.file(q.color)),
            }),
            ElementKind::Image(i) => FileKind::Image(FileImage {
                path: i.path.clone(),
                fit: Some(match i.fit {
                    ImageFit::Fit => FileFit::Fit,
                    ImageFit::Fill => FileFit::Fill,
                    ImageFit::Stretch => FileFit::Stretch,
                }),
                scale: i.scale,
                offset: (i.offset != (0.0, 0.0)).then(|| [mm(i.offset.0), mm(i.offset.1)]),
                page: i.page,
            }),
            ElementKind::Shape(s) => FileKind::Shape(FileShape {
                shape: match s.kind {
                    ShapeKind::Rect => FileShapeKind::Rect,
                    ShapeKind::Line => FileShapeKind::Line,
                },
                fill: s.fill.map(|c| pal.file(c)),
                tint: None,
                stroke: s.stroke.map(|s| file_stroke(s, pal)),
            }),
        },
    }
}

fn file_stroke(s: Stroke, pal: &Palette) -> FileStroke {
    FileStroke { width: round(s.width, 3), color: Some(pal.file(s.color)) }
}

fn file_cell_align(a: CellAlign) -> FileCellAlign {
    match a {
        CellAlign::Left => FileCellAlign::Left,
        CellAlign::Center => FileCellAlign::Center,
        CellAlign::Right => FileCellAlign::Right,
        CellAlign::Decimal => FileCellAlign::Decimal,
    }
}

fn file_table(t: &Table, pal: &Palette) -> FileTable {
    FileTable {
        columns: t.column_widths.clone(),
        align: t.column_align.iter().map(|a| file_cell_align(*a)).collect(),
        header_rows: t.header_rows,
        font: Some(t.font_family.clone()),
        header_font: Some(t.header_font_family.clone()),
        size: Some(FontSize(t.font_size)),
        header_fill: t.header_fill.map(|c| pal.file(c)),
        borders: Some(FileBorders {
            outer: t.borders.outer,
            inner: t.borders.inner,
            header: t.borders.header,
            color: Some(pal.file(t.borders.color)),
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

fn file_props(p: &StyleProps, pal: &Palette) -> FileStyleProps {
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
        color: p.color.map(|c| pal.file(c)),
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
        keep_units: p.keep_units,
    }
}

fn file_paragraph(p: &Paragraph, pal: &Palette) -> FileParagraph {
    let plain = p.runs.len() == 1 && p.runs[0].style == CharStyle::default();
    FileParagraph {
        style: p.style.clone(),
        overrides: file_props(&p.overrides, pal),
        text: plain.then(|| p.runs[0].text.clone()),
        runs: if plain {
            Vec::new()
        } else {
            p.runs
                .iter()
                .map(|r| FileRun {
                    text: r.text.clone(),
                    style: r.style.name.clone(),
                    font: r.style.font_family.clone(),
                    bold: r.style.bold,
                    size: r.style.size.map(FontSize),
                    color: r.style.color.map(|c| pal.file(c)),
                })
                .collect()
        },
    }
}
