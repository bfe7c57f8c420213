//! Tables: column widths scaled to the frame, rows as tall as their tallest cell (stretched to
//! fill the frame), cell text through the same text engine, decimal alignment, borders.

use super::frame::{ElementReport, FrameItem, PathItem, PathShape};
use super::text::flow::{EM_ASCENT, EM_DESCENT, place_line};
use super::text::line::{SetLine, compose_paragraph};
use super::text::shape::{ShapedParagraph, StyledRun, shape_paragraph};
use crate::fonts::FontBook;
use crate::model::{Align, CellAlign, Element, ParagraphStyle, Table};
use crate::units::Rect;

struct CellLayout {
    row: usize,
    col: usize,
    rowspan: usize,
    colspan: usize,
    header: bool,
    align: CellAlign,
    shaped: ShapedParagraph,
    lines: Vec<SetLine>,
    pitch: f32,
    size: f32,
}

/// Lays out a table element into paths and glyph runs.
pub fn layout_table(book: &FontBook, element: &Element, table: &Table) -> (Vec<FrameItem>, ElementReport) {
    let mut report = ElementReport { element: element.id.clone(), kind: "table", ..Default::default() };
    let frame = element.frame;
    let total_w: f32 = table.column_widths.iter().sum();
    let col_x: Vec<f32> = table
        .column_widths
        .iter()
        .scan(frame.x, |x, w| {
            let left = *x;
            *x += w / total_w * frame.w;
            Some(left)
        })
        .chain(std::iter::once(frame.right()))
        .collect();
    let size = table.font_size;
    let pitch = size * 1.4;
    let pad_v = size * 0.35;

    let mut cells = Vec::new();
    for (r, c, cell) in table.placed_cells() {
        let header = (r as u32) < table.header_rows;
        let colspan = (cell.colspan.max(1) as usize).min(table.column_count() - c);
        let rowspan = (cell.rowspan.max(1) as usize).min(table.rows.len() - r);
        let width = col_x[c + colspan] - col_x[c] - 2.0 * table.padding;
        let align = cell.align.unwrap_or(if header { CellAlign::Center } else { table.column_align[c] });
        let style = ParagraphStyle {
            font_family: if header { table.header_font_family.clone() } else { table.font_family.clone() },
            bold: header,
            size,
            leading: pitch,
            align: match align {
                CellAlign::Left => Align::Left,
                CellAlign::Center => Align::Center,
                CellAlign::Right | CellAlign::Decimal => Align::Right,
            },
            indent: 0.0,
            ..ParagraphStyle::default()
        };
        let run =
            StyledRun { text: &cell.text, family: &style.font_family, bold: style.bold, size, color: style.color };
        let shaped = shape_paragraph(book, &style, &[run]);
        for ch in &shaped.missing {
            if !report.missing_glyphs.contains(ch) {
                report.missing_glyphs.push(*ch);
            }
        }
        for f in &shaped.missing_fonts {
            if !report.missing_fonts.contains(f) {
                report.missing_fonts.push(f.clone());
            }
        }
        let lines = compose_paragraph(&shaped, width.max(size), 0.0, style.align);
        cells.push(CellLayout { row: r, col: c, rowspan, colspan, header, align, shaped, lines, pitch, size });
    }

    // Row heights: tallest single-row cell, then the frame's spare height shared out.
    let nrows = table.rows.len();
    let mut heights = vec![(EM_ASCENT + EM_DESCENT) * size + 2.0 * pad_v; nrows];
    for cell in cells.iter().filter(|c| c.rowspan == 1) {
        let h = cell_text_height(cell) + 2.0 * pad_v;
        heights[cell.row] = heights[cell.row].max(h);
    }
    // Merged cells spanning rows share out what their text needs beyond those rows' heights.
    for cell in cells.iter().filter(|c| c.rowspan > 1) {
        let rows = cell.row..cell.row + cell.rowspan;
        let need = cell_text_height(cell) + 2.0 * pad_v - heights[rows.clone()].iter().sum::<f32>();
        if need > 0.0 {
            heights[rows].iter_mut().for_each(|h| *h += need / cell.rowspan as f32);
        }
    }
    let natural: f32 = heights.iter().sum();
    if natural < frame.h {
        let extra = (frame.h - natural) / nrows as f32;
        heights.iter_mut().for_each(|h| *h += extra);
    } else if natural > frame.h + 0.5 {
        let over_mm = crate::units::pt_to_mm(natural - frame.h);
        report.errors.push(super::problem::LayoutProblem::TableTaller { over_mm });
    }
    let row_y: Vec<f32> = heights
        .iter()
        .scan(frame.y, |y, h| {
            let top = *y;
            *y += h;
            Some(top)
        })
        .chain(std::iter::once(frame.y + heights.iter().sum::<f32>()))
        .collect();

    let mut items = Vec::new();
    let header_rows = (table.header_rows as usize).min(nrows);
    if let Some(fill) = table.header_fill
        && header_rows > 0
    {
        let r = Rect::new(frame.x, frame.y, frame.w, row_y[header_rows] - frame.y);
        items.push(FrameItem::Path(PathItem {
            element: element.id.clone(),
            shape: PathShape::Rect(r),
            fill: Some(fill),
            stroke: None,
        }));
    }
    // Decimal columns line up on the decimal point: the widest fraction decides where it sits.
    let decimal_tail = |col: usize| -> f32 {
        cells
            .iter()
            .filter(|c| c.col == col && c.align == CellAlign::Decimal && !c.header)
            .map(|c| fraction_width(&c.shaped))
            .fold(0.0, f32::max)
    };
    for cell in &cells {
        let x = col_x[cell.col] + table.padding;
        let top = row_y[cell.row];
        let h = row_y[cell.row + cell.rowspan] - top;
        let text_h = cell_text_height(cell);
        let mut baseline = top + (h - text_h) / 2.0 + EM_ASCENT * cell.size;
        let shift = if cell.align == CellAlign::Decimal && !cell.header {
            decimal_tail(cell.col) - fraction_width(&cell.shaped)
        } else {
            0.0
        };
        for line in &cell.lines {
            let x0 = x - shift.max(0.0);
            let runs = place_line(&cell.shaped, line, x0, baseline, &element.id, report.lines as u32);
            report.lines += 1;
            items.extend(runs.into_iter().map(FrameItem::Text));
            baseline += cell.pitch;
        }
    }

    // Borders: inner lines per cell edge (so merged cells have none across them), then header
    // rule and the outer frame on top.
    let b = table.borders;
    let line = |x1, y1, x2, y2, width: f32| {
        FrameItem::Path(PathItem {
            element: element.id.clone(),
            shape: PathShape::Line { x1, y1, x2, y2 },
            fill: None,
            stroke: Some((width, b.color)),
        })
    };
    if b.inner > 0.0 {
        for cell in &cells {
            let right = col_x[cell.col + cell.colspan];
            let bottom = row_y[cell.row + cell.rowspan];
            if cell.col + cell.colspan < table.column_count() {
                items.push(line(right, row_y[cell.row], right, bottom, b.inner));
            }
            if cell.row + cell.rowspan < nrows && cell.row + cell.rowspan != header_rows {
                items.push(line(col_x[cell.col], bottom, right, bottom, b.inner));
            }
        }
    }
    if b.header > 0.0 && header_rows > 0 && header_rows < nrows {
        let y = row_y[header_rows];
        items.push(line(frame.x, y, frame.right(), y, b.header));
    }
    if b.outer > 0.0 {
        let r = Rect::new(frame.x, frame.y, frame.w, row_y[nrows] - frame.y);
        items.push(FrameItem::Path(PathItem {
            element: element.id.clone(),
            shape: PathShape::Rect(r),
            fill: None,
            stroke: Some((b.outer, b.color)),
        }));
    }
    (items, report)
}

