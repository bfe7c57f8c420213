//! The exported sample PDF checked with real tools: poppler (pdfinfo, pdffonts, pdftotext,
//! pdftoppm), qpdf and zbar. scripts/test installs them.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{normalize, paiban, path_str, tool};

/// Exports the sample once for all tests in this file.
fn sample_pdf() -> &'static Path {
    static PDF: OnceLock<PathBuf> = OnceLock::new();
    PDF.get_or_init(|| {
        let dir = common::scratch("pdf-export");
        let out = dir.join("sample.pdf");
        let run = paiban(&["export", common::SAMPLE, "-o", path_str(&out)]);
        assert!(run.status.success(), "export failed: {}", String::from_utf8_lossy(&run.stderr));
        out
    })
}

fn stdout(o: std::process::Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("utf-8 output")
}

#[test]
fn page_is_a3() {
    let info = stdout(tool("pdfinfo", &[path_str(sample_pdf())]));
    assert!(info.contains("Page size:       841.89 x 1190.55 pts (A3)"), "{info}");
    assert!(info.contains("Pages:           1"), "{info}");
}

#[test]
fn fonts_are_embedded_subset_with_tounicode() {
    let out = stdout(tool("pdffonts", &[path_str(sample_pdf())]));
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{out}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        let (emb, sub, uni) = (cols[n - 5], cols[n - 4], cols[n - 3]);
        assert_eq!((emb, sub, uni), ("yes", "yes", "yes"), "{row}");
        let name = cols[0];
        let (tag, _) = name.split_once('+').unwrap_or_else(|| panic!("no subset tag: {row}"));
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "{row}");
    }
    assert!(out.contains("NotoSerifSC-Regular") && out.contains("NewsKai-Regular"), "{out}");
}

#[test]
fn qpdf_finds_no_errors() {
    common::assert_qpdf_clean(sample_pdf());
}

/// Paragraphs of the seed, with column jumps (blank lines inside a paragraph) joined.
fn seed_paragraphs() -> Vec<String> {
    let seed = common::seed_text();
    let mut out: Vec<String> = Vec::new();
    let mut joining = false;
    for block in seed.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        if block.contains('\t') {
            continue; // the table, checked on its own
        }
        let text = normalize(block.trim_start_matches('#'));
        // A block that does not end a sentence continues in the next one (a column jump).
        if joining && let Some(last) = out.last_mut() {
            last.push_str(&text);
        } else {
            out.push(text.clone());
        }
        joining =
            !text.ends_with(['。', '”', '）', '元', '码', '0', '料', '/', '件', '责', '布', '零', '军', '思', '）']);
    }
    out
}

#[test]
fn text_comes_back_in_reading_order() {
    let text = normalize(&stdout(tool("pdftotext", &[path_str(sample_pdf()), "-"])));
    let paragraphs = seed_paragraphs();
    assert!(paragraphs.len() >= 12, "{paragraphs:?}");
    for p in &paragraphs {
        // The headline's three parts and the banner's two words are set as separate lines.
        for part in p.split(['　']) {
            assert!(text.contains(part), "not found in reading order: {part}");
        }
    }
    // Within the lead story, paragraphs come in order.
    let lead = [
        "淄博10月31日讯10月31日",
        "马晓磊指出",
        "马晓磊强调",
        "赵庆文指出",
        "大众日报淄博融媒体中心记者任灵芝特约记者张晓军",
    ];
    let at: Vec<usize> = lead.iter().map(|s| text.find(s).unwrap_or_else(|| panic!("{s} missing"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "lead story out of order: {at:?}");
    assert!(text.contains("大众日报淄博融媒体中心记者赵志斌刘文思"));
}

#[test]
fn table_rows_come_back_with_their_numbers() {
    // Crop to the table (72 dpi: pixels are points) and keep the physical layout.
    let (doc, pages) = {
        let doc = paiban::io::load(&common::sample()).unwrap();
        let pages = paiban::layout::layout_document(&doc, common::book(), Path::new("layouts"));
        (doc, pages)
    };
    let (_, table) = doc.element("table").unwrap();
    let f = table.frame;
    let args = [
        "-layout",
        "-r",
        "72",
        "-x",
        &format!("{}", f.x.floor()),
        "-y",
        &format!("{}", f.y.floor()),
        "-W",
        &format!("{}", f.w.ceil() + 2.0),
        "-H",
        &format!("{}", f.h.ceil() + 2.0),
    ];
    let mut all: Vec<&str> = args.to_vec();
    let pdf = path_str(sample_pdf());
    all.extend([pdf, "-"]);
    let text = stdout(tool("pdftotext", &all));
    let seed = common::seed_text();
    let rows: Vec<Vec<&str>> =
        seed.lines().filter(|l| l.contains('\t')).skip(1).map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 11);
    for row in rows {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(row[1]))
            .unwrap_or_else(|| panic!("row {row:?} missing in:\n{text}"));
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cells, row, "row as extracted: {line}");
    }
    assert!(!pages.is_empty());
}

