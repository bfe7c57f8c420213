//! Print production: the presets' PDFs read back with lopdf (boxes, OutputIntent, Info, XMP,
//! every content stream's colour operators and overprint state) and checked with qpdf,
//! Ghostscript and xmllint; the preflight on a layout of known faults; byte-identical exports;
//! a 24-page edition.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{paiban, path_str, tool};
use lopdf::{Document, Object};

fn export(name: &str, layout: &Path, extra: &[&str]) -> PathBuf {
    let dir = common::scratch(&format!("print-{name}"));
    let out = dir.join(format!("{name}.pdf"));
    let mut args = vec!["export", path_str(layout), "-o", path_str(&out)];
    args.extend_from_slice(extra);
    let run = paiban(&args);
    assert!(run.status.success(), "export failed: {}", String::from_utf8_lossy(&run.stderr));
    out
}

fn newsprint() -> &'static Path {
    static PDF: OnceLock<PathBuf> = OnceLock::new();
    PDF.get_or_init(|| export("newsprint", &common::sample(), &["--preset", "newsprint"]))
}

fn coated() -> &'static Path {
    static PDF: OnceLock<PathBuf> = OnceLock::new();
    PDF.get_or_init(|| export("coated", &common::sample(), &["--preset", "coated"]))
}

fn load(path: &Path) -> Document {
    Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn catalog(doc: &Document) -> &lopdf::Dictionary {
    let root = doc.trailer.get(b"Root").and_then(Object::as_reference).expect("Root");
    doc.get_dictionary(root).expect("catalog")
}

fn info(doc: &Document) -> &lopdf::Dictionary {
    let id = doc.trailer.get(b"Info").and_then(Object::as_reference).expect("Info");
    doc.get_dictionary(id).expect("info")
}

fn string(dict: &lopdf::Dictionary, key: &str) -> String {
    let o = dict.get(key.as_bytes()).unwrap_or_else(|_| panic!("no /{key}"));
    String::from_utf8_lossy(o.as_str().unwrap_or_else(|_| panic!("/{key} is not a string"))).into_owned()
}

fn numbers(o: &Object) -> Vec<f32> {
    o.as_array().expect("array").iter().map(|v| v.as_float().expect("number")).collect()
}

fn page_box(doc: &Document, page: lopdf::ObjectId, key: &str) -> [f32; 4] {
    let dict = doc.get_dictionary(page).expect("page");
    let v = numbers(dict.get(key.as_bytes()).unwrap_or_else(|_| panic!("page has no /{key}")));
    [v[0], v[1], v[2], v[3]]
}

#[test]
fn newsprint_is_pdfx_1a_with_output_intent_and_xmp() {
    let bytes = std::fs::read(newsprint()).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.3"), "PDF/X-1a:2001 is PDF 1.3");
    let doc = load(newsprint());
    for (_, page) in doc.get_pages() {
        let trim = page_box(&doc, page, "TrimBox");
        let media = page_box(&doc, page, "MediaBox");
        assert_eq!(trim, media, "newsprint: no bleed, no marks");
        assert!((trim[2] - trim[0] - 841.89).abs() < 0.1 && (trim[3] - trim[1] - 1190.55).abs() < 0.1, "{trim:?}");
    }
    let info = info(&doc);
    assert_eq!(string(info, "GTS_PDFXVersion"), "PDF/X-1:2001");
    assert_eq!(string(info, "GTS_PDFXConformance"), "PDF/X-1a:2001");
    assert_eq!(info.get(b"Trapped").and_then(Object::as_name).unwrap(), b"False");
    assert!(string(info, "CreationDate").starts_with("D:"));
    assert!(info.get(b"Title").is_ok());

    let catalog = catalog(&doc);
    let intents = catalog.get(b"OutputIntents").and_then(Object::as_array).expect("OutputIntents");
    assert_eq!(intents.len(), 1);
    let intent = match &intents[0] {
        Object::Dictionary(d) => d,
        Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
        o => panic!("output intent {o:?}"),
    };
    assert_eq!(intent.get(b"S").and_then(Object::as_name).unwrap(), b"GTS_PDFX");
    assert_eq!(string(intent, "OutputConditionIdentifier"), "CGATS TR 002");
    assert!(intent.get(b"DestinationOutputProfile").is_err(), "printpdf's misspelt key must not appear");
    let profile = intent.get(b"DestOutputProfile").and_then(Object::as_reference).expect("DestOutputProfile");
    let stream = doc.get_object(profile).and_then(Object::as_stream).expect("ICC stream");
    assert_eq!(stream.dict.get(b"N").and_then(Object::as_i64).unwrap(), 4);
    let icc = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    assert_eq!(&icc[36..40], b"acsp", "an ICC profile");
    assert_eq!(&icc[16..20], b"CMYK");

    // The XMP packet: well-formed XML (xmllint) saying the same as the Info dictionary.
    let meta = catalog.get(b"Metadata").and_then(Object::as_reference).expect("Metadata");
    let xmp = doc.get_object(meta).and_then(Object::as_stream).unwrap().content.clone();
    let xmp_path = newsprint().with_extension("xmp");
    std::fs::write(&xmp_path, &xmp).unwrap();
    let lint = tool("xmllint", &["--noout", path_str(&xmp_path)]);
    assert!(lint.status.success(), "XMP is not well-formed: {}", String::from_utf8_lossy(&lint.stderr));
    let xmp = String::from_utf8(xmp).unwrap();
    assert!(xmp.contains("<pdfx:GTS_PDFXVersion>PDF/X-1:2001</pdfx:GTS_PDFXVersion>"), "{xmp}");
    assert!(xmp.contains("<pdf:Trapped>False</pdf:Trapped>"), "{xmp}");
    assert!(xmp.contains("鲁中晨报"), "{xmp}");
}

/// Walks every content stream, tracking fill colour and overprint; returns the number of text
/// showing operators checked.
fn check_print_content(doc: &Document) -> usize {
    let gstates: Vec<(Vec<u8>, bool)> = {
        let page = doc.get_pages().into_values().next().unwrap();
        let (res, ids) = doc.get_page_resources(page).unwrap();
        let mut all = Vec::new();
        let dicts = res.into_iter().cloned().chain(ids.into_iter().map(|id| doc.get_dictionary(id).unwrap().clone()));
        for d in dicts {
            let Ok(gs) = d.get(b"ExtGState") else { continue };
            let gs = match gs {
                Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
                Object::Dictionary(d) => d,
                _ => continue,
            };
            for (name, v) in gs.iter() {
                let d = match v {
                    Object::Dictionary(d) => d,
                    Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
                    _ => continue,
                };
                let flag = |k: &[u8]| d.get(k).and_then(Object::as_bool).unwrap_or(false);
                assert_eq!(flag(b"OP"), flag(b"op"), "fill and stroke overprint agree in {name:?}");
                all.push((name.clone(), flag(b"OP") && flag(b"op")));
            }
        }
        all
    };
    assert!(gstates.iter().any(|(_, on)| *on), "an overprinting ExtGState exists");
    let (mut shown, mut paths) = (0, 0);
    for (_, page) in doc.get_pages() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
        let (mut fill, mut stroke): (Vec<f32>, Vec<f32>) = (vec![0.0, 0.0, 0.0, 1.0], vec![0.0, 0.0, 0.0, 1.0]);
        let mut overprint = false;
        let mut saved = Vec::new();
        for op in &content.operations {
            let args: Vec<f32> = op.operands.iter().filter_map(|o| o.as_float().ok()).collect();
            match op.operator.as_str() {
                "q" => saved.push((fill.clone(), stroke.clone(), overprint)),
                "Q" => (fill, stroke, overprint) = saved.pop().expect("balanced q/Q"),
                "rg" | "RG" | "sc" | "SC" | "scn" | "SCN" | "cs" | "CS" => {
                    panic!("device-dependent or RGB colour operator {} {:?}", op.operator, op.operands)
                }
                "k" | "g" => fill = args,
                "K" | "G" => stroke = args,
                // A painted path overprints exactly when all it paints is K-only black.
                "f" | "F" | "f*" | "S" | "s" | "B" | "B*" | "b" | "b*" => {
                    let black = |c: &[f32]| c == [0.0, 0.0, 0.0, 1.0];
                    let fills = op.operator != "S" && op.operator != "s";
                    let strokes = !matches!(op.operator.as_str(), "f" | "F" | "f*");
                    let all_black = (!fills || black(&fill)) && (!strokes || black(&stroke));
                    assert_eq!(overprint, all_black, "{} with fill {fill:?} stroke {stroke:?}", op.operator);
                    paths += 1;
                }
                "gs" => {
                    let name = op.operands[0].as_name().unwrap();
                    overprint = gstates.iter().find(|(n, _)| n == name).expect("known ExtGState").1;
                }
                "Tj" | "TJ" => {
                    shown += 1;
                    // Black is 0 0 0 1 k: DeviceGray black would knock out whatever it overprints.
                    assert!(fill != [0.0], "black text in DeviceGray");
                    let k_only = fill == [0.0, 0.0, 0.0, 1.0];
                    let rich = fill.len() == 4 && fill[3] >= 0.8 && fill[..3].iter().any(|v| *v > 0.0);
                    assert!(!rich, "four-colour black text: {fill:?}");
                    if k_only {
                        assert!(overprint, "black text without overprint");
                    } else {
                        assert!(!overprint, "coloured text {fill:?} overprints");
                    }
                }
                _ => {}
            }
        }
    }
    assert!(paths > 10, "only {paths} painted paths checked");
    // No RGB image either.
    for (_, obj) in doc.objects.iter() {
        if let Ok(s) = obj.as_stream()
            && s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")
        {
            let space = s.dict.get(b"ColorSpace").and_then(Object::as_name).unwrap();
            assert!(space == b"DeviceCMYK" || space == b"DeviceGray", "image in {}", String::from_utf8_lossy(space));
            assert!(s.dict.get(b"SMask").is_err(), "no soft masks in PDF/X-1a");
        }
    }
    shown
}

