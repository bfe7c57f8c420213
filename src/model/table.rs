//! Tables: a grid of cells with column widths, header rows, borders and merged cells.

use crate::color::Color;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CellAlign {
    #[default]
    Left,
    Center,
    Right,
    /// Numbers lined up on their decimal point.
    Decimal,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Cell {
    pub text: String,
    /// The cell's own alignment; `None` takes the column's.
    pub align: Option<CellAlign>,
    pub colspan: u32,
    pub rowspan: u32,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), align: None, colspan: 1, rowspan: 1 }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TableBorders {
    /// The outer frame's line width in points (0: none).
    pub outer: f32,
    /// Lines between cells.
    pub inner: f32,
    /// The line under the header rows.
    pub header: f32,
    pub color: Color,
}

impl Default for TableBorders {
    fn default() -> Self {
        TableBorders { outer: 1.0, inner: 0.5, header: 1.0, color: Color::BLACK }
    }
}

/// A table: `rows` of cells, some spanning; cells covered by a span are absent from their row.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Relative column widths (scaled to the frame's width).
    pub column_widths: Vec<f32>,
    /// Per-column alignment.
    pub column_align: Vec<CellAlign>,
    pub rows: Vec<Vec<Cell>>,
    pub header_rows: u32,
    pub font_family: String,
    pub header_font_family: String,
    pub font_size: f32,
    pub header_fill: Option<Color>,
    pub borders: TableBorders,
    /// Horizontal padding inside each cell.
    pub padding: f32,
}

impl Table {
    /// An empty `rows` × `cols` table with even columns and one header row.
    pub fn new(rows: usize, cols: usize) -> Table {
        Table {
            column_widths: vec![1.0; cols],
            column_align: vec![CellAlign::Left; cols],
            rows: (0..rows).map(|_| (0..cols).map(|_| Cell::new("")).collect()).collect(),
            header_rows: 1,
            font_family: "Noto Sans SC".into(),
            header_font_family: "Noto Sans SC".into(),
            font_size: 9.0,
            header_fill: Some(Color::Gray(15.0)),
            borders: TableBorders::default(),
            padding: crate::units::mm_to_pt(1.0),
        }
    }

    pub fn column_count(&self) -> usize {
        self.column_widths.len()
    }

    /// Places every cell on the grid: (row, column, cell), skipping positions covered by spans.
    pub fn placed_cells(&self) -> Vec<(usize, usize, &Cell)> {
        let cols = self.column_count();
        let mut covered = vec![vec![false; cols]; self.rows.len()];
        let mut out = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            let mut c = 0;
            for cell in row {
                while c < cols && covered[r][c] {
                    c += 1;
                }
                if c >= cols {
                    break;
                }
                let rs = cell.rowspan.max(1) as usize;
                let cs = cell.colspan.max(1) as usize;
                for row in covered.iter_mut().skip(r).take(rs) {
                    row.iter_mut().skip(c).take(cs).for_each(|cell| *cell = true);
                }
                out.push((r, c, cell));
                c += cs;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_skip_covered_positions() {
        let mut t = Table::new(2, 3);
        t.rows[0] = vec![Cell { colspan: 2, ..Cell::new("a") }, Cell { rowspan: 2, ..Cell::new("b") }];
        t.rows[1] = vec![Cell::new("c"), Cell::new("d")];
        let placed: Vec<_> = t.placed_cells().iter().map(|(r, c, cell)| (*r, *c, cell.text.clone())).collect();
        assert_eq!(placed, vec![(0, 0, "a".into()), (0, 2, "b".into()), (1, 0, "c".into()), (1, 1, "d".into())]);
    }
}
