//! Importing copy as newsrooms receive it: plain text into paragraphs, Word (.docx, read with
//! docx-rs) into paragraphs with their style names, CSV (or tab-separated text pasted from a
//! spreadsheet) into a table, from UTF-8 or GB18030 — the encoding Chinese Windows tools still
//! write. Numbers in the cells decide how columns align.

use crate::model::{Cell, CellAlign, Table};

/// The largest file imported: a Word document with its pictures; a page's copy is under 1 MB.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ImportError {
    #[error("the file is neither UTF-8 nor GB18030 text")]
    Encoding,
    #[error("line {line}: a quoted field is not closed")]
    OpenQuote { line: usize },
    #[error("there is no text to import")]
    Empty,
    #[error("not a Word document: {0}")]
    Docx(String),
}

/// A paragraph from a Word document: its style's name there, and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct DocxParagraph {
    pub style: Option<String>,
    pub text: String,
}

/// The paragraphs of a .docx, in order, with their style names (as Word shows them, e.g.
/// "正文", "标题 1"); empty paragraphs are dropped.
pub fn docx_paragraphs(bytes: &[u8]) -> Result<Vec<DocxParagraph>, ImportError> {
    use docx_rs::{DocumentChild, ParagraphChild, RunChild};
    let docx = docx_rs::read_docx(bytes).map_err(|e| ImportError::Docx(e.to_string()))?;
    // Style ids (what paragraphs name) to style names (what designers map to house styles).
    let names: std::collections::HashMap<String, String> = docx
        .styles
        .styles
        .iter()
        .filter_map(|s| Some((s.style_id.clone(), serde_json::to_value(&s.name).ok()?.as_str()?.to_string())))
        .collect();
    fn run_text(children: &[ParagraphChild], out: &mut String) {
        for child in children {
            match child {
                ParagraphChild::Run(run) => {
                    for c in &run.children {
                        match c {
                            RunChild::Text(t) => out.push_str(&t.text),
                            RunChild::Tab(_) => out.push('\t'),
                            _ => {}
                        }
                    }
                }
                ParagraphChild::Hyperlink(link) => run_text(&link.children, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for child in &docx.document.children {
        let DocumentChild::Paragraph(p) = child else { continue };
        let mut text = String::new();
        run_text(&p.children, &mut text);
        let text = text.trim_matches(|c: char| c.is_whitespace()).to_string();
        if text.is_empty() {
            continue;
        }
        let style = p.property.style.as_ref().map(|s| names.get(&s.val).cloned().unwrap_or_else(|| s.val.clone()));
        out.push(DocxParagraph { style, text });
    }
    if out.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(out)
}

/// The text of a file: UTF-8 (with or without a BOM), UTF-16 with a BOM, else GB18030.
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, malformed) = enc.decode_without_bom_handling(&bytes[bom..]);
        return if malformed { Err(ImportError::Encoding) } else { Ok(text.into_owned()) };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let (text, malformed) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if malformed { Err(ImportError::Encoding) } else { Ok(text.into_owned()) }
}

/// Paragraphs of plain copy: one per line, blank lines dropped, the typist's leading spaces
/// (full-width or not) removed — the paragraph style indents.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// Rows of CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes), or of
/// tab-separated text when the first line has a tab and no comma outside quotes.
pub fn rows(text: &str) -> Result<Vec<Vec<String>>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let sep = if first.contains('\t') && !first.contains(',') { '\t' } else { ',' };
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let (mut quoted, mut line, mut quote_line) = (false, 1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                line += usize::from(c == '\n');
                field.push(c);
            }
            (false, '"') if field.is_empty() => {
                quoted = true;
                quote_line = line;
            }
            (false, c) if c == sep => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                line += 1;
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(ImportError::OpenQuote { line: quote_line });
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows.retain(|r| r.iter().any(|f| !f.trim().is_empty()));
    if rows.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(rows)
}

/// A number as a table shows one: digits with an optional sign, thousands commas, decimals and
/// a trailing % or unit-free.
fn is_number(s: &str) -> bool {
    let s = s.trim().trim_end_matches('%');
    let s = s.strip_prefix(['-', '+', '−']).unwrap_or(s);
    !s.is_empty()
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// A table of `rows`, the first a header; short rows are padded. Columns whose body cells are
/// all numbers align right, or on the decimal point when any has decimals.
pub fn table(rows: Vec<Vec<String>>) -> Table {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut t = Table::new(0, cols);
    for c in 0..cols {
        let body: Vec<&str> =
            rows.iter().skip(1).filter_map(|r| r.get(c)).map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
        if !body.is_empty() && body.iter().all(|s| is_number(s)) {
            t.column_align[c] =
                if body.iter().any(|s| s.contains('.')) { CellAlign::Decimal } else { CellAlign::Right };
        }
    }
    t.rows = rows
        .into_iter()
        .map(|r| {
            let mut cells: Vec<Cell> = r.into_iter().map(|f| Cell::new(f.trim())).collect();
            cells.resize_with(cols, || Cell::new(""));
            cells
        })
        .collect();
    t.header_rows = u32::from(t.rows.len() > 1);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_tabs() {
        let r = rows("序号,\"单位,名称\",\"说\"\"明\"\r\n1,沂源县,\"两\n行\"\n").unwrap();
        assert_eq!(r, vec![vec!["序号", "单位,名称", "说\"明"], vec!["1", "沂源县", "两\n行"]]);
        assert_eq!(rows("a\tb\n1\t2").unwrap(), vec![vec!["a", "b"], vec!["1", "2"]]);
        assert_eq!(rows("a,\"b\n"), Err(ImportError::OpenQuote { line: 1 }));
        assert_eq!(rows("\n \n"), Err(ImportError::Empty));
    }

    #[test]
    fn numbers_align_their_columns() {
        let t = table(rows("区,办结量,一次办结率\n临淄区,2429,92.80%\n张店区,\"3,210\",89.88%").unwrap());
        assert_eq!(t.column_align, [CellAlign::Left, CellAlign::Right, CellAlign::Decimal]);
        assert_eq!(t.header_rows, 1);
        assert_eq!(t.rows[2][1].text, "3,210");
    }
}