#[test]
fn qr_code_decodes_from_pdf_render_and_png_render() {
    let dir = common::scratch("qr");
    let prefix = dir.join("page");
    stdout(tool("pdftoppm", &["-r", "100", "-png", "-singlefile", path_str(sample_pdf()), path_str(&prefix)]));
    let decoded = stdout(tool("zbarimg", &["-q", "--raw", path_str(&dir.join("page.png"))]));
    assert_eq!(decoded.trim(), "https://www.lznews.cn/baoliao");

    let png = dir.join("render.png");
    let run = paiban(&["render", common::SAMPLE, "-o", path_str(&png), "--dpi", "100"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let decoded = stdout(tool("zbarimg", &["-q", "--raw", path_str(&png)]));
    assert_eq!(decoded.trim(), "https://www.lznews.cn/baoliao");
}

#[test]
fn png_render_matches_the_pdf() {
    let dir = common::scratch("compare");
    let prefix = dir.join("pdf");
    stdout(tool("pdftoppm", &["-r", "100", "-png", "-singlefile", path_str(sample_pdf()), path_str(&prefix)]));
    let png = dir.join("paiban.png");
    let run = paiban(&["render", common::SAMPLE, "-o", path_str(&png), "--dpi", "100"]);
    assert!(run.status.success());
    let a = image::open(dir.join("pdf.png")).unwrap().to_rgb8();
    let b = image::open(&png).unwrap().to_rgb8();
    assert_eq!(a.dimensions(), b.dimensions());
    // Compare 8 × 8 pixel blocks (about 2 mm): antialiasing differs between rasterizers, but
    // the same line breaks put the same ink in the same blocks.
    let blocks = |img: &image::RgbImage, dy: u32| -> Vec<[i32; 3]> {
        let (w, h) = (img.width() / 8, img.height() / 8 - 1);
        let mut out = Vec::with_capacity((w * h) as usize);
        for by in 0..h {
            for bx in 0..w {
                let mut sum = [0i32; 3];
                for y in 0..8 {
                    for x in 0..8 {
                        let p = img.get_pixel(bx * 8 + x, (by * 8 + y + dy).min(img.height() - 1)).0;
                        (0..3).for_each(|c| sum[c] += p[c] as i32);
                    }
                }
                out.push(sum.map(|v| v / 64));
            }
        }
        out
    };
    let (ba, bb) = (blocks(&a, 0), blocks(&b, 0));
    let far = |p: &[i32; 3], q: &[i32; 3]| (0..3).any(|c| (p[c] - q[c]).abs() > 40);
    let differing = ba.iter().zip(&bb).filter(|(p, q)| far(p, q)).count();
    let share = differing as f64 / ba.len() as f64;
    assert!(share < 0.005, "{:.2}% of 2 mm blocks differ", share * 100.0);
    // The comparison can tell a page whose lines moved: shift one render by half a line.
    let moved = blocks(&b, 10);
    let shifted = ba.iter().zip(&moved).filter(|(p, q)| far(p, q)).count();
    assert!(shifted > differing * 5 + 50, "a shifted page is not told apart ({shifted} vs {differing})");
}

#[test]
fn images_are_embedded_losslessly_or_as_their_own_jpeg() {
    let dir = common::scratch("images");
    let png = image::RgbImage::from_fn(120, 80, |x, y| image::Rgb([(x * 2) as u8, (y * 3) as u8, 128]));
    png.save(dir.join("chart.png")).unwrap();
    image::DynamicImage::ImageRgb8(png.clone()).save(dir.join("photo.jpg")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(common::sample()).unwrap()).unwrap();
    let els = v["pages"][0]["elements"].as_array_mut().unwrap();
    els.push(
        serde_json::json!({"id": "chart", "kind": "image", "x": 20, "y": 300, "w": 60, "h": 40, "path": "chart.png"}),
    );
    els.push(serde_json::json!({"id": "photo", "kind": "image", "x": 90, "y": 300, "w": 60, "h": 40, "path": "photo.jpg", "fit": "fill"}));
    let layout = dir.join("with-images.json");
    std::fs::write(&layout, v.to_string()).unwrap();
    let images = |preset: &str| {
        let pdf = dir.join(format!("{preset}.pdf"));
        let run = paiban(&["export", path_str(&layout), "-o", path_str(&pdf), "--preset", preset]);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let list = stdout(tool("pdfimages", &["-list", path_str(&pdf)]));
        let rows: Vec<Vec<String>> =
            list.lines().skip(2).map(|l| l.split_whitespace().map(str::to_string).collect()).collect();
        assert_eq!(rows.len(), 2, "{list}");
        // columns: page num type width height color comp bpc enc …
        (rows.iter().map(|r| (r[3].clone(), r[4].clone(), r[5].clone(), r[8].clone())).collect::<Vec<_>>(), list)
    };
    let row = |color: &str, enc: &str| ("120".to_string(), "80".to_string(), color.to_string(), enc.to_string());
    // On screen: the PNG at full size, Flate; the JPEG's own bytes.
    let (screen, list) = images("screen");
    assert!(screen.contains(&row("rgb", "image")), "PNG kept at full size, Flate: {list}");
    assert!(screen.contains(&row("rgb", "jpeg")), "JPEG passed through: {list}");
    // For print: both converted to CMYK at full size and kept lossless (Flate, no re-encoding).
    let (print, list) = images("newsprint");
    assert_eq!(print, vec![row("cmyk", "image"), row("cmyk", "image")], "{list}");
    let check = paiban(&["check", path_str(&layout)]);
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(text.contains("chart") && text.contains("ppi"), "{text}");
}
