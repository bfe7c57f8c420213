//! Text wrap in grid frames: Han characters beside a wrapped photo stay on the frame's
//! character grid, and spans under the minimum width are skipped.

mod common;

use common::lay_out;
use paiban::layout::frame::{FrameItem, PageFrame};
use paiban::model::{Document, ElementKind, Wrap, WrapSide};
use paiban::units::{Rect, mm_to_pt};

fn with_photo(mut doc: Document, frame: Rect, wrap: Option<Wrap>, grid: bool) -> Document {
    for el in &mut doc.pages[0].elements {
        if let (true, ElementKind::Text(t)) = (el.id == "lead-body", &mut el.kind) {
            t.grid = grid;
        }
    }
    common::with_photo(doc, frame, wrap)
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

#[test]
fn han_characters_beside_a_photo_stay_on_the_grid() {
    let base = paiban::io::load(&common::sample()).unwrap();
    let body = base.element("lead-body").unwrap().1.frame;
    let photo = Rect::new(body.x + mm_to_pt(76.0), body.y + mm_to_pt(25.0), mm_to_pt(75.0), mm_to_pt(55.0));
    let off = mm_to_pt(2.0);
    let wrap = Wrap { offset: [off; 4], side: WrapSide::Largest, min_span: Wrap::DEFAULT_MIN_SPAN };
    let doc = with_photo(base, photo, Some(wrap), true);
    let pages = lay_out(&doc);
    let em = 10.5;
    let gap = mm_to_pt(8.334);
    let col_w = (body.w - 4.0 * gap) / 5.0;
    // The lines set in a span narrower than their column (beside the photo).
    let narrow: Vec<u32> = pages[0]
        .lines
        .iter()
        .filter(|l| l.element == "lead-body" && l.measure_right - l.measure_left < col_w - 2.0 * em - 0.1)
        .map(|l| l.line)
        .collect();
    let all: Vec<_> = pages[0]
        .lines
        .iter()
        .filter(|l| l.element == "lead-body")
        .map(|l| (l.baseline, l.measure_left, l.measure_right))
        .collect();
    assert!(narrow.len() > 10, "{} lines beside the photo {all:?}", narrow.len());
    let mut off_grid = Vec::new();
    let mut checked = 0;
    for run in pages[0].items.iter().filter_map(|i| match i {
        FrameItem::Text(r) if r.element == "lead-body" && narrow.contains(&r.line) => Some(r),
        _ => None,
    }) {
        for g in &run.glyphs {
            if !g.text.chars().next().is_some_and(is_han) || (run.size - em).abs() > 0.01 {
                continue;
            }
            let col = ((g.box_x - body.x) / (col_w + gap)).floor();
            let x0 = body.x + col * (col_w + gap);
            let k = (g.box_x - x0) / em;
            checked += 1;
            if (k - k.round()).abs() * em > 0.01 {
                off_grid.push((g.text.clone(), run.baseline, k));
            }
        }
    }
    eprintln!("{} off grid: {:?}", off_grid.len(), &off_grid[..off_grid.len().min(20)]);
    assert!(checked > 20, "{checked} Han characters beside the photo");
    assert!(off_grid.is_empty(), "Han characters off the grid beside the photo");
    // None within the offset.
    let keep = Rect::new(photo.x - off, photo.y - off, photo.w + 2.0 * off, photo.h + 2.0 * off);
    assert!(
        !boxes(&pages[0]).iter().any(|b| b.0 < keep.right() && b.2 > keep.x && b.1 < keep.bottom() && b.3 > keep.y)
    );
}

/// Glyph boxes of the lead body (x, top, right, bottom).
fn boxes(page: &PageFrame) -> Vec<(f32, f32, f32, f32)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            FrameItem::Text(r) if r.element == "lead-body" => Some(r),
            _ => None,
        })
        .flat_map(|r| {
            r.glyphs
                .iter()
                .filter(|g| g.box_w > 0.0)
                .map(move |g| (g.box_x, r.baseline - 0.88 * r.size, g.box_x + g.box_w, r.baseline + 0.12 * r.size))
        })
        .collect()
}

#[test]
fn the_minimum_span_is_a_setting_of_four_characters_by_default() {
    let base = paiban::io::load(&common::sample()).unwrap();
    let body = base.element("lead-body").unwrap().1.frame;
    // A span 3½ characters wide at the left of the first column.
    let left = 3.5 * 10.5;
    let photo = Rect::new(body.x + left, body.y + mm_to_pt(20.0), mm_to_pt(30.0), mm_to_pt(30.0));
    let strip = Rect::new(body.x, photo.y + 2.0, left, photo.h - 4.0);
    let in_strip = |min_span: f32| {
        let wrap = Wrap { offset: [0.0; 4], side: WrapSide::Left, min_span };
        let pages = lay_out(&with_photo(base.clone(), photo, Some(wrap), false));
        boxes(&pages[0])
            .iter()
            .filter(|b| b.0 < strip.right() && b.2 > strip.x && b.1 < strip.bottom() && b.3 > strip.y)
            .count()
    };
    assert_eq!(in_strip(Wrap::DEFAULT_MIN_SPAN), 0, "a 3½-character span is left empty by default");
    assert!(in_strip(3.0) > 10, "with a minimum of 3 characters the span takes text");
    // The setting reads and writes through the file.
    let mut doc = with_photo(base, photo, Some(Wrap { offset: [0.0; 4], side: WrapSide::Left, min_span: 3.0 }), false);
    let json = paiban::io::to_json(&doc);
    assert!(json.contains("\"min_span\": 3"), "{}", &json[..0]);
    let back = paiban::io::from_json(&json).unwrap();
    assert_eq!(back.element("photo").unwrap().1.wrap.unwrap().min_span, 3.0);
    doc.pages[0].elements.last_mut().unwrap().wrap =
        Some(Wrap { offset: [0.0; 4], side: WrapSide::Left, min_span: 4.0 });
    assert!(!paiban::io::to_json(&doc).contains("min_span"), "the default is not written");
}
