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