#[test]
fn newsprint_has_no_rgb_and_black_text_is_k_only_overprinting() {
    let doc = load(newsprint());
    let shown = check_print_content(&doc);
    assert!(shown > 100, "only {shown} text operators checked");
    let raw = std::fs::read(newsprint()).unwrap();
    let content =
        lopdf::content::Content::decode(&doc.get_page_content(doc.get_pages().into_values().next().unwrap())).unwrap();
    let black = content
        .operations
        .iter()
        .filter(|op| op.operator == "k" && op.operands.iter().map(|o| o.as_float().unwrap()).eq([0.0, 0.0, 0.0, 1.0]))
        .count();
    assert!(black > 10, "body text is set in 0 0 0 1 k ({black} times)");
    assert!(!raw.windows(9).any(|w| w == b"DeviceRGB"), "no DeviceRGB anywhere");
}

#[test]
fn newsprint_passes_qpdf_and_ghostscript() {
    common::assert_qpdf_clean(newsprint());
    let png = newsprint().with_extension("gs.png");
    let gs = tool(
        "gs",
        &[
            "-q",
            "-dSAFER",
            "-dBATCH",
            "-dNOPAUSE",
            "-dPDFSTOPONERROR",
            "-sDEVICE=png16m",
            "-r20",
            &format!("-sOutputFile={}", path_str(&png)),
            path_str(newsprint()),
        ],
    );
    let said = format!("{}{}", String::from_utf8_lossy(&gs.stdout), String::from_utf8_lossy(&gs.stderr));
    assert!(gs.status.success(), "Ghostscript: {said}");
    assert!(!said.to_lowercase().contains("error"), "Ghostscript: {said}");
    assert!(std::fs::metadata(&png).unwrap().len() > 1000);
}

