//! The PDF gives back the source text through the glyphs' source mapping: 縦中横 digits in a
//! vertical frame and a number in a horizontal line extract as typed (pdftotext, plain and
//! -raw), not as "10岁" or "122" (one glyph used to carry the whole number's text).

mod common;

#[test]
fn vertical_tcy_digits_and_numbers_extract_as_the_source_text() {
    let dir = common::scratch("pdf-text-mapping");
    let layout = dir.join("page.json");
    std::fs::write(
        &layout,
        r#"{"format":1,
        "styles":{"正文":{"font":"Noto Serif SC","size":"五号","leading":15.5,"indent":0,"align":"left"}},
        "pages":[{"size":[148,210],"margins":{"top":10,"bottom":10,"left":10,"right":10},"columns":1,"gutter":0,
          "elements":[
            {"id":"v","kind":"text","x":100,"y":20,"w":12,"h":80,"vertical":true},
            {"id":"h","kind":"text","x":10,"y":120,"w":80,"h":20}]}],
        "stories":[
          {"id":"v","frames":["v"],"paragraphs":[{"style":"正文","text":"老人108岁"}]},
          {"id":"h","frames":["h"],"paragraphs":[{"style":"正文","text":"共12人获奖"}]}]}"#,
    )
    .unwrap();
    let pdf = dir.join("page.pdf");
    let out = common::paiban(&["export", common::path_str(&layout), "-o", common::path_str(&pdf), "--force"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for raw in [false, true] {
        let mut args = vec![];
        if raw {
            args.push("-raw");
        }
        args.extend([common::path_str(&pdf), "-"]);
        let text = String::from_utf8(common::tool("pdftotext", &args).stdout).unwrap();
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(flat.contains("共12人获奖"), "raw={raw}: {text:?}");
        assert!(flat.contains("108岁"), "raw={raw}: {text:?}");
    }
}

/// Whether `c` is a Han character.
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Whether `line` is made only of punctuation (a fragment split off a line).
fn punctuation_only(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.chars().all(|c| !c.is_alphanumeric() && !is_han(c))
}

/// #11 must-show 4: `pdftotext -raw` of a page gives each body line as the engine set it — the
/// line's characters in order, with the copy's own spaces and no others — and no fragments of
/// punctuation split off where compressed marks overlap their neighbours' boxes.
#[test]
fn defect_13_pdftotext_raw_gives_each_line_as_set() {
    let dir = common::scratch("pdf-text-lines");
    for layout in [common::SAMPLE, "layouts/qilu-2026-04-08.json"] {
        let doc = paiban::io::load(&common::root().join(layout)).unwrap();
        let pages = common::lay_out(&doc);
        let pdf = dir.join("page.pdf");
        let out = common::paiban(&["export", layout, "-o", common::path_str(&pdf), "--force"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let mut body = 0;
        for (p, page) in pages.iter().enumerate() {
            let n = (p + 1).to_string();
            let args = ["-raw", "-f", &n, "-l", &n, common::path_str(&pdf), "-"];
            let text = String::from_utf8(common::tool("pdftotext", &args).stdout).unwrap();
            let got: Vec<&str> = text.lines().map(str::trim_end).collect();
            for line in page.lines.iter().filter(|l| l.text.chars().any(is_han)) {
                let want = line.text.trim_end();
                assert!(
                    got.contains(&want),
                    "{layout} page {n}: line {want:?} of {} not extracted whole:\n{text}",
                    line.element
                );
                body += 1;
            }
            // Body lines compared whole above; nothing else is a punctuation fragment either (a
            // table row comes out as its cells, spaced).
            for l in &got {
                assert!(!punctuation_only(l), "{layout} page {n}: punctuation-only fragment {l:?}");
            }
        }
        assert!(body > 100, "{layout}: only {body} lines of Han text");
    }
}

/// #13: after `--force`, characters no font has (combining marks, a rare Han character) are
/// drawn as the missing glyph, which stands for no text in the ToUnicode CMap; poppler and
/// Ghostscript read the PDF without a complaint and the text extracts as typed.
#[test]
fn forced_missing_glyphs_leave_a_cmap_poppler_takes() {
    let dir = common::scratch("pdf-text-forced");
    let layout = dir.join("page.json");
    let typed = "Cafe\u{301} na\u{308}ive 𠀀字 e\u{20DD}";
    let json = format!(
        r#"{{"format":1,
        "styles":{{"正文":{{"font":"Noto Serif SC","size":"五号","leading":15.5,"indent":0,"align":"left"}}}},
        "pages":[{{"size":[148,210],"margins":{{"top":10,"bottom":10,"left":10,"right":10}},"columns":1,"gutter":0,
          "elements":[{{"id":"h","kind":"text","x":10,"y":20,"w":120,"h":20}}]}}],
        "stories":[{{"id":"h","frames":["h"],"paragraphs":[{{"style":"正文","text":"{typed}"}}]}}]}}"#
    );
    std::fs::write(&layout, json).unwrap();
    let pdf = dir.join("page.pdf");
    let refused = common::paiban(&["export", common::path_str(&layout), "-o", common::path_str(&pdf)]);
    assert_eq!(refused.status.code(), Some(1), "missing glyphs stop an export unless forced");
    let out = common::paiban(&["export", common::path_str(&layout), "-o", common::path_str(&pdf), "--force"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    common::assert_qpdf_clean(&pdf);
    let text = common::tool("pdftotext", &[common::path_str(&pdf), "-"]);
    assert!(text.stderr.is_empty(), "poppler complains: {}", String::from_utf8_lossy(&text.stderr));
    assert!(String::from_utf8_lossy(&text.stdout).contains(typed), "{}", String::from_utf8_lossy(&text.stdout));
    let gs = common::tool("gs", &["-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=nullpage", common::path_str(&pdf)]);
    assert!(gs.status.success() && gs.stdout.is_empty() && gs.stderr.is_empty(), "{gs:?}");
    // The CMaps, uncompressed: no entry for glyph 0.
    let qdf = dir.join("qdf.pdf");
    let args = ["--qdf", "--object-streams=disable", common::path_str(&pdf), common::path_str(&qdf)];
    common::tool("qpdf", &args);
    let raw = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    let entries: Vec<&str> = raw
        .split("beginbfchar")
        .skip(1)
        .flat_map(|block| block.split("endbfchar").next().unwrap_or("").lines())
        .collect();
    assert!(entries.iter().any(|e| e.contains("<00650301>")), "é shaped as one glyph maps to both: {entries:?}");
    assert!(!entries.iter().any(|e| e.starts_with("<0000>")), "the missing glyph maps to text: {entries:?}");
}
