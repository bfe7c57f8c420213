//! The `paiban` command line: check, export and render on good and bad layouts.

mod common;

use common::{paiban, path_str};

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_passes_the_sample() {
    let out = paiban(&["check", common::SAMPLE]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", stderr(&out));
    assert!(text.contains("preflight: clean"), "{text}");
    assert!(text.contains("lead-body") && text.contains("overset 0"), "{text}");
}

/// Writes the sample with one change made by `edit` (on the JSON text or value).
fn broken(name: &str, edit: impl FnOnce(String) -> String) -> std::path::PathBuf {
    let dir = common::scratch(&format!("cli-{name}"));
    let text = std::fs::read_to_string(common::sample()).unwrap();
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, edit(text)).unwrap();
    path
}

fn edit_json(text: String, f: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    f(&mut v);
    v.to_string()
}

#[test]
fn malformed_layouts_fail_with_a_json_path_and_no_panic() {
    let cases = [
        (broken("truncated", |t| t[..t.len() / 3].to_string()), "line "),
        (
            broken("negative", |t| edit_json(t, |v| v["pages"][0]["elements"][3]["w"] = (-10.0).into())),
            "pages[0].elements[3].w",
        ),
        (
            broken("unknown-kind", |t| edit_json(t, |v| v["pages"][0]["elements"][0]["kind"] = "circle".into())),
            "pages[0].elements[0]",
        ),
        (
            broken("nan-string", |t| edit_json(t, |v| v["pages"][0]["elements"][0]["x"] = "NaN".into())),
            "pages[0].elements[0]",
        ),
        (broken("no-pages", |t| edit_json(t, |v| v["pages"] = serde_json::json!([]))), "pages"),
    ];
    for (path, want) in cases {
        for cmd in [vec!["check", path_str(&path)], vec!["export", path_str(&path), "-o", "/dev/null"]] {
            let out = paiban(&cmd);
            let err = stderr(&out);
            assert!(!out.status.success(), "{cmd:?} should fail");
            assert_ne!(out.status.code(), Some(101), "{cmd:?} panicked: {err}");
            assert!(err.contains(want), "{cmd:?}: error does not name {want}: {err}");
            assert!(err.contains(path.file_name().unwrap().to_str().unwrap()), "error names the file: {err}");
        }
    }
}

#[test]
fn overset_and_missing_glyphs_make_check_fail() {
    let path = broken("overset", |t| {
        edit_json(t, |v| {
            let para = &mut v["stories"][1]["paragraphs"][0]["text"];
            *para = format!("{}𠀀", para.as_str().unwrap().repeat(20)).into();
        })
    });
    let out = paiban(&["check", path_str(&path)]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("超") && text.contains("promo-prize"), "{text}");
    assert!(text.contains("U+20000"), "{text}");
}

#[test]
fn missing_image_is_reported() {
    let path = broken("image", |t| {
        edit_json(t, |v| {
            let els = v["pages"][0]["elements"].as_array_mut().unwrap();
            els.push(serde_json::json!({"id": "photo", "kind": "image", "x": 20, "y": 20, "w": 40, "h": 30, "path": "photos/none.png"}));
        })
    });
    let out = paiban(&["check", path_str(&path)]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("photo") && text.contains("none.png") && text.contains("not found"), "{text}");
}

#[test]
fn render_writes_a_png_of_the_page() {
    let dir = common::scratch("cli-render");
    let png = dir.join("page.png");
    let out = paiban(&["render", common::SAMPLE, "-o", path_str(&png), "--dpi", "36"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let img = image::open(&png).unwrap();
    // A3 at 36 dpi: 297 mm → 421 px, 420 mm → 596 px.
    assert_eq!((img.width(), img.height()), (421, 596));
    let out = paiban(&["render", common::SAMPLE, "-o", path_str(&png), "--page", "2"]);
    assert!(!out.status.success() && stderr(&out).contains("no page 2"), "{}", stderr(&out));
}

#[test]
fn help_lists_the_commands() {
    let out = paiban(&["--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    for cmd in ["export", "check", "render"] {
        assert!(text.contains(cmd), "{text}");
    }
}

#[test]
fn render_prints_the_preflight_and_refuses_errors_unless_forced() {
    let path = broken("render-glyph", |t| {
        edit_json(t, |v| {
            let para = &mut v["stories"][1]["paragraphs"][0]["text"];
            *para = format!("𠀀{}", para.as_str().unwrap()).into();
        })
    });
    let png = path.with_extension("png");
    let out = paiban(&["render", path_str(&path), "-o", path_str(&png), "--dpi", "20"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error: page 1") && err.contains("U+20000") && err.contains("not rendered"), "{err}");
    assert!(!png.exists());
    let out = paiban(&["render", path_str(&path), "-o", path_str(&png), "--dpi", "20", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("U+20000"), "the findings are printed when forced too");
    assert!(png.exists());
    // Warnings are printed and do not stop it.
    let path = broken("render-warning", |t| {
        edit_json(t, |v| {
            let para = &mut v["stories"][1]["paragraphs"][0]["text"];
            *para = para.as_str().unwrap().repeat(20).into();
        })
    });
    let out = paiban(&["render", path_str(&path), "-o", path_str(&png), "--dpi", "20"]);
    assert!(out.status.success() && stderr(&out).contains("warning: page 1 promo-prize: overset"), "{}", stderr(&out));
}

#[test]
fn an_element_wholly_off_the_page_is_a_warning() {
    let path = broken("off-page", |t| {
        edit_json(t, |v| {
            let els = v["pages"][0]["elements"].as_array_mut().unwrap();
            els.push(serde_json::json!({"id": "lost-box", "kind": "shape", "shape": "rect", "x": 400, "y": 20, "w": 40, "h": 30}));
            els.push(serde_json::json!({"id": "half-box", "kind": "shape", "shape": "rect", "x": 280, "y": 20, "w": 40, "h": 30}));
        })
    });
    let out = paiban(&["check", path_str(&path)]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("warning: page 1 lost-box: the element lies wholly off the page"), "{text}");
    assert!(!text.contains("half-box: the element lies"), "partly on the page is fine: {text}");
    let pdf = path.with_extension("pdf");
    let out = paiban(&["export", path_str(&path), "-o", path_str(&pdf)]);
    assert!(out.status.success() && stderr(&out).contains("lost-box"), "{}", stderr(&out));
}

#[test]
fn defect_14_check_gives_cha_to_the_last_frame_of_a_chain_only() {
    let out = common::paiban(&["check", common::path_str(&common::sample())]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = |id: &str| text.lines().find(|l| l.starts_with("page ") && l.contains(&format!(" {id} "))).unwrap_or("");
    // story2 runs from its head frame into its body frame: the head is full and flows on.
    assert!(line("story2-head").ends_with("flows on"), "{text}");
    assert!(!line("story2-head").contains('差'), "{text}");
    // The body frame, the chain's last, carries the story's whole 差, as the story line says.
    let story = text.lines().find(|l| l.starts_with("story story2 ")).expect("story line");
    let cha = |l: &str| l.rsplit("差 ").next().and_then(|t| t.trim_end_matches(" 字").parse::<usize>().ok());
    assert_eq!(cha(line("story2-body")), cha(story), "{text}");
    assert!(cha(story).is_some_and(|n| n > 0), "{text}");
}
