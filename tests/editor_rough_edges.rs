//! The editor's rough edges from the hardening campaign, driven with egui_kittest: a layout
//! that reads files outside its folder is opened only after a one-time confirmation listing
//! them; Ctrl+Z in a focused inspector field undoes the document; a moved frame is never drawn
//! in its old place; overset and thread marks cover no text; with no file dialog, a typed path
//! opens the file; the Chinese UI says layout problems, an ad's findings and file errors in
//! Chinese.

mod common;
#[path = "common/kittest.rs"]
mod kittest;

use egui::accesskit::Role;
use egui::{Modifiers, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kittest::{drag, harness_of};
use paiban::app::{EditorApp, Modal};
use paiban::layout::frame::FrameItem;

fn sample() -> Harness<'static, EditorApp> {
    let path = common::sample();
    harness_of(EditorApp::new(paiban::io::load(&path).unwrap(), Some(path), common::book()))
}

/// A layout folder holding `page.json`, whose photo lies outside the folder (absolute path).
fn layout_with_outside_photo(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let outside = dir.join("elsewhere.png");
    image::RgbImage::from_pixel(40, 30, image::Rgb([200, 30, 30])).save(&outside).unwrap();
    let folder = dir.join("layout");
    std::fs::create_dir_all(&folder).unwrap();
    let json = format!(
        r#"{{"format":1,"styles":{{"正文":{{"font":"Noto Serif SC","size":"五号","leading":15.5}}}},
        "pages":[{{"size":[297,420],"margins":{{"top":15,"bottom":15,"left":15,"right":15}},"columns":5,"gutter":5,
        "elements":[{{"id":"photo","kind":"image","x":20,"y":20,"w":60,"h":45,"path":"{}"}}]}}]}}"#,
        outside.display()
    );
    let page = folder.join("page.json");
    std::fs::write(&page, json).unwrap();
    (page, outside)
}

#[test]
fn a_layout_reading_files_outside_its_folder_opens_only_once_allowed() {
    let dir = common::scratch("editor-outside-links");
    let (page, outside) = layout_with_outside_photo(&dir);
    // The command line's loader refuses it outright…
    assert!(paiban::io::load(&page).is_err());

    // …the editor lists the file and opens nothing until the designer allows it.
    let app = EditorApp::open(&page, common::book()).expect("the layout is read");
    let mut h = harness_of(app);
    match &h.state().modal {
        Some(Modal::OutsideLinks { links, .. }) => {
            assert_eq!(links.len(), 1);
            assert!(links[0].contains(&outside.display().to_string()), "{links:?}");
        }
        other => panic!("expected the outside-links confirmation, got {other:?}"),
    }
    assert!(h.state().path.is_none() && h.state().doc.element("photo").is_none(), "nothing opened yet");
    h.get_by_label(&outside.display().to_string()).hover();
    h.get_by_label("不打开").click();
    h.run_ok();
    assert!(h.state().modal.is_none());
    assert!(h.state().doc.element("photo").is_none(), "refused: the untitled document stays");
    assert!(h.state().messages.iter().any(|m| m.text.starts_with("未打开")), "and that is said");

    // Opened again and allowed: the document is there, with its path, and the photo shows.
    let app = EditorApp::open(&page, common::book()).unwrap();
    let mut h = harness_of(app);
    h.get_by_label("允许并打开").click();
    h.run_ok();
    assert!(h.state().modal.is_none());
    assert_eq!(h.state().path.as_deref(), Some(page.as_path()));
    let pages = h.state_mut().layout().to_vec();
    assert!(pages[0].items.iter().any(|i| matches!(i, FrameItem::Image(img) if img.element == "photo")));
    assert!(pages[0].reports.iter().all(|r| r.errors.is_empty()), "the allowed photo was read");
}

