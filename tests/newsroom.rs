//! Newsroom workflow: named styles drive the layout, master pages carry page furniture with
//! per-page fields, and jump lines (下转/上接) follow their pages.

mod common;

use paiban::edit::{self, Command};
use paiban::layout::layout_document;
use paiban::model::Document;

fn lines_of(doc: &Document, page: usize, element: &str) -> Vec<String> {
    let pages = layout_document(doc, common::book(), &common::root().join("layouts"));
    pages[page].text_lines().into_iter().filter(|l| l.element == element).map(|l| l.text).collect()
}

#[test]
fn changing_the_body_style_changes_every_body_paragraph() {
    let mut doc = paiban::io::load(&common::sample()).unwrap();
    let body_sizes = |doc: &Document| {
        let pages = layout_document(doc, common::book(), &common::root().join("layouts"));
        let mut sizes: Vec<(String, f32)> = Vec::new();
        for item in &pages[0].items {
            if let paiban::layout::frame::FrameItem::Text(r) = item
                && ["lead-body", "story2-body"].contains(&r.element.as_str())
            {
                sizes.push((r.text(), r.size));
            }
        }
        sizes
    };
    let before = body_sizes(&doc);
    assert!(before.iter().all(|(_, s)| (*s - 10.5).abs() < 1e-3), "body text is 五号");
    doc.styles.paragraph.get_mut("正文").unwrap().props.size = Some(12.0);
    let after = body_sizes(&doc);
    // Bylines (作者) are based on 正文, so they follow too; nothing in the body stays at 10.5.
    assert!(after.iter().all(|(_, s)| (*s - 12.0).abs() < 1e-3), "every body paragraph follows the style");
    let texts = |v: &[(String, f32)]| v.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>();
    assert_ne!(texts(&after), texts(&before), "the lines broke anew at the new size");
}

/// Two pages on one master (a 版头 with the paper's name, date and 版次), the lead story
/// threaded from page 1 to page 2 with jump lines.
fn edition() -> Document {
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(common::sample()).unwrap()).unwrap();
    v["variables"] = serde_json::json!({ "日期": "2022年11月1日 星期二", "责编": "王编辑" });
    v["masters"] = serde_json::json!([{ "id": "新闻版", "elements": [
        { "id": "masthead", "kind": "text", "x": 11.4, "y": 4, "w": 274, "h": 8 } ] }]);
    let page1 = &mut v["pages"][0];
    page1["label"] = "A01".into();
    page1["master"] = "新闻版".into();
    let lead = page1["elements"].as_array_mut().unwrap().iter_mut().find(|e| e["id"] == "lead-body").unwrap();
    lead["h"] = 60.into();
    let mut page2 = serde_json::json!({ "size": [297, 420], "label": "A02", "master": "新闻版",
        "margins": {"top": 14, "bottom": 14, "left": 11.4, "right": 11.4}, "columns": 5, "gutter": 8.3,
        "elements": [ { "id": "lead-cont", "kind": "text", "x": 11.4, "y": 20, "w": 274, "h": 200, "columns": 5, "column_gap": 8.3 } ] });
    page2["elements"][0]["columns"] = 5.into();
    v["pages"].as_array_mut().unwrap().push(page2);
    let stories = v["stories"].as_array_mut().unwrap();
    let lead = stories.iter_mut().find(|s| s["id"] == "lead").unwrap();
    lead["frames"] = serde_json::json!(["lead-body", "lead-cont"]);
    lead["jump_lines"] = true.into();
    stories.push(serde_json::json!({ "id": "版头", "frames": ["masthead"],
        "paragraphs": [{ "style": "图说", "text": "鲁中晨报  {日期}  第{版次}版  责任编辑：{责编}" }] }));
    paiban::io::from_json(&v.to_string()).expect("the edition loads")
}

#[test]
fn a_master_page_fills_in_each_pages_own_label() {
    let doc = edition();
    assert_eq!(lines_of(&doc, 0, "masthead"), ["鲁中晨报2022年11月1日星期二第A01版责任编辑：王编辑"]);
    assert_eq!(lines_of(&doc, 1, "masthead"), ["鲁中晨报2022年11月1日星期二第A02版责任编辑：王编辑"]);
    // The saved file keeps the fields, not their values.
    let text = paiban::io::to_json(&doc);
    assert!(text.contains("第{版次}版") && text.contains("\"master\": \"新闻版\""));
    assert_eq!(paiban::io::from_json(&text).unwrap(), doc);
}

#[test]
fn jump_lines_name_the_other_page_and_follow_a_reorder() {
    let mut doc = edition();
    let first = lines_of(&doc, 0, "lead-body");
    let cont = lines_of(&doc, 1, "lead-cont");
    assert_eq!(first.last().map(String::as_str), Some("（下转第A02版）"), "{first:?}");
    assert_eq!(cont.first().map(String::as_str), Some("（上接第A01版）"), "{cont:?}");
    // The text itself goes on: no character is lost between the two frames.
    let joined: String = first[..first.len() - 1].iter().chain(&cont[1..]).cloned().collect();
    assert!(joined.contains("工作调度会议") && joined.contains("任灵芝"), "the whole story is set");
    // Reorder the pages: the continuation now comes first, and the lines say so.
    edit::apply(&mut doc, Command::MovePage { from: 1, to: 0 }).unwrap();
    assert_eq!(lines_of(&doc, 1, "lead-body").last().map(String::as_str), Some("（下转第A02版）"));
    let labels: Vec<String> = (0..2).map(|p| doc.page_label(p)).collect();
    assert_eq!(labels, ["A02", "A01"], "labels travel with their pages");
    assert_eq!(lines_of(&doc, 0, "lead-cont").first().map(String::as_str), Some("（上接第A01版）"));

    // Pages known by number: the numbers in the lines change with the order.
    let mut doc = edition();
    doc.pages.iter_mut().for_each(|p| p.label = None);
    assert_eq!(lines_of(&doc, 0, "lead-body").last().map(String::as_str), Some("（下转第2版）"));
    assert_eq!(lines_of(&doc, 1, "lead-cont").first().map(String::as_str), Some("（上接第1版）"));
    edit::apply(&mut doc, Command::MovePage { from: 1, to: 0 }).unwrap();
    assert_eq!(lines_of(&doc, 1, "lead-body").last().map(String::as_str), Some("（下转第1版）"));
    assert_eq!(lines_of(&doc, 0, "lead-cont").first().map(String::as_str), Some("（上接第2版）"));
}