#[test]
fn coated_has_3mm_bleed_and_marks_outside_it() {
    let doc = load(coated());
    let bleed_pt = 3.0 * 72.0 / 25.4;
    let (_, page) = doc.get_pages().into_iter().next().unwrap();
    let trim = page_box(&doc, page, "TrimBox");
    let bleed = page_box(&doc, page, "BleedBox");
    let media = page_box(&doc, page, "MediaBox");
    for i in 0..2 {
        assert!((trim[i] - bleed[i] - bleed_pt).abs() < 0.01, "{trim:?} {bleed:?}");
        assert!((bleed[i + 2] - trim[i + 2] - bleed_pt).abs() < 0.01, "{trim:?} {bleed:?}");
        assert!(media[i] <= bleed[i] - 10.0 && media[i + 2] >= bleed[i + 2] + 10.0, "room for marks: {media:?}");
    }
    check_print_content(&doc);
    // Every stroke in registration colour (1 1 1 1 K) is a mark: all its points lie outside
    // the BleedBox, and there are crop marks at all four corners.
    let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
    let mut stroke: Vec<f32> = Vec::new();
    let mut path: Vec<(f32, f32)> = Vec::new();
    let mut mark_points = Vec::new();
    let mut depth = 0;
    for op in &content.operations {
        let args: Vec<f32> = op.operands.iter().filter_map(|o| o.as_float().ok()).collect();
        match op.operator.as_str() {
            "q" => depth += 1,
            "Q" => depth -= 1,
            "K" => stroke = args,
            "m" | "l" => path.push((args[0], args[1])),
            "re" => path.extend([(args[0], args[1]), (args[0] + args[2], args[1] + args[3])]),
            "S" | "s" | "f" | "B" | "b" | "n" | "f*" => {
                if stroke == [1.0, 1.0, 1.0, 1.0] && depth == 0 && op.operator == "S" {
                    mark_points.append(&mut path);
                }
                path.clear();
            }
            _ => {}
        }
    }
    assert!(mark_points.len() >= 16, "{} mark points", mark_points.len());
    for (x, y) in &mark_points {
        let inside = *x > bleed[0] + 0.01 && *x < bleed[2] - 0.01 && *y > bleed[1] + 0.01 && *y < bleed[3] - 0.01;
        assert!(!inside, "mark point ({x}, {y}) inside the bleed {bleed:?}");
    }
    for (cx, cy) in [(trim[0], trim[1]), (trim[2], trim[1]), (trim[0], trim[3]), (trim[2], trim[3])] {
        let near = mark_points.iter().filter(|(x, y)| (x - cx).abs() < 0.01 || (y - cy).abs() < 0.01).count();
        assert!(near >= 2, "crop marks at the corner ({cx}, {cy})");
    }
    let pdftoppm = tool(
        "pdftoppm",
        &["-r", "20", "-png", "-singlefile", path_str(coated()), path_str(&coated().with_extension(""))],
    );
    assert!(pdftoppm.status.success());
}