#[test]
fn undo_while_an_inspector_field_has_focus_undoes_the_document() {
    let mut h = sample();
    h.state_mut().selection = vec!["promo-qr".into()];
    h.run_ok();
    let before = h.state().doc.element("promo-qr").unwrap().1.name.clone();
    let field = h.get_all_by_role(Role::TextInput).find(|n| n.value().as_deref() == Some(before.as_str()));
    field.expect("the name field").focus();
    h.run_ok();
    h.event(egui::Event::Text("甲".into()));
    h.run_ok();
    let typed = h.state().doc.element("promo-qr").unwrap().1.name.clone();
    assert_ne!(typed, before, "the field committed the change");
    assert!(h.ctx.egui_wants_keyboard_input(), "the field still has focus");

    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.run_ok();
    assert_eq!(h.state().doc.element("promo-qr").unwrap().1.name, before, "Ctrl+Z undid the document");
    assert!(!h.ctx.egui_wants_keyboard_input(), "the field let go, so it shows the undone value");
    let shown = h.get_all_by_role(Role::TextInput).any(|n| n.value().as_deref() == Some(before.as_str()));
    assert!(shown, "the name field shows the value as it is now");

    // Redo from the keyboard too.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::Z);
    h.run_ok();
    assert_eq!(h.state().doc.element("promo-qr").unwrap().1.name, typed);
}

#[test]
fn a_moved_frame_is_never_drawn_in_its_old_place() {
    let mut h = sample();
    // Zoomed in, so the lead story covers many tiles and they cannot all be made in one
    // frame's budget.
    let before = h.state().doc.element("lead-body").unwrap().1.frame;
    let view = &mut h.state_mut().view;
    view.zoom *= 4.0;
    view.pan = vec2(-(before.x + 20.0) * view.zoom, -(before.y + 20.0) * view.zoom);
    h.run_ok();
    // A budget no tile fits in: only tiles whose items changed may be made at once.
    h.state_mut().set_tile_budget(std::time::Duration::ZERO);
    let (made_before, _) = h.state().tile_counts();
    let from = h.state().screen_pos(before.x + 40.0, before.y + 40.0);
    drag(&mut h, from, from + vec2(0.0, 60.0));
    // The frame after the drop: the command is applied, the page laid out again.
    h.step();
    let after = h.state().doc.element("lead-body").unwrap().1.frame;
    assert!(after.y > before.y + 10.0, "the frame moved: {before:?} → {after:?}");
    let (made, stale) = h.state().tile_counts();
    assert!(made > made_before, "tiles over the change were made again");
    assert_eq!(stale, 0, "no tile of the old layout was shown after the drop");
    h.run_ok();
    assert_eq!(h.state().tile_counts().1, 0);
}

/// Every glyph of the page on screen, as a box from the run's size.
fn glyph_boxes(h: &mut Harness<'static, EditorApp>) -> Vec<Rect> {
    let page = h.state().page;
    let items = h.state_mut().layout()[page].items.clone();
    let app = h.state();
    let mut out = Vec::new();
    for item in &items {
        let FrameItem::Text(run) = item else { continue };
        for g in &run.glyphs {
            let top = app.screen_pos(g.x, run.baseline - g.dy - run.size * 0.88);
            let bottom = app.screen_pos(g.x + g.advance * g.scale_x, run.baseline - g.dy + run.size * 0.12);
            out.push(Rect::from_two_pos(top, bottom));
        }
    }
    out
}

#[test]
fn overset_marks_and_thread_ports_cover_no_text() {
    let mut h = sample();
    // story2's body frame made shorter, so the story is overset; its head frame selected,
    // so the thread to the body is drawn.
    let mut el = h.state().doc.element("story2-body").unwrap().1.clone();
    el.frame.h *= 0.6;
    h.state_mut().command(paiban::edit::Command::Replace { element: el });
    h.state_mut().selection = vec!["story2-head".into()];
    h.run_ok();
    let over = h.state_mut().layout()[0].reports.iter().find(|r| r.element == "story2-body").unwrap().overset_chars;
    assert!(over > 0, "story2 is overset");
    let marks = h.state().canvas_marks().to_vec();
    assert!(marks.len() >= 3, "an overset port, its label and two thread ports: {marks:?}");
    let glyphs = glyph_boxes(&mut h);
    for m in &marks {
        let covered: Vec<&Rect> = glyphs.iter().filter(|g| g.shrink(0.5).intersects(*m)).collect();
        assert!(covered.is_empty(), "the mark {m:?} covers glyphs {covered:?}");
    }
    // A box filling the space around the frame (no text in it): the label still shows, over it.
    let body = h.state().doc.element("story2-body").unwrap().1.frame;
    let around = paiban::units::Rect::new(body.x - 30.0, body.y - 30.0, body.w + 60.0, body.h + 60.0);
    let shape = paiban::model::Shape { kind: paiban::model::ShapeKind::Rect, fill: None, stroke: None };
    let kind = paiban::model::ElementKind::Shape(shape);
    let el = paiban::model::Element {
        id: "box-around".into(),
        name: "box".into(),
        frame: around,
        locked: false,
        hidden: false,
        wrap: None,
        kind,
    };
    h.state_mut().command(paiban::edit::Command::Add { page: 0, element: el, story: None });
    h.run_ok();
    assert_eq!(h.state().canvas_marks().len(), marks.len(), "the label is not hidden by a box");
}

