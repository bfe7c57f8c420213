//! The sample page (鲁中晨报, 1 Nov 2022) through the layout engine: everything set, nothing
//! overset, 禁则 respected on every line, justified lines flush, and a text snapshot of a story.

mod common;

use paiban::check::preflight;
use paiban::layout::frame::{PageFrame, TextLine};
use paiban::layout::layout_document;
use paiban::layout::text::class::{may_end_line, may_start_line};
use paiban::model::Kinsoku;
use paiban::{Document, io};

fn laid_out() -> (Document, Vec<PageFrame>) {
    let doc = io::load(&common::sample()).unwrap();
    let pages = layout_document(&doc, common::book(), &common::root().join("layouts"));
    (doc, pages)
}

#[test]
fn sample_is_a3_and_preflight_clean() {
    let (doc, pages) = laid_out();
    assert_eq!(pages.len(), 1);
    assert!((doc.pages[0].width - 841.89).abs() < 0.01 && (doc.pages[0].height - 1190.55).abs() < 0.01);
    let pre = preflight(&pages, &paiban::render::preset::Preset::NEWSPRINT);
    assert!(pre.is_clean(), "{:?}", pre.findings);
    assert_eq!(pre.overset_chars, 0);
}

#[test]
fn every_word_of_the_seed_is_set() {
    let (_, pages) = laid_out();
    let set: String = common::normalize(&pages[0].text_lines().iter().map(|l| l.text.as_str()).collect::<String>());
    let seed = common::seed_text();
    let mut missing = Vec::new();
    for line in seed.lines() {
        let line = line.trim().trim_start_matches('#').trim();
        for piece in line.split(['\t', ' ']).filter(|p| !p.is_empty()) {
            let want = common::normalize(piece);
            if !set.contains(&want) {
                missing.push(piece.to_string());
            }
        }
    }
    assert!(missing.is_empty(), "not on the page: {missing:?}");
}

fn body_lines(pages: &[PageFrame]) -> Vec<TextLine> {
    pages[0].text_lines().into_iter().filter(|l| l.element != "table").collect()
}

#[test]
fn no_line_starts_or_ends_with_a_prohibited_mark() {
    let (_, pages) = laid_out();
    let lines = body_lines(&pages);
    assert!(lines.len() > 100);
    for l in &lines {
        let first = l.text.chars().next().unwrap();
        let last = l.text.chars().last().unwrap();
        assert!(!"，。、；：？！）”》".contains(first), "line starts with {first}: {}", l.text);
        assert!(!"（“《".contains(last), "line ends with {last}: {}", l.text);
        assert!(may_start_line(first, Kinsoku::Basic) && may_end_line(last, Kinsoku::Basic), "{}", l.text);
    }
}

#[test]
fn justified_body_lines_are_flush_right() {
    let (doc, pages) = laid_out();
    let (_, frame) = doc.element("lead-body").unwrap();
    let lines: Vec<TextLine> = pages[0].text_lines().into_iter().filter(|l| l.element == "lead-body").collect();
    let col_w = (frame.frame.w - 4.0 * 23.6239) / 5.0;
    let mut flush = 0;
    for (i, l) in lines.iter().enumerate() {
        let col = ((l.x0 - frame.frame.x) / (col_w + 23.6239)).floor();
        let right = frame.frame.x + col * (col_w + 23.6239) + col_w;
        let is_last_of_para = lines.get(i + 1).is_none_or(|n| {
            n.x0 - (frame.frame.x + ((n.x0 - frame.frame.x) / (col_w + 23.6239)).floor() * (col_w + 23.6239)) > 10.0
        });
        if is_last_of_para {
            continue;
        }
        // The last glyph's box ends at the column edge; a trimmed mark's ink ends half an em early.
        let ends_with_trimmed_mark = l.text.ends_with(['，', '。', '、', '；', '：', '”', '）', '！', '？']);
        let ink_right = if ends_with_trimmed_mark { l.x1 - l.size / 2.0 } else { l.x1 };
        assert!((ink_right - right).abs() < 0.05, "line {:?} ends at {ink_right:.2}, column edge {right:.2}", l.text);
        flush += 1;
    }
    assert!(flush > 80, "only {flush} justified lines checked");
}

#[test]
fn han_latin_spacing_around_risk() {
    let (_, pages) = laid_out();
    let run = pages[0]
        .items
        .iter()
        .filter_map(|i| if let paiban::layout::frame::FrameItem::Text(r) = i { Some(r) } else { None })
        .find(|r| r.text().contains("Risk"))
        .expect("Risk is set");
    let at = |t: &str| run.glyphs.iter().position(|g| g.text == t).unwrap();
    let (he, r) = (at("和"), at("R"));
    let gap = run.glyphs[r].x - (run.glyphs[he].x + run.size);
    // ¼ em, stretched a little by justification at most.
    assert!((0.25 * 10.5 - 0.01..0.6 * 10.5).contains(&gap), "和→R gap {gap}");
}

/// A text snapshot of the second story: each line's frame, baseline and x in pt, and text.
fn story2_snapshot(pages: &[PageFrame]) -> String {
    pages[0]
        .text_lines()
        .iter()
        .filter(|l| l.element.starts_with("story2"))
        .map(|l| format!("{:<12} y={:7.2} x={:6.2}..{:6.2} {}\n", l.element, l.baseline, l.x0, l.x1, l.text))
        .collect()
}

#[test]
fn story2_layout_snapshot() {
    let (_, pages) = laid_out();
    let got = story2_snapshot(&pages);
    let path = common::root().join("tests/snapshots/story2.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).expect("snapshot exists (UPDATE_SNAPSHOTS=1 writes it)");
    assert_eq!(got, want, "story2 layout changed; if intended, rerun with UPDATE_SNAPSHOTS=1 and review the diff");
}

#[test]
fn story_threads_from_head_frame_into_body_frame() {
    let (_, pages) = laid_out();
    let lines = pages[0].text_lines();
    let head: Vec<_> = lines.iter().filter(|l| l.element == "story2-head").map(|l| l.text.clone()).collect();
    let body: Vec<_> = lines.iter().filter(|l| l.element == "story2-body").map(|l| l.text.clone()).collect();
    assert_eq!(head.len(), 2, "{head:?}");
    assert!(body[0].starts_with("淄博10月31日讯"), "{body:?}");
}
