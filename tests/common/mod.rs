//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use paiban::FontBook;

pub const SAMPLE: &str = "layouts/luzhong-2022-11-01.json";
pub const SEED: &str = "../shared/seed/000_c6595e5ccff5e2b6.txt";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample() -> PathBuf {
    root().join(SAMPLE)
}

pub fn book() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(|| FontBook::bundled().expect("bundled fonts"))
}

/// The seed text: from shared/ when present, else the copy kept in tests/.
pub fn seed_text() -> String {
    let shared = root().join(SEED);
    std::fs::read_to_string(&shared)
        .or_else(|_| std::fs::read_to_string(root().join("tests/data/seed.txt")))
        .expect("seed text")
}

/// Runs the paiban binary.
pub fn paiban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_paiban")).args(args).current_dir(root()).output().expect("run paiban")
}

/// Runs an external tool, failing the test with a hint when it is not installed.
pub fn tool(name: &str, args: &[&str]) -> Output {
    Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} could not run ({e}); scripts/test installs it (apt-get)"))
}

/// `qpdf --check` finds no errors in the PDF at `path`.
pub fn assert_qpdf_clean(path: &Path) {
    let out = tool("qpdf", &["--check", path_str(path)]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("No syntax or stream encoding errors"), "{text}");
}

/// A fresh scratch folder under target/.
pub fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target/test-scratch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Text with all whitespace removed and the seed's ASCII punctuation mapped to the full-width
/// marks that Chinese copy uses, so extracted text and seed text compare.
pub fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            ',' => '，',
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// `doc` with the sample's dusk photo placed on page 1 at `frame` (pt), with `wrap`, on top.
pub fn with_photo(
    mut doc: paiban::model::Document,
    frame: paiban::units::Rect,
    wrap: Option<paiban::model::Wrap>,
) -> paiban::model::Document {
    use paiban::model::{Element, ElementKind, ImageElement};
    let kind = ElementKind::Image(ImageElement { path: "assets/photo-dusk.jpg".into(), ..Default::default() });
    let photo = Element { id: "photo".into(), name: "photo".into(), frame, locked: false, hidden: false, kind, wrap };
    doc.pages[0].elements.push(photo);
    doc
}

/// Lays out a document whose files lie in `layouts/` (as the sample's do).
pub fn lay_out(doc: &paiban::model::Document) -> Vec<paiban::layout::frame::PageFrame> {
    paiban::layout::layout_document(doc, book(), &root().join("layouts"))
}

/// A one-page PDF ad (200 × 100 pt) written with lopdf: page content `content`, its font F1
/// Helvetica and not embedded.
pub fn helvetica_ad(path: &Path, content: &[u8]) {
    use lopdf::{Object, Stream, dictionary};
    let mut doc = lopdf::Document::with_version("1.4");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"});
    let content = doc.add_object(Stream::new(lopdf::Dictionary::new(), content.to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "Resources" => dictionary! {"Font" => dictionary! {"F1" => font}},
        "MediaBox" => vec![0.into(), 0.into(), 200.into(), 100.into()],
    });
    let pages = dictionary! {"Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1};
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog);
    doc.save(path).unwrap();
}