#[test]
fn with_no_file_dialog_a_typed_path_opens_the_file() {
    // The tests run with no desktop portal, as a bare X server does.
    let mut h = sample();
    let target = common::root().join("layouts/vertical-headline.json");
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
    let asked = kittest::path_entry_shown(&mut h);
    assert!(asked, "the window asks for a path when no dialog can be shown");
    h.run_ok();
    assert!(h.query_by_label_contains("无法打开文件对话框").is_some(), "and says why");
    h.event(egui::Event::Text(target.display().to_string()));
    h.run_ok();
    h.key_press(egui::Key::Enter);
    h.run_ok();
    assert!(h.state().modal.is_none());
    assert_eq!(h.state().path.as_deref(), Some(target.as_path()), "the typed file is open");
}

#[test]
fn with_no_file_dialog_the_export_path_starts_from_the_documents_name() {
    let mut h = sample();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::E);
    let mut text = None;
    for _ in 0..100 {
        h.step();
        if let Some(Modal::PathEntry { text: t, .. }) = &h.state().modal {
            text = Some(t.clone());
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let want = common::sample().with_extension("pdf").display().to_string();
    assert_eq!(text.as_deref(), Some(want.as_str()));
}

#[test]
fn the_chinese_ui_words_a_missing_image_and_an_ads_findings_in_chinese() {
    let dir = common::scratch("editor-findings-zh");
    common::helvetica_ad(&dir.join("ad.pdf"), b"BT /F1 24 Tf 0 0 0 1 k 20 40 Td (Ad) Tj ET");
    let json = r#"{"format":1,"styles":{"正文":{"font":"Noto Serif SC","size":"五号","leading":15.5}},
        "pages":[{"size":[297,420],"margins":{"top":15,"bottom":15,"left":15,"right":15},"columns":5,"gutter":5,
        "elements":[{"id":"photo","name":"头条照片","kind":"image","x":20,"y":20,"w":60,"h":45,"path":"gone.jpg"},
                    {"id":"ad","name":"通栏广告","kind":"image","x":20,"y":100,"w":100,"h":50,"path":"ad.pdf"}]}]}"#;
    let page = dir.join("page.json");
    std::fs::write(&page, json).unwrap();
    let mut h = harness_of(EditorApp::open(&page, common::book()).unwrap());
    h.state_mut().preset = paiban::render::preset::Preset::NEWSPRINT;
    h.state_mut().export_pdf(&dir.join("page.pdf"));
    h.run_ok();
    assert!(h.query_by_label_contains("预检发现 2 个问题").is_some(), "the problem count is shown");
    let missing = format!("错误：第 1 版 头条照片：找不到图片 {}", dir.join("gone.jpg").display());
    assert!(h.query_by_label_contains(&missing).is_some(), "the missing image is said in Chinese");
    let fonts = "错误：第 1 版 通栏广告：置入的 PDF ad.pdf 有未嵌入的字体：Helvetica";
    assert!(h.query_by_label_contains(fonts).is_some(), "the ad's finding is said in Chinese");
    for english in ["not found", "fonts not embedded", "placed PDF"] {
        assert!(h.query_by_label_contains(english).is_none(), "no English left: {english}");
    }

    // The same findings in the English UI are the command line's words.
    h.state_mut().lang = paiban::app::i18n::Lang::En;
    h.run_ok();
    assert!(h.query_by_label_contains("placed PDF ad.pdf: fonts not embedded: Helvetica").is_some());
    assert!(h.query_by_label_contains("gone.jpg: not found").is_some());
}