#[test]
fn screen_preset_is_rgb_without_pdfx() {
    let out = export("screen", &common::sample(), &["--preset", "screen"]);
    let doc = load(&out);
    assert!(catalog(&doc).get(b"OutputIntents").is_err());
    assert!(info(&doc).get(b"GTS_PDFXVersion").is_err());
    let content = doc.get_page_content(doc.get_pages().into_values().next().unwrap());
    let ops = lopdf::content::Content::decode(&content).unwrap().operations;
    assert!(ops.iter().any(|op| op.operator == "rg"), "screen colours are RGB");
    assert!(!ops.iter().any(|op| op.operator == "k"), "no CMYK on screen");
}

#[test]
fn two_exports_are_byte_identical() {
    let a = std::fs::read(export("same-a", &common::sample(), &[])).unwrap();
    let b = std::fs::read(export("same-b", &common::sample(), &[])).unwrap();
    assert!(a == b, "two exports of one layout differ");
    let c = std::fs::read(export("same-c", &common::sample(), &["--preset", "coated"])).unwrap();
    assert!(a != c, "another preset, other bytes");
}

/// A small layout with one of each fault the preflight must catch.
fn faulty_layout(dir: &Path) -> PathBuf {
    // A 100 × 100 px image placed 35 mm wide: 72 ppi.
    let img = image::RgbImage::from_fn(100, 100, |x, y| image::Rgb([(x * 2) as u8, (y * 2) as u8, 128]));
    img.save(dir.join("photo.png")).unwrap();
    let layout = serde_json::json!({
        "format": 1,
        "title": "faults",
        "pages": [{ "size": [210, 297], "margins": {"top": 10, "bottom": 10, "left": 10, "right": 10},
            "elements": [
                { "id": "overset-frame", "kind": "text", "x": 10, "y": 10, "w": 20, "h": 8 },
                { "id": "low-res-photo", "kind": "image", "x": 10, "y": 30, "w": 35.28, "h": 35.28, "path": "photo.png", "fit": "stretch" },
                { "id": "tiny-qr", "kind": "qr", "x": 60, "y": 30, "w": 9.9, "h": 9.9, "payload": "https://example.org/a", "ec": "L", "quiet_zone": 4 },
                { "id": "reversed-box", "kind": "shape", "shape": "rect", "x": 10, "y": 80, "w": 80, "h": 10, "fill": {"cmyk": [0, 0, 0, 100]} },
                { "id": "reversed-text", "kind": "text", "x": 10, "y": 80, "w": 80, "h": 10 },
                { "id": "rare-char", "kind": "text", "x": 10, "y": 100, "w": 80, "h": 10 }
            ] }],
        "stories": [
            { "id": "s1", "frames": ["overset-frame"], "paragraphs": [{ "text": "这一段文字太长了，二十毫米宽八毫米高的文本框放不下这么多字。" }] },
            { "id": "s2", "frames": ["reversed-text"], "paragraphs": [{ "runs": [{ "text": "反白小字", "size": 5, "color": {"gray": 0} }] }] },
            { "id": "s3", "frames": ["rare-char"], "paragraphs": [{ "text": "生僻字\u{20000}" }] }
        ]
    });
    let path = dir.join("faults.json");
    std::fs::write(&path, serde_json::to_string_pretty(&layout).unwrap()).unwrap();
    path
}

