//! Importing copy from files made here: the seed's text as a GB18030 .txt and its table as a
//! GB18030 CSV arrive as paragraphs and cells with the Chinese intact, and print.

mod common;

use paiban::import;

/// The seed's tab-separated table lines, and its other non-empty lines.
fn seed_parts() -> (Vec<Vec<String>>, Vec<String>) {
    let seed = common::seed_text();
    let table: Vec<Vec<String>> = seed
        .lines()
        .filter(|l| l.contains('\t'))
        .map(|l| l.split('\t').map(|f| f.trim().to_string()).collect())
        .collect();
    let text: Vec<String> =
        seed.lines().filter(|l| !l.contains('\t')).map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    (table, text)
}

fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn a_gb18030_text_file_arrives_paragraph_by_paragraph() {
    let (_, text) = seed_parts();
    let dir = common::scratch("import-text");
    let path = dir.join("copy.txt");
    // As a Windows editor writes it: GB18030, CRLF, paragraphs indented with full-width spaces.
    let file: String = text.iter().map(|p| format!("\u{3000}\u{3000}{p}\r\n\r\n")).collect();
    std::fs::write(&path, gb18030(&file)).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "the file really is GB18030");
    let paragraphs = import::paragraphs(&import::decode(&bytes).unwrap());
    assert_eq!(paragraphs, text);
    // UTF-8 with a BOM reads the same.
    let mut utf8 = vec![0xef, 0xbb, 0xbf];
    utf8.extend(file.as_bytes());
    assert_eq!(import::paragraphs(&import::decode(&utf8).unwrap()), text);
    assert_eq!(import::decode(&[0xff, 0xfe, 0x00]), Err(import::ImportError::Encoding), "broken UTF-16");
}

#[test]
fn a_gb18030_csv_becomes_a_table_with_numbers_aligned_and_prints() {
    let (table, _) = seed_parts();
    assert!(table.len() >= 12, "the seed's table: header and 11 rows");
    let csv: String = table
        .iter()
        .map(|r| {
            r.iter().map(|f| if f.contains(',') { format!("\"{f}\"") } else { f.clone() }).collect::<Vec<_>>().join(",")
                + "\r\n"
        })
        .collect();
    let dir = common::scratch("import-csv");
    let path = dir.join("table.csv");
    std::fs::write(&path, gb18030(&csv)).unwrap();
    let t = import::table(import::rows(&import::decode(&std::fs::read(&path).unwrap()).unwrap()).unwrap());
    let cells: Vec<Vec<String>> = t.rows.iter().map(|r| r.iter().map(|c| c.text.clone()).collect()).collect();
    assert_eq!(cells, table, "every cell arrives intact");
    assert_eq!(t.column_align[0], paiban::model::CellAlign::Right, "序号 is a number column");
    assert_eq!(t.column_align[1], paiban::model::CellAlign::Left);

    // Placed on a page and exported: the cells print and read back.
    let mut doc = paiban::io::load(&common::sample()).unwrap();
    let el = doc.pages[0].elements.iter_mut().find(|e| e.id == "table").unwrap();
    el.kind = paiban::model::ElementKind::Table(t);
    let layout = dir.join("with-import.json");
    paiban::io::save(&doc, &layout).unwrap();
    let pdf = dir.join("out.pdf");
    let run = common::paiban(&["export", common::path_str(&layout), "-o", common::path_str(&pdf)]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = String::from_utf8(common::tool("pdftotext", &["-layout", common::path_str(&pdf), "-"]).stdout).unwrap();
    for row in &table[1..] {
        assert!(row.iter().all(|cell| text.contains(cell.as_str())), "row {row:?} is in the PDF");
    }
}

#[test]
fn a_word_document_arrives_with_its_paragraphs_and_style_names() {
    use docx_rs::{Docx, Paragraph, Run, Style, StyleType};
    let (_, text) = seed_parts();
    let lead: Vec<&String> = text.iter().skip_while(|l| !l.contains("淄博10月31日讯")).take(4).collect();
    assert_eq!(lead.len(), 4);
    // A .docx as a reporter's Word writes it: styles by id, named 正文 and 作者.
    let mut docx = Docx::new()
        .add_style(Style::new("BodyCN", StyleType::Paragraph).name("正文"))
        .add_style(Style::new("Byline", StyleType::Paragraph).name("作者"));
    for p in &lead {
        docx = docx.add_paragraph(Paragraph::new().style("BodyCN").add_run(Run::new().add_text(p.as_str())));
    }
    docx = docx.add_paragraph(Paragraph::new());
    docx = docx.add_paragraph(
        Paragraph::new().style("Byline").add_run(Run::new().add_text("大众日报淄博融媒体中心记者 任灵芝")),
    );
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).unwrap();
    let dir = common::scratch("import-docx");
    let path = dir.join("稿件.docx");
    std::fs::write(&path, bytes.into_inner()).unwrap();

    let paragraphs = import::docx_paragraphs(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(paragraphs.len(), 5, "the empty paragraph is dropped");
    for (p, expected) in paragraphs.iter().zip(&lead) {
        assert_eq!(p.style.as_deref(), Some("正文"));
        assert_eq!(&&p.text, expected, "the text arrives intact");
    }
    assert_eq!(paragraphs[4].style.as_deref(), Some("作者"));
    assert_eq!(paragraphs[4].text, "大众日报淄博融媒体中心记者 任灵芝");
    assert!(matches!(import::docx_paragraphs(b"PK not really"), Err(import::ImportError::Docx(_))));
}