#[test]
fn a_broken_or_missing_layout_is_said_in_chinese_with_where() {
    let dir = common::scratch("editor-file-error-zh");
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\"format\": 1, \"pages\": [").unwrap();
    let mut h = sample();
    h.state_mut().open_path(&broken);
    h.state_mut().open_path(&dir.join("gone.json"));
    let said: Vec<&str> = h.state().messages.iter().filter(|m| m.error).map(|m| m.text.as_str()).collect();
    assert_eq!(said.len(), 2, "{said:?}");
    let cause = format!("{} 有误：文件在数组（[…]）中途结束，可能不完整（第 1 行第 ", broken.display());
    assert!(said[0].starts_with(&cause), "the cause is said in Chinese, then where: {said:?}");
    assert!(said[1].ends_with("gone.json：文件或文件夹不存在"), "{said:?}");
    assert!(h.state().doc.element("promo-qr").is_some(), "the open document is kept");
}

#[test]
fn the_elements_list_names_kinds_in_chinese_and_the_status_bar_keeps_the_newest_messages() {
    let mut h = sample();
    h.run_ok();
    let count = |h: &Harness<'static, EditorApp>, label: &str| h.query_all_by_label_contains(label).count();
    assert!(count(&h, "· 文本") > 5, "kinds are said in Chinese");
    assert_eq!(count(&h, "· 二维码"), 1);
    for english in ["· text", "· qr", "· shape"] {
        assert_eq!(count(&h, english), 0, "{english}");
    }
    // The same refusal three times is one message; of many, the newest three stay.
    for _ in 0..3 {
        h.state_mut().error("无法打开文件对话框");
    }
    assert_eq!(h.state().messages.len(), 1);
    for i in 0..5 {
        h.state_mut().error(format!("错误 {i}"));
    }
    let texts: Vec<&str> = h.state().messages.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["错误 2", "错误 3", "错误 4"]);
    // Newest first, and a long one is cut short inside the window.
    h.state_mut().error(format!("很长的错误{}", "：文件无法读取".repeat(40)));
    h.run_ok();
    let rect = |label: &str| h.get_by_label_contains(label).rect();
    assert!(rect("很长的错误").min.x < rect("错误 3").min.x, "newest first");
    assert!(rect("很长的错误").max.x < 1400.0 && rect("错误 3").max.x < 1400.0, "{:?}", rect("错误 3"));
}

#[test]
fn a_refused_setting_is_said_in_chinese_with_its_rule_and_where() {
    let mut h = sample();
    let (_, el) = h.state().doc.element("story2-body").unwrap();
    let mut edited = el.clone();
    let paiban::model::ElementKind::Text(t) = &mut edited.kind else { panic!("story2-body is a text frame") };
    // 20 columns 100 mm apart fit in no frame of the sample: the loader refuses such a file.
    t.columns = 20;
    t.column_gap = paiban::units::mm_to_pt(100.0);
    h.state_mut().command(paiban::edit::Command::Replace { element: edited });
    h.run_ok();
    let (_, now) = h.state().doc.element("story2-body").unwrap();
    assert!(matches!(&now.kind, paiban::model::ElementKind::Text(t) if t.columns != 20), "the change was refused");
    let said: Vec<&str> = h.state().messages.iter().filter(|m| m.error).map(|m| m.text.as_str()).collect();
    assert_eq!(said.len(), 1, "{said:?}");
    let name = &h.state().doc.element("story2-body").unwrap().1.name;
    assert_eq!(said[0], format!("未更改：{name}：20 栏加上栏间距超出了文本框的宽度"), "the frame by name and the rule");
    assert!(!said[0].contains("columns with this gap"), "no English: {said:?}");
}

#[test]
fn refused_files_are_said_in_chinese() {
    let dir = common::scratch("editor-refused-files-zh");
    let fifo = dir.join("pipe.json");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let read_only = dir.join("kept.json");
    std::fs::copy(common::sample(), &read_only).unwrap();
    std::fs::set_permissions(&read_only, std::os::unix::fs::PermissionsExt::from_mode(0o444)).unwrap();
    let mut h = sample();
    h.state_mut().open_path(&fifo);
    h.state_mut().save_to(&read_only);
    let said: Vec<&str> = h.state().messages.iter().filter(|m| m.error).map(|m| m.text.as_str()).collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(said[0].ends_with("pipe.json：这是管道（FIFO），不是普通文件"), "{said:?}");
    // Root may write a read-only file, but paiban still refuses to replace it.
    assert!(said[1].contains("是只读文件（权限 444）"), "{said:?}");
    assert!(said.iter().all(|m| !m.contains("FIFO, not") && !m.contains("read-only")), "no English: {said:?}");
    assert_eq!(std::fs::read(&read_only).unwrap(), std::fs::read(common::sample()).unwrap(), "the file is kept");
}

