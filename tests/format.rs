//! The layout file format: every layout round-trips; bad input gives errors with JSON paths.

mod common;

use paiban::io;

#[test]
fn every_layout_round_trips() {
    let dir = common::root().join("layouts");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let doc = io::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let text = io::to_json(&doc);
        let again =
            io::from_json(&text).unwrap_or_else(|e| panic!("{}: saved form does not load: {e}", path.display()));
        if doc != again {
            let first = doc
                .pages
                .iter()
                .flat_map(|p| &p.elements)
                .zip(again.pages.iter().flat_map(|p| &p.elements))
                .find(|(a, b)| a != b);
            panic!(
                "{} changes on load → save → load; first differing element: {:?}",
                path.display(),
                first.map(|(a, _)| &a.id)
            );
        }
        // Saving is stable: the second save writes the same text.
        assert_eq!(text, io::to_json(&again));
        n += 1;
    }
    assert!(n >= 1, "no layouts found");
}

#[test]
fn save_is_atomic_and_loads_back() {
    let dir = common::scratch("save");
    let doc = io::load(&common::sample()).unwrap();
    let path = dir.join("copy.json");
    std::fs::write(&path, "old").unwrap();
    io::save(&doc, &path).unwrap();
    assert_eq!(io::load(&path).unwrap(), doc);
    // The replaced version is kept as copy.json.bak, and nothing else is left behind.
    assert_eq!(std::fs::read_to_string(dir.join("copy.json.bak")).unwrap(), "old");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "copy.json" && n != "copy.json.bak")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind: {leftovers:?}");
    // Saving into a folder that does not exist fails and says where.
    let err = io::save(&doc, &dir.join("missing/sub/x.json")).unwrap_err().to_string();
    assert!(err.contains("missing/sub/x.json"), "{err}");
}

fn sample_json() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(common::sample()).unwrap()).unwrap()
}

fn error_of(v: &serde_json::Value) -> io::FormatError {
    io::from_json(&v.to_string()).expect_err("should be rejected")
}

#[test]
fn negative_width_names_its_path() {
    let mut v = sample_json();
    v["pages"][0]["elements"][2]["w"] = serde_json::json!(-5.0);
    let e = error_of(&v);
    assert_eq!(e.path, "pages[0].elements[2].w");
    assert!(e.to_string().contains("width"), "{e}");
}

#[test]
fn unknown_kind_is_an_error_at_the_element() {
    let mut v = sample_json();
    v["pages"][0]["elements"][1]["kind"] = serde_json::json!("circle");
    let e = error_of(&v);
    assert!(e.path.starts_with("pages[0].elements[1]"), "{e}");
    assert!(e.to_string().contains("circle"), "{e}");
}

#[test]
fn truncated_json_gives_line_and_column() {
    let text = std::fs::read_to_string(common::sample()).unwrap();
    let cut = &text[..text.floor_char_boundary(text.len() / 2)];
    let e = io::from_json(cut).expect_err("truncated");
    assert!(e.line.is_some(), "{e}");
    assert!(e.to_string().contains("line"), "{e}");
}

#[test]
fn wrong_types_and_bad_values_are_named() {
    let cases: Vec<(&str, serde_json::Value, &str)> = vec![
        ("/pages/0/size", serde_json::json!(["297", 420]), "pages[0].size[0]"),
        ("/pages/0/columns", serde_json::json!(0), "pages[0].columns"),
        ("/styles/正文/size", serde_json::json!("八号"), "styles.正文"),
        ("/stories/0/frames/0", serde_json::json!("promo-box"), "stories[0].frames[0]"),
        ("/stories/0/paragraphs/0/style", serde_json::json!("无此样式"), "stories[0].paragraphs[0].style"),
    ];
    for (pointer, value, path) in cases {
        let mut v = sample_json();
        *v.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
        let e = error_of(&v);
        assert!(e.path.starts_with(path), "{pointer}: expected path {path}, got {e}");
    }
}

#[test]
fn newer_format_is_refused_not_misread() {
    let mut v = sample_json();
    v["format"] = serde_json::json!(2);
    let e = error_of(&v);
    assert_eq!(e.path, "format");
    assert!(e.to_string().contains("newer"), "{e}");
}

#[test]
fn duplicate_ids_and_double_threading_are_rejected() {
    let mut v = sample_json();
    let first = v["pages"][0]["elements"][0]["id"].clone();
    v["pages"][0]["elements"][1]["id"] = first;
    assert_eq!(error_of(&v).path, "pages[0].elements[1].id");

    let mut v = sample_json();
    let frame = v["stories"][0]["frames"][0].clone();
    v["stories"][1]["frames"] = serde_json::json!([frame]);
    assert_eq!(error_of(&v).path, "stories[1].frames[0]");
}

#[test]
fn swatches_resolve_round_trip_and_follow_a_redefinition() {
    use paiban::color::Color;
    let mut doc = io::load(&common::sample()).unwrap();
    let red = Color::Cmyk { c: 0.0, m: 100.0, y: 100.0, k: 0.0 };
    assert_eq!(doc.swatches.iter().find(|s| s.name == "报头红").map(|s| s.color), Some(red));
    let headline = |doc: &paiban::Document| {
        let pages = paiban::layout::layout_document(doc, common::book(), &common::root().join("layouts"));
        pages[0]
            .items
            .iter()
            .find_map(|i| match i {
                paiban::layout::frame::FrameItem::Text(r) if r.element == "lead-head" && r.size >= 40.0 => {
                    Some(r.color)
                }
                _ => None,
            })
            .expect("the headline")
    };
    assert_eq!(headline(&doc), red);
    // Redefine the swatch: the headline and the 20 % tint of it follow.
    let deeper = Color::Cmyk { c: 0.0, m: 90.0, y: 80.0, k: 10.0 };
    let changed = doc.set_swatch("报头红", deeper);
    assert!(changed >= 10, "{changed} colours followed the swatch");
    assert_eq!(headline(&doc), deeper);
    // Saved, the colours that followed are references to the swatch (the tint among them);
    // no colour value of the old red is left.
    let text = io::to_json(&doc);
    let saved: serde_json::Value = serde_json::from_str(&text).unwrap();
    let (mut refs, mut tints, mut old_red) = (0, 0, 0);
    fn walk(v: &serde_json::Value, f: &mut dyn FnMut(&serde_json::Map<String, serde_json::Value>)) {
        match v {
            serde_json::Value::Object(m) => {
                f(m);
                m.values().for_each(|x| walk(x, f));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, f)),
            _ => {}
        }
    }
    walk(&saved["pages"], &mut |m| {
        if m.get("swatch").and_then(|s| s.as_str()) == Some("报头红") {
            refs += 1;
            tints += usize::from(m.get("tint").and_then(|t| t.as_f64()) == Some(20.0));
        }
        old_red += usize::from(m.get("cmyk") == Some(&serde_json::json!([0.0, 100.0, 100.0, 0.0])));
    });
    assert!(refs >= 5 && tints == 1 && old_red == 0, "{refs} references, {tints} tints, {old_red} old reds");
    assert_eq!(io::from_json(&text).unwrap(), doc, "round trip");
    // A reference to a swatch the file does not define names its path.
    let mut v = sample_json();
    v["pages"][0]["elements"][0]["fill"] = serde_json::json!({"swatch": "金色"});
    let e = error_of(&v);
    assert!(e.path.starts_with("pages[0].elements[0].fill"), "{e}");
    assert!(e.to_string().contains("金色"), "{e}");
}
