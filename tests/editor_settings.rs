//! Editor settings and guards, in a process of their own (it points $XDG_CONFIG_HOME at a
//! scratch folder): the language is remembered across starts; a setting the file format does
//! not allow is refused with a message and nothing that would not load is ever saved.

mod common;
#[path = "common/kittest.rs"]
mod kittest;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use paiban::app::EditorApp;
use paiban::edit::Command;
use paiban::units::mm_to_pt;

fn harness(app: EditorApp) -> Harness<'static, EditorApp> {
    kittest::harness_of(app)
}

#[test]
fn the_language_is_remembered_and_bad_settings_are_refused() {
    let config = common::scratch("editor-settings");
    // SAFETY: this test binary has this one test; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("XDG_CONFIG_HOME", &config) };
    let doc = || paiban::io::load(&common::sample()).unwrap();
    let mut h = harness(EditorApp::new(doc(), None, common::book()));
    h.get_by_label("设置").click();
    h.run_ok();
    h.get_by_label("English").click();
    h.run_ok();
    assert!(h.query_by_label("File").is_some(), "the window speaks English now");
    drop(h);
    let h = harness(EditorApp::new(doc(), None, common::book()));
    assert!(h.query_by_label("File").is_some(), "and still does at the next start");
    drop(h);

    // A frame 20 000 mm wide is past the file's limit: refused, said, and the file saves clean.
    let dir = common::scratch("editor-settings-save");
    let path = dir.join("page.json");
    std::fs::copy(common::sample(), &path).unwrap();
    let mut h = harness(EditorApp::open(&path, common::book()).unwrap());
    let before = h.state().doc.element("promo-qr").unwrap().1.frame;
    let frame = paiban::units::Rect { w: mm_to_pt(20_000.0), ..before };
    h.state_mut().command(Command::SetFrame { id: "promo-qr".into(), frame });
    h.run_ok();
    assert_eq!(h.state().doc.element("promo-qr").unwrap().1.frame, before, "the change was refused");
    let said = h.state().messages.iter().any(|m| m.error && m.text.starts_with("Not changed") && m.text.contains("w"));
    assert!(said, "{:?}", h.state().messages);
    h.state_mut().save();
    h.run_ok();
    assert!(paiban::io::load(&path).is_ok(), "what was saved loads");
}