#[test]
fn a_page_shown_whole_stays_whole_as_the_window_changes_until_the_view_is_touched() {
    let mut h = sample();
    let fitted = h.state().view;
    h.set_size(vec2(1000.0, 700.0));
    h.run_ok();
    let smaller = h.state().view;
    assert!(smaller.zoom < fitted.zoom * 0.9, "refitted: {fitted:?} → {smaller:?}");
    // Once zoomed, the view is the user's: a resize leaves it.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Equals);
    h.run_ok();
    let zoomed = h.state().view;
    assert!((zoomed.zoom / smaller.zoom - 1.25).abs() < 1e-3);
    h.set_size(vec2(1400.0, 950.0));
    h.run_ok();
    assert_eq!(h.state().view, zoomed);
}

#[test]
fn number_fields_apply_what_was_typed_on_enter_and_say_what_they_refuse() {
    let mut h = sample();
    h.state_mut().selection = vec!["callout".into()];
    h.run_ok();
    let frame = |h: &Harness<'static, EditorApp>| h.state().doc.element("callout").unwrap().1.frame;
    let before = frame(&h);
    let mm = |pt: f32| paiban::units::pt_to_mm(pt);

    kittest::type_into_number(&mut h, "宽 (毫米)", "150.5", egui::Key::Enter);
    assert!((mm(frame(&h).w) - 150.5).abs() < 0.01, "typed 150.5, got {}", mm(frame(&h).w));
    assert_eq!(h.state().selection, vec!["callout".to_string()], "still selected");

    // Esc puts the old value back, and leaves the selection.
    kittest::type_into_number(&mut h, "宽 (毫米)", "-5", egui::Key::Escape);
    assert!((mm(frame(&h).w) - 150.5).abs() < 0.01, "Esc keeps 150.5, got {}", mm(frame(&h).w));
    assert_eq!(h.state().selection, vec!["callout".to_string()], "Esc in a field keeps the selection");

    // Past the range: the nearest allowed value, and why.
    kittest::type_into_number(&mut h, "宽 (毫米)", "99999", egui::Key::Enter);
    assert!((mm(frame(&h).w) - paiban::io::MAX_PAGE_MM).abs() < 0.01);
    let said = |h: &Harness<'static, EditorApp>, words: &str| h.state().messages.iter().any(|m| m.text.contains(words));
    assert!(said(&h, "只能在 1 到 5000 之间，已取 5000"), "{:?}", h.state().messages);
    // Not a number: nothing changes, and that is said.
    let now = frame(&h);
    kittest::type_into_number(&mut h, "高 (毫米)", "abc", egui::Key::Enter);
    assert_eq!(frame(&h), now);
    assert!(said(&h, "“abc”不是数字，未更改"), "{:?}", h.state().messages);
    // A value the field takes but the frame cannot (5 columns in 1 mm): one message, the refusal.
    h.state_mut().messages.clear();
    h.state_mut().selection = vec!["lead-body".into()];
    h.run_ok();
    let lead = h.state().doc.element("lead-body").unwrap().1.frame;
    kittest::type_into_number(&mut h, "宽 (毫米)", "-5", egui::Key::Enter);
    assert_eq!(h.state().doc.element("lead-body").unwrap().1.frame, lead);
    let said: Vec<&str> = h.state().messages.iter().map(|m| m.text.as_str()).collect();
    assert!(matches!(said.as_slice(), [one] if one.starts_with("未更改：")), "{said:?}");
    h.state_mut().selection = vec!["callout".into()];
    h.run_ok();
    // Each typed value was one undo step.
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
        h.run_ok();
    }
    assert_eq!(frame(&h), before);
}

