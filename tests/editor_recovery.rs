//! Recovery after a crash or kill, in the editor: the copies of unsaved work it keeps, what a
//! restart offers and restores (the opened file's copy first, decided by the writer's lock, not
//! a pid), and undo back to the file as saved.

mod common;
#[path = "common/kittest.rs"]
mod kittest;

use egui::{Modifiers, vec2};
use egui_kittest::kittest::Queryable;
use paiban::FontBook;
use paiban::app::EditorApp;
use paiban::model::Document;
use paiban::units::{Rect, mm_to_pt};

use kittest::{drag, harness_of};

fn book() -> &'static FontBook {
    common::book()
}

fn frame_of(app: &EditorApp, id: &str) -> Rect {
    app.doc.element(id).map(|(_, e)| e.frame).expect("element")
}

#[test]
fn an_editor_killed_after_edits_is_restored_at_the_next_start() {
    let dir = common::scratch("editor-recovery");
    let (recovery, path) = (dir.join("recovery"), dir.join("page.json"));
    std::fs::copy(common::sample(), &path).unwrap();
    let instant = std::time::Duration::ZERO;
    // First run: move the QR code 10 mm right; the autosave copy is written; the editor is then
    // gone without saving or closing (as when killed).
    let edited = {
        let mut h = harness_of(EditorApp::open(&path, book()).unwrap().with_autosave(recovery.clone(), instant));
        let before = frame_of(h.state(), "promo-qr");
        let grab = h.state().screen_pos(before.x + 20.0, before.y + 20.0);
        let to = grab + vec2(mm_to_pt(10.0) * h.state().view.zoom, 0.0);
        drag(&mut h, grab, to);
        h.run_ok();
        h.state_mut().flush();
        assert!(h.state().dirty);
        assert!(copies(&recovery) == 1, "one recovery copy");
        let doc = h.state().doc.clone();
        // No clean shutdown of any kind (no on_exit): what a kill leaves, the session lock
        // released as the kernel releases a dead process's locks.
        drop(h);
        doc
    };
    assert!(frame_of_doc(&edited, "promo-qr").x > frame_of_doc(&paiban::io::load(&path).unwrap(), "promo-qr").x);
    // Next start on the same file: the editor offers the unsaved edit back, and restoring gives it.
    let mut app = EditorApp::open(&path, book()).unwrap().with_autosave(recovery.clone(), instant);
    app.offer_recovery();
    let mut h = harness_of(app);
    assert!(h.query_by_label_contains("发现未保存的修改").is_some(), "the restore prompt is shown");
    h.get_by_label("恢复").click();
    h.run_ok();
    // Equal as saved (the copy stores positions to a thousandth of a millimetre).
    assert!(paiban::io::to_json(&h.state().doc) == paiban::io::to_json(&edited), "the edit is back");
    assert!(h.state().dirty && h.state().path.as_deref() == Some(path.as_path()));
    // One undo goes back to the file as it was saved, and redo to the restored edit.
    let on_disk = paiban::io::load(&path).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.run_ok();
    assert!(paiban::io::to_json(&h.state().doc) == paiban::io::to_json(&on_disk), "undo gives the saved file");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::Z);
    h.run_ok();
    assert!(paiban::io::to_json(&h.state().doc) == paiban::io::to_json(&edited), "redo gives the edit again");
    // Saving cleanly removes the recovery copy.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::S);
    h.run_ok();
    h.state_mut().flush();
    assert!(!h.state().dirty);
    assert_eq!(copies(&recovery), 0, "no recovery copy after a save");
    let saved = frame_of_doc(&paiban::io::load(&path).unwrap(), "promo-qr");
    assert!((saved.x - frame_of_doc(&edited, "promo-qr").x).abs() < 0.01, "the saved file has the edit");
}

/// The recovery copies in a recovery folder (not its session locks).
fn copies(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).unwrap().flatten().filter(|e| e.path().extension().is_some_and(|x| x == "json")).count()
}

fn frame_of_doc(doc: &Document, id: &str) -> Rect {
    doc.element(id).unwrap().1.frame
}

/// A recovery copy as an editor session writes it, its session lock held by `holder`.
fn plant_copy(recovery: &std::path::Path, origin: &std::path::Path, session: &str, title: &str) {
    let mut doc = paiban::io::load(origin).unwrap();
    doc.title = title.into();
    let text = serde_json::json!({
        "paiban_recovery": 1, "pid": 1, "session": session, "origin": origin,
        "layout": serde_json::from_str::<serde_json::Value>(&paiban::io::to_json(&doc)).unwrap(),
    });
    std::fs::create_dir_all(recovery.join("sessions")).unwrap();
    std::fs::write(recovery.join(format!("doc-{session}.json")), text.to_string()).unwrap();
}

#[test]
fn recovery_is_decided_by_the_writers_lock_and_offers_the_opened_files_copy() {
    let dir = common::scratch("editor-recovery-locks");
    let recovery = dir.join("recovery");
    let (a, b) = (dir.join("a.json"), dir.join("b.json"));
    std::fs::copy(common::sample(), &a).unwrap();
    std::fs::copy(common::sample(), &b).unwrap();
    // A killed editor that is still a zombie (not reaped): its lock is gone with it.
    plant_copy(&recovery, &a, "zombie", "甲");
    let lock = recovery.join("sessions/zombie.lock");
    let mut child = std::process::Command::new("flock")
        .args(["--no-fork", common::path_str(&lock), "sleep", "30"])
        .spawn()
        .expect("flock (util-linux) runs");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let instant = std::time::Duration::ZERO;
    let mut app = EditorApp::open(&a, book()).unwrap().with_autosave(recovery.clone(), instant);
    app.offer_recovery();
    assert!(app.modal.is_none(), "the writer still runs (holds its lock): nothing offered");
    // kill -9, and not reaped yet: a zombie, whose pid still exists.
    let pid = child.id().to_string();
    common::tool("kill", &["-9", &pid]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(std::path::Path::new(&format!("/proc/{pid}")).exists(), "still a zombie");
    let mut app = EditorApp::open(&a, book()).unwrap().with_autosave(recovery.clone(), instant);
    app.offer_recovery();
    assert!(
        matches!(&app.modal, Some(paiban::app::Modal::Recover(r)) if r.doc.title == "甲"),
        "a zombie holds no lock: its copy is offered"
    );
    let _ = child.wait();
    // Two files' copies: opening b offers b's copy, not a's.
    plant_copy(&recovery, &b, "gone", "乙");
    let mut app = EditorApp::open(&b, book()).unwrap().with_autosave(recovery.clone(), instant);
    app.offer_recovery();
    assert!(matches!(&app.modal, Some(paiban::app::Modal::Recover(r)) if r.doc.title == "乙"));
    assert_eq!(app.recovery_others, [a.display().to_string()], "a's copy is listed");
    let mut h = harness_of(app);
    assert!(h.query_by_label_contains("另有这些文件的未保存修改").is_some());
    assert!(h.query_by_label(&a.display().to_string()).is_some(), "the other file is named");
    h.get_by_label("恢复").click();
    h.run_ok();
    assert_eq!(h.state().doc.title, "乙");
    assert!(recovery.join("doc-zombie.json").exists(), "restoring b's copy leaves a's");
    assert!(!recovery.join("doc-gone.json").exists());
}