#[test]
fn a_character_style_sets_its_runs_and_changing_it_changes_them() {
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(common::sample()).unwrap()).unwrap();
    v["character_styles"] = serde_json::json!({ "强调": { "bold": true, "color": { "swatch": "报头红" } } });
    let story = v["stories"].as_array_mut().unwrap().iter_mut().find(|s| s["id"] == "story2").unwrap();
    story["paragraphs"][2] = serde_json::json!({ "style": "正文", "runs": [
        { "text": "淄博10月31日讯 今天，" }, { "text": "48981件", "style": "强调" }, { "text": "。" } ] });
    let mut doc = paiban::io::from_json(&v.to_string()).unwrap();
    let run_of = |doc: &Document, text: &str| {
        let pages = layout_document(doc, common::book(), &common::root().join("layouts"));
        pages[0]
            .items
            .iter()
            .find_map(|i| match i {
                paiban::layout::frame::FrameItem::Text(r) if r.element == "story2-body" && r.text().contains(text) => {
                    Some((r.color, r.font, r.size))
                }
                _ => None,
            })
            .expect("the run is set")
    };
    let red = paiban::color::Color::Cmyk { c: 0.0, m: 100.0, y: 100.0, k: 0.0 };
    let (color, font, size) = run_of(&doc, "48981件");
    let (_, plain_font, plain_size) = run_of(&doc, "今天");
    assert_eq!(color, red);
    assert_ne!(font, plain_font, "强调 is bold");
    assert_eq!(size, plain_size, "the size comes from the paragraph");
    // Redefining the character style changes its runs; saving keeps the reference.
    let blue = paiban::color::Color::Cmyk { c: 100.0, m: 60.0, y: 0.0, k: 0.0 };
    doc.styles.character.get_mut("强调").unwrap().color = Some(blue);
    assert_eq!(run_of(&doc, "48981件").0, blue);
    let text = paiban::io::to_json(&doc);
    assert!(text.contains("\"style\": \"强调\""));
    assert_eq!(paiban::io::from_json(&text).unwrap(), doc);
    // A run naming a character style that does not exist is refused at its path.
    let story = v["stories"].as_array_mut().unwrap().iter_mut().find(|s| s["id"] == "story2").unwrap();
    story["paragraphs"][2]["runs"][1]["style"] = "加粗".into();
    let e = paiban::io::from_json(&v.to_string()).unwrap_err();
    assert!(e.path.ends_with("paragraphs[2].runs[1].style") && e.to_string().contains("加粗"), "{e}");
}

/// A jump line is never cut short: in a narrow column it is set smaller, and where even that
/// does not fit, the preflight says so (it used to print "（下转第A02" with a clean preflight).
#[test]
fn a_jump_line_in_a_narrow_column_is_set_smaller_or_refused() {
    let narrowed = |mm: f32| {
        let mut doc = paiban::io::load(&common::root().join("layouts/qilu-2026-04-08.json")).unwrap();
        let (page, _) = doc.element("lead-a").unwrap();
        let el = doc.pages[page].elements.iter_mut().find(|e| e.id == "lead-a").unwrap();
        el.frame.w = paiban::units::mm_to_pt(mm);
        doc
    };
    let jump_of = |doc: &Document| {
        let pages = layout_document(doc, common::book(), &common::root().join("layouts"));
        let runs: Vec<(String, f32)> = pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                paiban::layout::frame::FrameItem::Text(r) if r.element == "lead-a" && r.line == u32::MAX - 1 => {
                    Some((r.text(), r.size))
                }
                _ => None,
            })
            .collect();
        let report = pages[0].reports.iter().find(|r| r.element == "lead-a").unwrap().errors.clone();
        (runs, report)
    };
    let (wide, errors) = jump_of(&narrowed(240.25));
    assert_eq!(wide.iter().map(|r| r.0.as_str()).collect::<String>(), "（下转第A02版）");
    assert!(errors.is_empty());
    let body = wide[0].1;
    // 150.5 mm of five columns: about 8 characters a column — the line is set smaller, whole.
    let (narrow, errors) = jump_of(&narrowed(150.5));
    assert_eq!(narrow.iter().map(|r| r.0.as_str()).collect::<String>(), "（下转第A02版）", "{narrow:?}");
    assert!(narrow.iter().all(|r| r.1 < body && r.1 >= body * 0.69), "{narrow:?} against {body}");
    assert!(errors.is_empty(), "{errors:?}");
    // 100 mm: not even at 70 %: no line, and an error for the preflight.
    let (none, errors) = jump_of(&narrowed(100.0));
    assert!(none.is_empty(), "{none:?}");
    assert!(
        matches!(errors.as_slice(), [paiban::layout::problem::LayoutProblem::JumpLineTooLong { .. }]),
        "{errors:?}"
    );
}