#[test]
fn preflight_reports_each_fault_with_its_element_and_a_fix() {
    let dir = common::scratch("print-preflight");
    let layout = faulty_layout(&dir);
    let out = paiban(&["check", path_str(&layout)]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{text}{}", String::from_utf8_lossy(&out.stderr));
    let finding = |element: &str, words: &[&str]| {
        let line = text
            .lines()
            .find(|l| l.contains(&format!(" {element}: ")) && words.iter().all(|w| l.contains(w)))
            .unwrap_or_else(|| panic!("no finding for {element} with {words:?} in\n{text}"));
        assert!(line.contains(';'), "a fix hint follows the problem: {line}");
    };
    finding("overset-frame", &["overset", "超"]);
    finding("low-res-photo", &["72 ppi", "200 ppi"]);
    finding("tiny-qr", &["QR modules", "0.3", "0.5 mm"]);
    finding("reversed-text", &["reversed", "5 pt", "10 pt"]);
    finding("rare-char", &["U+20000"]);
    // The same layout under the coated preset holds images to 300 ppi.
    let coated = String::from_utf8(paiban(&["check", "--preset", "coated", path_str(&layout)]).stdout).unwrap();
    assert!(coated.contains("300 ppi"), "{coated}");
    // Export goes ahead with warnings on stderr, never silently.
    let pdf = dir.join("faults.pdf");
    let run = paiban(&["export", path_str(&layout), "-o", path_str(&pdf)]);
    let said = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "a missing glyph stops the export: {said}");
    assert!(said.contains("error: page 1 rare-char") && said.contains("--force"), "{said}");
    assert!(!pdf.exists());
    let run = paiban(&["export", path_str(&layout), "-o", path_str(&pdf), "--force"]);
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{said}");
    assert!(said.contains("warning: page 1 tiny-qr") && said.contains("[at pages[0].elements[2]]"), "{said}");
}

#[test]
fn sample_preflight_is_clean_under_every_preset() {
    for preset in ["newsprint", "coated", "screen"] {
        let out = paiban(&["check", "--preset", preset, common::SAMPLE]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && text.contains("preflight: clean"), "{preset}: {text}");
    }
}

/// The sample page 24 times over (ids made unique per page), labelled A01…A24.
fn edition(dir: &Path, pages: usize) -> PathBuf {
    let sample: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(common::sample()).unwrap()).unwrap();
    let mut doc = sample.clone();
    let (page, stories) = (&sample["pages"][0], sample["stories"].as_array().unwrap());
    let mut all_pages = Vec::new();
    let mut all_stories = Vec::new();
    for n in 1..=pages {
        let suffix = |id: &serde_json::Value| serde_json::Value::from(format!("{}-p{n}", id.as_str().unwrap()));
        let mut p = page.clone();
        p["label"] = format!("A{n:02}").into();
        for el in p["elements"].as_array_mut().unwrap() {
            el["id"] = suffix(&el["id"]);
        }
        all_pages.push(p);
        for s in stories {
            let mut s = s.clone();
            s["id"] = suffix(&s["id"]);
            for f in s["frames"].as_array_mut().unwrap() {
                *f = suffix(f);
            }
            all_stories.push(s);
        }
    }
    doc["pages"] = all_pages.into();
    doc["stories"] = all_stories.into();
    let path = dir.join("edition.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    path
}

#[test]
fn edition_of_24_pages_exports_with_progress_labels_and_split() {
    let dir = common::scratch("print-edition");
    let layout = edition(&dir, 24);
    let pdf = dir.join("edition.pdf");
    let run = paiban(&["export", path_str(&layout), "-o", path_str(&pdf)]);
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{said}");
    assert!(said.contains("exported page 1/24") && said.contains("exported page 24/24"), "progress: {said}");
    let doc = load(&pdf);
    assert_eq!(doc.get_pages().len(), 24);
    let labels = catalog(&doc).get(b"PageLabels").and_then(Object::as_dict).expect("PageLabels");
    let nums = labels.get(b"Nums").and_then(Object::as_array).unwrap();
    let last = nums.last().and_then(|o| o.as_dict().ok()).unwrap();
    assert_eq!(string(last, "P"), "A24");
    check_print_content(&doc);

    let run = paiban(&["export", path_str(&layout), "-o", path_str(&dir.join("page.pdf")), "--split"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    for n in [1, 12, 24] {
        let one = load(&dir.join(format!("page-A{n:02}.pdf")));
        assert_eq!(one.get_pages().len(), 1);
        let text =
            String::from_utf8(tool("pdftotext", &[path_str(&dir.join(format!("page-A{n:02}.pdf"))), "-"]).stdout)
                .unwrap();
        assert!(text.contains("从严从快从细落实疫情防控各项措施"), "page {n}");
    }
}