#[test]
fn esc_closes_dialogs_and_a_paste_beside_its_original_is_offset() {
    let mut h = sample();
    h.state_mut().selection = vec!["table".into()];
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.run_ok();
    assert!(matches!(h.state().modal, Some(Modal::FindReplace { .. })));
    assert!(h.ctx.egui_wants_keyboard_input(), "the find field takes the typing at once");
    h.key_press(egui::Key::Escape);
    h.run_ok();
    assert!(h.state().modal.is_none(), "Esc closes find and replace");
    assert_eq!(h.state().selection, vec!["table".to_string()], "and only that");
    h.state_mut().selection.clear();
    h.state_mut().modal = Some(Modal::Preflight { export_to: None });
    h.run_ok();
    h.key_press(egui::Key::Escape);
    h.run_ok();
    assert!(h.state().modal.is_none(), "Esc closes the preflight");

    // The story editor with nothing selected says what it needs.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::G);
    h.run_ok();
    assert!(h.state().galley.is_none());
    assert!(h.state().messages.iter().any(|m| m.text.contains("请先选中一个文本框")), "{:?}", h.state().messages);

    // Copy and paste on the same page: the copy lands 5 mm down and right, named by its id.
    h.state_mut().selection = vec!["callout".into()];
    let copied = kittest::copy_out(&mut h);
    h.event(egui::Event::Paste(copied.clone()));
    h.run_ok();
    let original = h.state().doc.element("callout").unwrap().1.frame;
    let [id] = h.state().selection.clone().try_into().expect("one pasted element");
    let (_, pasted) = h.state().doc.element(&id).unwrap();
    let step = paiban::units::mm_to_pt(5.0);
    assert!((pasted.frame.x - original.x - step).abs() < 0.01 && (pasted.frame.y - original.y - step).abs() < 0.01);
    assert_eq!(pasted.name, id, "the copy is listed under its own id");
    // Pasting again steps on, never onto an earlier copy.
    h.event(egui::Event::Paste(copied));
    h.run_ok();
    let [again] = h.state().selection.clone().try_into().expect("one pasted element");
    let f = h.state().doc.element(&again).unwrap().1.frame;
    assert!((f.x - original.x - 2.0 * step).abs() < 0.01, "{f:?}");
}

#[test]
fn text_wrap_is_set_in_the_inspector_and_moves_the_text() {
    let mut h = sample();
    let lines_of = |h: &mut Harness<'static, EditorApp>| {
        let lines = h.state_mut().layout()[0].text_lines();
        lines.into_iter().filter(|l| l.element == "lead-body").map(|l| l.text).collect::<Vec<_>>()
    };
    let before = lines_of(&mut h);
    // The QR code moved over the lead story, then told to keep text off.
    let lead = h.state().doc.element("lead-body").unwrap().1.frame;
    let qr = h.state().doc.element("promo-qr").unwrap().1.frame;
    let (dx, dy) = (lead.x + 60.0 - qr.x, lead.y + 30.0 - qr.y);
    h.state_mut().command(paiban::edit::Command::Move { ids: vec!["promo-qr".into()], dx, dy });
    // Wrap keeps text off the frames below it: the code goes in front.
    let to = paiban::edit::ZMove::Front;
    h.state_mut().command(paiban::edit::Command::Restack { id: "promo-qr".into(), to });
    h.state_mut().selection = vec!["promo-qr".into()];
    h.run_ok();
    assert_eq!(lines_of(&mut h), before, "without wrap the code covers the text");
    h.get_by_label("图文互斥（文字绕排）").click();
    h.run_ok();
    let wrap = h.state().doc.element("promo-qr").unwrap().1.wrap.expect("wrap on");
    assert!((paiban::units::pt_to_mm(wrap.offset[0]) - 2.0).abs() < 0.01, "2 mm all round: {wrap:?}");
    assert_ne!(lines_of(&mut h), before, "the text makes room: its lines break elsewhere");
    // What the inspector set is saved and read back.
    let json = paiban::io::to_json(&h.state().doc);
    let back = paiban::io::from_json(&json).unwrap();
    assert_eq!(back.element("promo-qr").unwrap().1.wrap, Some(wrap));
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.run_ok();
    assert!(h.state().doc.element("promo-qr").unwrap().1.wrap.is_none(), "one undo step");
    // Turned off and on again, the wrap comes back with its settings, not the defaults.
    h.get_by_label("图文互斥（文字绕排）").click();
    h.run_ok();
    let mut el = h.state().doc.element("promo-qr").unwrap().1.clone();
    let five = paiban::units::mm_to_pt(5.0);
    el.wrap = el.wrap.map(|w| paiban::model::Wrap { offset: [five; 4], ..w });
    h.state_mut().command(paiban::edit::Command::Replace { element: el });
    h.run_ok();
    for _ in 0..2 {
        h.get_by_label("图文互斥（文字绕排）").click();
        h.run_ok();
    }
    let back = h.state().doc.element("promo-qr").unwrap().1.wrap.expect("on again");
    assert_eq!(back.offset, [five; 4]);
}

