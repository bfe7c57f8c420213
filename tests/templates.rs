//! The news page templates (layouts/templates/): they open, round-trip, and a page built from
//! each with imported copy exports a PDF whose preflight is clean.

mod common;

use paiban::edit::{self, Command};

/// Replaces the whole text of a story, as pasting over a Ctrl+A selection does.
fn replace_story_text(doc: &mut paiban::model::Document, story: &str, text: &str) {
    let s = doc.stories.iter().find(|s| s.id == story).unwrap();
    let range = edit::TextRange::new(edit::TextPos::default(), edit::text::story_end(s));
    edit::apply(doc, Command::ReplaceText { story: story.into(), range, text: text.into() }).unwrap();
}

fn templates() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(common::root().join("layouts/templates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

#[test]
fn each_template_with_imported_copy_exports_a_clean_pdf() {
    let files = templates();
    assert_eq!(files.len(), 2, "对开 and 四开 templates");
    let seed = common::seed_text();
    let lead: Vec<&str> =
        seed.lines().skip_while(|l| !l.contains("淄博10月31日讯")).take_while(|l| !l.contains("记者")).collect();
    let copy = lead.iter().map(|l| format!("\u{3000}\u{3000}{}\r\n", l.trim())).collect::<String>();
    let (gb, _, _) = encoding_rs::GB18030.encode(&copy);
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let mut doc = paiban::io::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(paiban::io::from_json(&paiban::io::to_json(&doc)).unwrap(), doc, "{name} round-trips");
        assert!(!doc.masters.is_empty() && doc.styles.paragraph.contains_key("正文"), "{name}: masters and styles");
        // Copy as it arrives: a GB18030 text file, into the lead story; the headline typed in.
        let text = paiban::import::paragraphs(&paiban::import::decode(&gb).unwrap()).join("\n");
        replace_story_text(&mut doc, "头条稿", &text);
        replace_story_text(
            &mut doc,
            "头条",
            "淄博市委召开工作调度会议\n从严从快从细落实疫情防控各项措施\n全力以赴用最短时间实现社会面清零",
        );
        let dir = common::scratch(&format!("template-{name}"));
        let layout = dir.join("page.json");
        paiban::io::save(&doc, &layout).unwrap();
        let check = common::paiban(&["check", common::path_str(&layout)]);
        let said = String::from_utf8_lossy(&check.stdout);
        assert!(check.status.success() && said.contains("preflight: clean"), "{name}: {said}");
        let pdf = dir.join("page.pdf");
        let run = common::paiban(&["export", common::path_str(&layout), "-o", common::path_str(&pdf)]);
        assert!(run.status.success(), "{name}: {}", String::from_utf8_lossy(&run.stderr));
        common::assert_qpdf_clean(&pdf);
        let text = String::from_utf8(common::tool("pdftotext", &[common::path_str(&pdf), "-"]).stdout).unwrap();
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(flat.contains("从严从快从细落实疫情防控各项措施"), "{name}: the headline prints");
        assert!(flat.contains("第A01版") && flat.contains("鲁中晨报"), "{name}: the master's 版头 with its fields");
        assert!(flat.contains("淄博市委统筹疫情防控"), "{name}: the imported copy prints");
        let png = dir.join("page");
        assert!(
            common::tool(
                "pdftoppm",
                &["-r", "30", "-png", "-singlefile", common::path_str(&pdf), common::path_str(&png)]
            )
            .status
            .success()
        );
    }
}
