//! The second sample, `layouts/qilu-2026-04-08.json`: a two-page 四开 news page nobody tuned for
//! (a lead story with 引题/主题/副题 jumping from A01 to A02, subheads, grid frames, numbers with
//! units, ranges, Latin words, a URL, English sentences and a vertical headline). It exports,
//! and none of issue 11's defects shows on its lines.

mod common;

use common::{paiban, path_str};
use paiban::layout::frame::LineInfo;
use paiban::layout::text::class::{is_chinese_unit, may_end_line, may_start_line};
use paiban::model::Kinsoku;

const LAYOUT: &str = "layouts/qilu-2026-04-08.json";

fn lines() -> Vec<Vec<LineInfo>> {
    let doc = paiban::io::load(&common::root().join(LAYOUT)).unwrap();
    let pages = paiban::layout::layout_document(&doc, common::book(), &common::root().join("layouts"));
    pages.into_iter().map(|p| p.lines).collect()
}

#[test]
fn qilu_page_exports_two_pages_clean() {
    let out = common::scratch("qilu").join("qilu.pdf");
    let r = paiban(&["export", LAYOUT, "-o", path_str(&out)]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let check = paiban(&["check", LAYOUT]);
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success() && report.contains("preflight: clean"), "{report}");
    assert!(!report.contains('超'), "{report}");
    let info = String::from_utf8(common::tool("pdfinfo", &[path_str(&out)]).stdout).unwrap();
    assert!(info.lines().any(|l| l.starts_with("Pages:") && l.ends_with(" 2")), "{info}");
}

#[test]
fn qilu_page_shows_none_of_the_defects() {
    let pages = lines();
    let all: Vec<&LineInfo> = pages.iter().flatten().collect();
    assert!(all.len() > 100, "{}", all.len());
    // Jump lines name the other page.
    assert!(pages[0].iter().any(|l| l.text == "（下转第A02版）"));
    assert!(pages[1].iter().any(|l| l.text == "（上接第A01版）"));
    let jump = |l: &LineInfo| l.text.starts_with("（下转") || l.text.starts_with("（上接");
    for w in all.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a.element != b.element || a.paragraph_end || jump(a) || jump(b) {
            continue;
        }
        let (end, start) = (a.text.chars().last().unwrap(), b.text.chars().next().unwrap());
        let pair = format!("{:?} / {:?}", a.text, b.text);
        // Inside a URL a line may start with its dot (defect 11).
        let url_dot = start == '.' && ["www", "://", ".cn/", ".gov"].iter().any(|u| a.text.contains(u));
        assert!(
            (url_dot || may_start_line(start, Kinsoku::Basic)) && may_end_line(end, Kinsoku::Basic),
            "禁则: {pair}"
        );
        assert!(!"—～–℃％%‰°·".contains(start), "defects 5, 8, 12: {pair}");
        assert!(end != '·' && end != '-', "defects 11, 12: {pair}");
        assert!(!(end.is_ascii_digit() && (is_chinese_unit(start) || start.is_ascii_digit())), "defect 9: {pair}");
        assert!(!(end == '本' && start == '报'), "defect 12: {pair}");
    }
    // Justified lines end on the measure (defect 7 for the English lines too).
    for l in &all {
        // (A line holding only part of a URL has nothing to stretch: it stays ragged.)
        let url_only = l.text.is_ascii() && !l.text.contains(' ');
        if l.justified && !l.paragraph_end && !url_only {
            assert!(
                (l.right - l.measure_right).abs() < 0.05,
                "{:?} ends {:.2} pt short",
                l.text,
                l.measure_right - l.right
            );
        }
    }
    // The URL breaks only after / or before .
    let url: Vec<&&LineInfo> =
        all.iter().filter(|l| l.text.contains("shandong") || l.text.starts_with(".gov")).collect();
    assert!(!url.is_empty());
    let text: String = pages[0].iter().map(|l| l.text.as_str()).collect();
    assert!(text.contains("https://www.shandong-zwfw.gov.cn/portal/index.html"), "{text}");
}
