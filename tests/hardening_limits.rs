//! Issue 13, bounded in memory and time: each of these once ran past 2 GB or hung; each must end
//! with a clear error (or a bounded result) under a 1 GB address-space cap (`ulimit -v`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use common::path_str;

/// Runs paiban under `ulimit -v 1000000` (about 1 GB of address space).
fn capped(args: &[&str]) -> (Output, Duration) {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let script = format!("ulimit -v 1000000; exec '{}' {}", env!("CARGO_BIN_EXE_paiban"), quoted.join(" "));
    let start = Instant::now();
    let out =
        std::process::Command::new("bash").args(["-c", &script]).current_dir(common::root()).output().expect("bash");
    (out, start.elapsed())
}

fn said(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// Refused with exit 1 (not a crash, not an abort of the allocator), naming `what`, in time.
fn refused_in_bounds(args: &[&str], what: &str) {
    let (out, took) = capped(args);
    let text = said(&out);
    assert_eq!(out.status.code(), Some(1), "`paiban {}`: {text}", args.join(" "));
    assert!(!text.contains("panicked") && !text.contains("memory allocation"), "{text}");
    assert!(text.contains(what), "`paiban {}` does not say {what:?}: {text}", args.join(" "));
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

/// The sample with `variables` and a story of `text` in its first story's place.
fn sample_with(dir: &Path, name: &str, variables: serde_json::Value, text: &str) -> PathBuf {
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(common::sample()).unwrap()).unwrap();
    v["variables"] = variables;
    v["stories"][0]["paragraphs"] = serde_json::json!([{ "text": text }]);
    let path = dir.join(name);
    std::fs::write(&path, v.to_string()).unwrap();
    path
}

#[test]
fn a_story_of_many_long_fields_is_refused_at_load() {
    let dir = common::scratch("limits-fields");
    let fields = "{v}".repeat(60_000);
    // v of 100 000 characters: past the variable cap.
    let long = sample_with(&dir, "long.json", serde_json::json!({"v": "字".repeat(100_000)}), &fields);
    // v of 5 000 characters: a fine variable, but 60 000 of them fill 300 million characters.
    let many = sample_with(&dir, "many.json", serde_json::json!({"v": "字".repeat(5_000)}), &fields);
    let pdf = dir.join("out.pdf");
    for cmd in ["check", "export", "render"] {
        let mut args = vec![cmd, path_str(&long)];
        if cmd != "check" {
            args.extend(["-o", path_str(&pdf), "--force"]);
        }
        refused_in_bounds(&args, "variables.v: the value has 100000 characters, more than 10000");
        args[1] = path_str(&many);
        refused_in_bounds(&args, "stories[0].paragraphs[0]: with its fields");
    }
    assert!(!pdf.exists());
    // Fields that fit are filled as before.
    let ok = sample_with(&dir, "ok.json", serde_json::json!({"v": "字"}), &"{v}".repeat(100));
    let (out, _) = capped(&["check", path_str(&ok)]);
    assert!(!said(&out).contains("fields"), "{}", said(&out));
}

#[test]
fn a_50_mb_variable_is_refused() {
    let dir = common::scratch("limits-variable");
    let path = sample_with(&dir, "big.json", serde_json::json!({"v": "a".repeat(50 << 20)}), "{v}");
    refused_in_bounds(&["check", path_str(&path)], "variables.v: the value has 52428800 characters");
    refused_in_bounds(&["render", path_str(&path), "-o", "/dev/null"], "variables.v");
}

#[test]
fn a_layout_over_64_mb_is_not_read() {
    let dir = common::scratch("limits-layout");
    let path = sample_with(&dir, "huge.json", serde_json::json!({"v": "a".repeat(70 << 20)}), "{v}");
    refused_in_bounds(&["check", path_str(&path)], "more than 64 MB");
}

#[test]
fn render_at_1200_dpi_is_capped_by_pixels_with_a_clear_message() {
    let dir = common::scratch("limits-dpi");
    let png = dir.join("page.png");
    refused_in_bounds(
        &["render", common::SAMPLE, "-o", path_str(&png), "--dpi", "1200"],
        "--dpi 1200 would make page 1 14032 × 19843 pixels (278 million), more than the 50 million paiban renders; use --dpi 508 or less",
    );
    assert!(!png.exists());
    // The largest allowed renders within the cap.
    let (out, _) = capped(&["render", common::SAMPLE, "-o", path_str(&png), "--dpi", "508"]);
    assert!(out.status.success(), "{}", said(&out));
    let img = image::image_dimensions(&png).unwrap();
    assert_eq!(img, (5940, 8400));
}