fn cell_text_height(cell: &CellLayout) -> f32 {
    let n = cell.lines.len().max(1) as f32;
    (n - 1.0) * cell.pitch + (EM_ASCENT + EM_DESCENT) * cell.size
}

/// Width of a number's part from its decimal point on (0 when it has none).
fn fraction_width(p: &ShapedParagraph) -> f32 {
    let Some(dot) = p.text.find('.') else {
        return 0.0;
    };
    p.pieces.iter().filter(|x| x.text.start >= dot).map(|x| x.natural + x.glue.natural).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, ElementKind};
    use crate::units::Rect;

    #[test]
    fn a_tall_merged_cell_makes_its_rows_taller() {
        let book = FontBook::bundled().unwrap();
        let mut t = Table::new(2, 2);
        t.header_rows = 0;
        t.rows[0] = vec![Cell { rowspan: 2, ..Cell::new("甲\n乙\n丙\n丁\n戊\n己") }, Cell::new("1")];
        t.rows[1] = vec![Cell::new("2")];
        let el = Element {
            id: "t".into(),
            name: "t".into(),
            frame: Rect::new(0.0, 0.0, 200.0, 10.0),
            locked: false,
            hidden: false,
            wrap: None,
            kind: ElementKind::Table(t.clone()),
        };
        let (items, report) = layout_table(&book, &el, &t);
        assert_eq!(report.lines, 6 + 2);
        let bottom = items
            .iter()
            .filter_map(|i| if let FrameItem::Text(r) = i { Some(r.baseline) } else { None })
            .fold(0.0, f32::max);
        let outer = items.iter().find_map(|i| match i {
            FrameItem::Path(PathItem { shape: PathShape::Rect(r), stroke: Some(_), .. }) => Some(*r),
            _ => None,
        });
        assert!(bottom < outer.unwrap().bottom(), "the six lines fit inside the table");
    }
}
