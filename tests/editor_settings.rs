//! Editor settings and guards, in a process of their own (it points $XDG_CONFIG_HOME at a
//! scratch folder): the language, the zoom and the recent files are remembered across starts; a setting the file format does
//! not allow is refused with a message and nothing that would not load is ever saved.

mod common;
#[path = "common/kittest.rs"]
mod kittest;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use paiban::app::EditorApp;
use paiban::app::settings;
use paiban::edit::Command;
use paiban::units::mm_to_pt;

fn harness(app: EditorApp) -> Harness<'static, EditorApp> {
    kittest::harness_of(app)
}

#[test]
fn the_language_zoom_and_recent_files_are_remembered_and_bad_settings_are_refused() {
    let config = common::scratch("editor-settings");
    // SAFETY: this test binary has this one test; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("XDG_CONFIG_HOME", &config) };
    let file = settings::settings_file().expect("a config folder");
    assert_eq!(file, config.join("paiban/settings.json"), "kept in the platform's config folder");
    let doc = || paiban::io::load(&common::sample()).unwrap();
    let start = |app: EditorApp| {
        let mut app = app;
        app.remember_settings_in(file.clone());
        harness(app)
    };
    let mut h = start(EditorApp::new(doc(), None, common::book()));
    assert!(h.query_by_label("文件").is_some(), "简体中文 the first time");
    h.get_by_label("设置").click();
    h.run_ok();
    h.get_by_label("English").click();
    h.run_ok();
    assert!(h.query_by_label("File").is_some(), "the window speaks English now");
    drop(h);
    let h = start(EditorApp::new(doc(), None, common::book()));
    assert!(h.query_by_label("File").is_some(), "and still does at the next start");
    drop(h);

    // The zoom last chosen is the one the next start opens at, and a file opened is listed first.
    let opened = common::scratch("editor-settings-recent").join("page.json");
    std::fs::copy(common::sample(), &opened).unwrap();
    let mut h = start(EditorApp::open(&opened, common::book()).unwrap());
    let fitted = h.state().view.zoom;
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Equals);
    h.run_ok();
    let zoomed = h.state().view.zoom;
    assert!((zoomed / fitted - 1.25).abs() < 1e-3, "{fitted} → {zoomed}");
    let kept = |want: &dyn Fn(&settings::Settings) -> bool, h: &mut Harness<'static, EditorApp>| {
        // A zoom is written once it has rested (under half a second).
        let until = std::time::Instant::now() + std::time::Duration::from_secs(3);
        while !want(&settings::Settings::load(&file)) && std::time::Instant::now() < until {
            std::thread::sleep(std::time::Duration::from_millis(50));
            h.step();
        }
        settings::Settings::load(&file)
    };
    let written = kept(&|s| s.zoom != settings::Zoom::Fit, &mut h);
    assert!(matches!(written.zoom, settings::Zoom::Percent(p) if p > 0.0), "{written:?}");
    assert_eq!(written.recent.first(), Some(&opened.canonicalize().unwrap()), "{written:?}");
    drop(h);
    let mut h = start(EditorApp::new(doc(), None, common::book()));
    assert!((h.state().view.zoom - zoomed).abs() < 1e-3, "opens at {} not {zoomed}", h.state().view.zoom);
    h.get_by_label("File").click();
    h.run_ok();
    h.get_by_label("Open Recent").click();
    h.run_ok();
    let listed = opened.canonicalize().unwrap().display().to_string();
    assert!(h.query_by_label(&listed).is_some(), "listed under Open Recent");
    // Fitting the page again is remembered as fitting.
    h.key_press(egui::Key::Escape);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    h.run_ok();
    assert_eq!(kept(&|s| s.zoom == settings::Zoom::Fit, &mut h).zoom, settings::Zoom::Fit);
    drop(h);

    // A frame 20 000 mm wide is past the file's limit: refused, said, and the file saves clean.
    let dir = common::scratch("editor-settings-save");
    let path = dir.join("page.json");
    std::fs::copy(common::sample(), &path).unwrap();
    let mut h = start(EditorApp::open(&path, common::book()).unwrap());
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