#[test]
fn the_image_tool_refuses_a_file_that_is_no_picture_and_says_why() {
    let dir = common::scratch("editor-image-tool");
    let notes = dir.join("notes.txt");
    std::fs::write(&notes, "稿件，不是图片").unwrap();
    let mut h = sample();
    let before = h.state().doc.pages[0].elements.len();
    h.state_mut().tool = paiban::app::Tool::Image;
    let (a, b) = (h.state().screen_pos(20.0, 600.0), h.state().screen_pos(120.0, 700.0));
    drag(&mut h, a, b);
    let asked = kittest::path_entry_shown(&mut h);
    assert!(asked, "no dialog here: the window asks for a path");
    h.event(egui::Event::Text(notes.display().to_string()));
    h.run_ok();
    h.key_press(egui::Key::Enter);
    h.run_ok();
    assert_eq!(h.state().doc.pages[0].elements.len(), before, "nothing placed");
    let said = h.state().messages.iter().any(|m| m.error && m.text.contains("不是 PNG、JPEG 或 PDF 文件"));
    assert!(said, "{:?}", h.state().messages);
}

#[test]
fn an_export_never_replaces_the_layout_or_another_kind_of_file() {
    let dir = common::scratch("editor-export-guard");
    let page = dir.join("page.json");
    std::fs::copy(common::sample(), &page).unwrap();
    let notes = dir.join("notes.txt");
    std::fs::write(&notes, "稿件").unwrap();
    let mut h = harness_of(EditorApp::open(&page, common::book()).unwrap());
    h.state_mut().export_pdf(&page);
    h.run_ok();
    assert!(
        h.state().messages.iter().any(|m| m.error && m.text.contains("就是版面文件本身")),
        "{:?}",
        h.state().messages
    );
    h.state_mut().export_pdf(&notes);
    h.run_ok();
    assert!(
        h.state().messages.iter().any(|m| m.error && m.text.contains("不是 PDF 文件，不会覆盖")),
        "{:?}",
        h.state().messages
    );
    h.state_mut().flush();
    assert!(paiban::io::load(&page).is_ok(), "the layout is untouched");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "稿件");
}

#[test]
fn a_new_document_the_file_would_refuse_cannot_be_created_and_says_why() {
    let mut h = sample();
    // A 20 mm page with 50 mm margins: no layout file can hold it.
    let settings =
        paiban::app::NewDocSettings { preset: 99, width: 20.0, height: 20.0, columns: 1, margin: 50.0, gutter: 5.0 };
    h.state_mut().modal = Some(Modal::NewDocument(settings));
    h.run_ok();
    assert!(h.query_by_label_contains("超出范围").is_some(), "the dialog says what is wrong");
    h.get_by_label("创建").click();
    h.run_ok();
    assert!(matches!(h.state().modal, Some(Modal::NewDocument(_))), "创建 waits for a change");
    assert!(h.state().doc.element("promo-qr").is_some(), "the open document stays");
}

#[test]
fn undoing_back_to_the_saved_file_leaves_it_unchanged() {
    let mut h = sample();
    assert!(!h.state().dirty);
    h.state_mut().command(paiban::edit::Command::Move { ids: vec!["promo-qr".into()], dx: 10.0, dy: 0.0 });
    h.run_ok();
    assert!(h.state().dirty && h.state().title().starts_with('●'));
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.run_ok();
    assert!(!h.state().dirty, "back as opened: nothing to save");
    assert!(!h.state().title().starts_with('●'), "{}", h.state().title());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::Z);
    h.run_ok();
    assert!(h.state().dirty, "redone: changed again");
}

#[test]
fn a_notice_leaves_the_status_bar_after_a_while_an_error_stays() {
    let mut h = sample();
    h.state_mut().info("已保存 page.json");
    h.state_mut().error("无法读取 photo.jpg");
    let long_ago = std::time::Instant::now() - std::time::Duration::from_secs(9);
    h.state_mut().messages.iter_mut().for_each(|m| m.at = long_ago);
    h.run_ok();
    let left: Vec<&str> = h.state().messages.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(left, ["无法读取 photo.jpg"]);
}

#[test]
fn a_layout_named_without_a_folder_lies_in_the_current_one() {
    let doc = paiban::io::load(&common::sample()).unwrap();
    let app = EditorApp::new(doc, Some("page.json".into()), common::book());
    // Not "": links were all called outside the layout's folder when it was opened so.
    assert_eq!(app.base_dir(), std::path::Path::new("."));
}
