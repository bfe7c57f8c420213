//! The layout cache: after an edit only the story, table or image that changed is laid out
//! again, and the result equals a layout from scratch.

mod common;

use paiban::layout::{LayoutCache, layout_document, layout_document_cached};
use paiban::model::ElementKind;

fn lines(pages: &[paiban::layout::frame::PageFrame]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| p.text_lines())
        .map(|l| format!("{} {:.3} {:.3} {}", l.element, l.baseline, l.x0, l.text))
        .collect()
}

#[test]
fn only_what_changed_is_laid_out_again() {
    let mut doc = paiban::io::load(&common::sample()).unwrap();
    let base = common::root().join("layouts");
    let book = common::book();
    let mut cache = LayoutCache::default();
    layout_document_cached(&doc, book, &base, &mut cache);
    assert!(cache.relaid.len() >= 10 && cache.relaid.contains(&"table".to_string()), "{:?}", cache.relaid);

    // Nothing changed: nothing laid out.
    layout_document_cached(&doc, book, &base, &mut cache);
    assert!(cache.relaid.is_empty(), "{:?}", cache.relaid);

    // One character more in the lead story: that story only.
    let lead = doc.stories.iter_mut().find(|s| s.id == "lead").unwrap();
    lead.paragraphs[1].runs[0].text.insert(0, '但');
    let cached = layout_document_cached(&doc, book, &base, &mut cache);
    assert_eq!(cache.relaid, ["lead"]);
    assert_eq!(lines(&cached), lines(&layout_document(&doc, book, &base)), "cached equals fresh");

    // Moving a rule lays out nothing; editing a table cell, the table.
    doc.pages[0].elements.iter_mut().find(|e| e.id == "rule-1").unwrap().frame.y += 2.0;
    layout_document_cached(&doc, book, &base, &mut cache);
    assert!(cache.relaid.is_empty(), "{:?}", cache.relaid);
    let table = doc.pages[0].elements.iter_mut().find(|e| e.id == "table").unwrap();
    let ElementKind::Table(t) = &mut table.kind else { panic!("a table") };
    t.rows[7][2].text = "2430".into();
    let cached = layout_document_cached(&doc, book, &base, &mut cache);
    assert_eq!(cache.relaid, ["table"]);
    assert!(lines(&cached).iter().any(|l| l.contains("2430")));

    // Moving a frame of a story lays out that story again (its lines move with it).
    doc.pages[0].elements.iter_mut().find(|e| e.id == "story2-body").unwrap().frame.x += 5.0;
    let cached = layout_document_cached(&doc, book, &base, &mut cache);
    assert_eq!(cache.relaid, ["story2"]);
    assert_eq!(lines(&cached), lines(&layout_document(&doc, book, &base)));
}
