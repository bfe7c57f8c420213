//! The sample page set at the strict 禁则 level with full-width punctuation, checked on the
//! layout output the PDF is written from; `paiban compose` against the page; copyfit in `check`.

mod common;

use common::{paiban, path_str};
use paiban::layout::frame::LineInfo;
use paiban::layout::text::class::{may_end_line, may_start_line};
use paiban::model::{Kinsoku, PunctStyle};

/// The sample with strict 禁则 and 全角 punctuation for every paragraph.
fn strict_sample() -> paiban::Document {
    let mut doc = paiban::io::load(&common::sample()).unwrap();
    doc.styles.defaults.kinsoku = Some(Kinsoku::Strict);
    doc.styles.defaults.punct = Some(PunctStyle::Full);
    for style in doc.styles.paragraph.values_mut() {
        style.props.kinsoku = None;
        style.props.punct = None;
    }
    doc
}

fn lines(doc: &paiban::Document) -> Vec<LineInfo> {
    let pages = paiban::layout::layout_document(doc, common::book(), &common::root().join("layouts"));
    pages.into_iter().flat_map(|p| p.lines).collect()
}

#[test]
fn strict_sample_breaks_justifies_and_has_no_orphans() {
    let doc = strict_sample();
    let lines = lines(&doc);
    assert!(lines.len() > 130);
    let mut justified = 0;
    for (i, l) in lines.iter().enumerate() {
        let (first, last) = (l.text.chars().next().unwrap(), l.text.chars().last().unwrap());
        let continues = i > 0 && lines[i - 1].element == l.element && !lines[i - 1].paragraph_end;
        if continues {
            assert!(may_start_line(first, Kinsoku::Strict), "line starts with {first}: {}", l.text);
        }
        if !l.paragraph_end {
            assert!(may_end_line(last, Kinsoku::Strict), "line ends with {last}: {}", l.text);
        }
        if l.justified && !l.paragraph_end {
            assert!(
                (l.right - l.measure_right).abs() < 0.05,
                "{:?} ends {:.3} pt from the edge",
                l.text,
                l.right - l.measure_right
            );
            justified += 1;
        }
        // Rule 9 on paragraphs of more than one line.
        if l.paragraph_end && continues {
            let chars = l.text.chars().filter(|c| !"，。、；：！？”）》".contains(*c)).count();
            assert!(chars >= 2, "one-character last line: {:?}", l.text);
        }
    }
    assert!(justified > 90, "{justified}");
    // And the PDF of that layout is valid and carries the text.
    let dir = common::scratch("strict-sample");
    let json = dir.join("strict.json");
    paiban::io::save(&doc, &json).unwrap();
    let pdf = dir.join("strict.pdf");
    let out = paiban(&["export", path_str(&json), "-o", path_str(&pdf)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(common::tool("pdftotext", &[path_str(&pdf), "-"]).stdout).unwrap();
    assert!(common::normalize(&text).contains("马晓磊强调，要毫不放松抓好流调溯源"));
}

#[test]
fn compose_agrees_with_the_page() {
    let doc = paiban::io::load(&common::sample()).unwrap();
    // Lines as text without the typed space (a Han–Latin space, not a glyph).
    let page_lines: Vec<String> =
        lines(&doc).into_iter().filter(|l| l.element == "lead-body").map(|l| l.text.replace(' ', "")).collect();
    let para = doc.stories.iter().find(|s| s.id == "lead").unwrap().paragraphs[0].text();
    let out =
        paiban(&["compose", "--font", "Noto Serif SC", "--size", "10.5", "--width-em", "13", "--indent", "2", &para]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let composed: Vec<String> =
        json["lines"].as_array().unwrap().iter().map(|l| l["text"].as_str().unwrap().to_string()).collect();
    assert!(composed.len() > 15);
    assert_eq!(composed, page_lines[..composed.len()].to_vec(), "compose and the page break the paragraph alike");
    // The PDF's first column, cropped, shows the same first lines.
    let dir = common::scratch("compose-vs-pdf");
    let pdf = dir.join("p.pdf");
    assert!(paiban(&["export", common::SAMPLE, "-o", path_str(&pdf)]).status.success());
    let (_, frame) = doc.element("lead-body").unwrap();
    let f = frame.frame;
    let crop = [
        "-layout",
        "-r",
        "72",
        "-x",
        &format!("{}", f.x.floor()),
        "-y",
        &format!("{}", f.y.floor()),
        "-W",
        "140",
        "-H",
        "120",
    ];
    let mut args: Vec<&str> = crop.to_vec();
    args.extend([path_str(&pdf), "-"]);
    let text = String::from_utf8(common::tool("pdftotext", &args).stdout).unwrap();
    let pdf_lines: Vec<String> = text.lines().map(common::normalize).filter(|l| !l.is_empty()).collect();
    for (a, b) in pdf_lines.iter().zip(&composed) {
        assert_eq!(a, &common::normalize(b));
    }
    assert!(pdf_lines.len() >= 5, "{pdf_lines:?}");
}

#[test]
fn check_reports_copyfit_per_frame_and_story_and_follows_edits() {
    let dir = common::scratch("copyfit");
    let run_check = |doc: &paiban::Document, name: &str| {
        let path = dir.join(name);
        paiban::io::save(doc, &path).unwrap();
        String::from_utf8(paiban(&["check", path_str(&path)]).stdout).unwrap()
    };
    let short_of = |report: &str, prefix: &str| -> i64 {
        let line = report.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("{prefix} in\n{report}"));
        let n: i64 = line.split_whitespace().rev().nth(1).unwrap().parse().unwrap();
        if line.contains('超') { -n } else { n }
    };
    let mut doc = paiban::io::load(&common::sample()).unwrap();
    let before = run_check(&doc, "a.json");
    let frame_short = short_of(&before, "page 1 story2-body");
    let story_short = short_of(&before, "story story2 ");
    assert!(frame_short > 0 && story_short >= frame_short, "{before}");
    // Eleven more characters of copy: eleven fewer free.
    let story = doc.stories.iter_mut().find(|s| s.id == "story2").unwrap();
    story.paragraphs[2].runs[0].text.push_str("全市共受理群众来电十件");
    let after = run_check(&doc, "b.json");
    // (Line ends are whole characters, so the count falls by up to eleven.)
    let now = short_of(&after, "page 1 story2-body");
    assert!(now < frame_short && frame_short - now <= 11, "was {frame_short}, now {now}:\n{after}");
    // Far too much: the frame reports 超 N 字 and check fails.
    let story = doc.stories.iter_mut().find(|s| s.id == "story2").unwrap();
    story.paragraphs[2].runs[0].text = "淄博".repeat(200);
    let over = run_check(&doc, "c.json");
    assert!(short_of(&over, "story story2 ") < 0 && over.contains("超"), "{over}");
}

#[test]
fn the_vertical_headline_sample_exports() {
    let dir = common::scratch("vertical");
    let pdf = dir.join("v.pdf");
    let out = paiban(&["export", "layouts/vertical-headline.json", "-o", path_str(&pdf)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(common::tool("qpdf", &["--check", path_str(&pdf)]).status.success());
    let check = String::from_utf8(paiban(&["check", "layouts/vertical-headline.json"]).stdout).unwrap();
    assert!(check.contains("preflight: clean"), "{check}");
    let text = common::normalize(&String::from_utf8(common::tool("pdftotext", &[path_str(&pdf), "-"]).stdout).unwrap());
    for ch in "从严从快从细落实疫情防控各项措施".chars() {
        assert!(text.contains(ch), "{ch} missing");
    }
    // The headline's glyphs stand in one column, top to bottom.
    let doc = paiban::io::load(&common::root().join("layouts/vertical-headline.json")).unwrap();
    let pages = paiban::layout::layout_document(&doc, common::book(), &common::root().join("layouts"));
    let glyphs: Vec<(f32, f32)> = pages[0]
        .items
        .iter()
        .filter_map(|i| if let paiban::layout::frame::FrameItem::Text(r) = i { Some(r) } else { None })
        .filter(|r| r.element == "head" && r.size == 30.0)
        .flat_map(|r| r.glyphs.iter().map(move |g| (g.x, r.baseline - g.dy)))
        .collect();
    assert_eq!(glyphs.len(), 16);
    assert!(glyphs.windows(2).all(|w| (w[0].0 - w[1].0).abs() < 0.01 && w[1].1 > w[0].1), "{glyphs:?}");
}
