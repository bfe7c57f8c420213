//! The malformed corpus (tests/malformed/, one fault per file, what each error must name in
//! expected.tsv): `paiban check` and `paiban export` refuse every file with a message naming the
//! JSON path (or the line, for broken JSON), and neither ever panics.

mod common;

use std::path::{Path, PathBuf};

use common::{paiban, path_str};

fn corpus() -> PathBuf {
    common::root().join("tests/malformed")
}

/// (file, what its error must name), from expected.tsv.
fn expectations() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(corpus().join("expected.tsv")).expect("expected.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (file, what) = l.split_once('\t').expect("file<TAB>expectation");
            (file.to_string(), what.to_string())
        })
        .collect()
}

/// Runs check and export on `layout`; both must fail cleanly and name `what`.
fn refused(layout: &Path, what: &str, out_dir: &Path) -> Result<(), String> {
    let pdf = out_dir.join("out.pdf");
    for args in [vec!["check", path_str(layout)], vec!["export", path_str(layout), "-o", path_str(&pdf)]] {
        let run = paiban(&args);
        let said = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
        let name = layout.file_name().unwrap().to_string_lossy();
        if said.contains("panicked") || run.status.code() != Some(1) {
            return Err(format!("{name}: `paiban {}` exited {:?}: {said}", args[0], run.status.code()));
        }
        if !said.contains(what) {
            return Err(format!("{name}: `paiban {}` does not name {what:?}: {said}", args[0]));
        }
    }
    if pdf.exists() {
        return Err(format!("{}: a PDF was written", layout.display()));
    }
    Ok(())
}

#[test]
fn every_malformed_layout_is_refused_with_its_json_path_and_no_panic() {
    let cases = expectations();
    assert!(cases.len() >= 30, "the corpus has {} cases", cases.len());
    // Every layout in the folder has an expectation, and every expectation a layout.
    let files: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    for f in &files {
        assert!(cases.iter().any(|(c, _)| c == f), "{f} has no line in expected.tsv");
    }
    let dir = common::scratch("malformed");
    let failures: Vec<String> =
        cases.iter().filter_map(|(file, what)| refused(&corpus().join(file), what, &dir).err()).collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn a_story_of_a_million_characters_is_refused() {
    let dir = common::scratch("malformed-huge");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(corpus().join("../../layouts/luzhong-2022-11-01.json")).unwrap())
            .unwrap();
    v["stories"][0]["paragraphs"] = serde_json::json!([{ "text": "字".repeat(1_000_000) }]);
    let path = dir.join("huge-story.json");
    std::fs::write(&path, v.to_string()).unwrap();
    refused(&path, "stories[0].paragraphs[0]", &dir).unwrap();
}
