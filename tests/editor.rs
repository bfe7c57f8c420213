//! The editor driven headless with egui_kittest: by labels and pointer events, as a user would.

mod common;
#[path = "common/kittest.rs"]
mod kittest;

use std::sync::OnceLock;

use egui::accesskit::Role;
use egui::{Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use paiban::FontBook;
use paiban::app::EditorApp;
use paiban::model::{Document, ElementKind};
use paiban::units::{Rect, mm_to_pt};

fn book() -> &'static FontBook {
    static BOOK: OnceLock<&'static FontBook> = OnceLock::new();
    BOOK.get_or_init(|| Box::leak(Box::new(FontBook::bundled().expect("fonts"))))
}

fn blank() -> Document {
    let json = r#"{"format":1,"styles":{"正文":{"font":"Noto Serif SC","size":"五号","leading":15.5,"indent":2}},
        "pages":[{"size":[297,420],"margins":{"top":15,"bottom":15,"left":15,"right":15},"columns":5,"gutter":5,"elements":[]}]}"#;
    paiban::io::from_json(json).unwrap()
}

fn harness(doc: Document) -> Harness<'static, EditorApp> {
    harness_of(EditorApp::new(doc, None, book()))
}

fn harness_of(app: EditorApp) -> Harness<'static, EditorApp> {
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 950.0))
        .with_max_steps(16)
        .with_context_setup(|ctx| EditorApp::install_fonts(ctx, book()))
        .build_ui_state(|ui, app: &mut EditorApp| app.ui(ui), app);
    h.run_ok();
    h
}

/// Drags with the primary button from `a` to `b` in several moves, and lets the editor settle.
fn drag(h: &mut Harness<'static, EditorApp>, a: Pos2, b: Pos2) {
    kittest::drag(h, a, b);
    h.run_ok();
}

fn click_at(h: &mut Harness<'static, EditorApp>, p: Pos2) {
    h.hover_at(p);
    h.step();
    h.drag_at(p);
    h.step();
    h.drop_at(p);
    h.run_ok();
}

/// Focuses the `n`th text field of `role` and types into it.
fn type_into(h: &mut Harness<'static, EditorApp>, role: Role, n: usize, text: &str) {
    h.get_all_by_role(role).nth(n).expect("text field").focus();
    h.run_ok();
    h.event(egui::Event::Text(text.to_string()));
    h.run_ok();
}

fn frame_of(app: &EditorApp, id: &str) -> Rect {
    app.doc.element(id).unwrap().1.frame
}

#[test]
fn place_a_text_frame_and_type_chinese_then_undo_and_redo() {
    let mut h = harness(blank());
    h.get_by_label("文本框").click();
    h.run_ok();
    let (a, b) = (h.state().screen_pos(100.0, 150.0), h.state().screen_pos(300.0, 300.0));
    drag(&mut h, a, b);
    let app = h.state();
    assert_eq!(app.doc.pages[0].elements.len(), 1, "a text frame was placed");
    let id = app.doc.pages[0].elements[0].id.clone();
    let f = frame_of(app, &id);
    assert!((f.x - 100.0).abs() < 2.0 && (f.right() - 300.0).abs() < 2.0, "{f:?}");
    assert_eq!(app.selection, vec![id.clone()]);

    type_into(&mut h, Role::MultilineTextInput, 0, "淄博晨报排版");
    let story = |app: &EditorApp| paiban::edit::story_text(app.doc.story_of_frame(&id).unwrap().0);
    assert_eq!(story(h.state()), "淄博晨报排版");
    // The page shows it: the layout has the line.
    let lines = h.state_mut().layout()[0].text_lines();
    assert!(lines.iter().any(|l| l.text == "淄博晨报排版"), "{lines:?}");

    // Typing was one step; placing the frame another.
    h.state_mut().undo();
    h.run_ok();
    assert_eq!(story(h.state()), "");
    h.state_mut().undo();
    h.run_ok();
    assert!(h.state().doc.pages[0].elements.is_empty());
    h.state_mut().redo();
    h.state_mut().redo();
    h.run_ok();
    assert_eq!(story(h.state()), "淄博晨报排版");
}

#[test]
fn move_and_resize_snap_to_column_edges() {
    let mut doc = blank();
    let col = doc.pages[0].column_edges();
    let json = r#"{"id":"box","kind":"shape","shape":"rect","x":60,"y":100,"w":40,"h":30,"fill":{"gray":30}}"#;
    let mut v: serde_json::Value = serde_json::from_str(&paiban::io::to_json(&doc)).unwrap();
    v["pages"][0]["elements"] = serde_json::json!([serde_json::from_str::<serde_json::Value>(json).unwrap()]);
    doc = paiban::io::from_json(&v.to_string()).unwrap();
    let mut h = harness(doc);
    let start = frame_of(h.state(), "box");
    // Drag so the box's left edge lands 2 pt short of the second column's left edge.
    let target_x = col[1].0 - 2.0;
    let grab = h.state().screen_pos(start.x + 10.0, start.y + 10.0);
    let to = h.state().screen_pos(target_x + 10.0, start.y + 10.0);
    drag(&mut h, grab, to);
    let moved = frame_of(h.state(), "box");
    assert!((moved.x - col[1].0).abs() < 0.01, "left edge {} snapped to column edge {}", moved.x, col[1].0);

    // Resize by the right-middle handle to just past the column's right edge.
    let handle = h.state().screen_pos(moved.right(), moved.y + moved.h / 2.0);
    let to = h.state().screen_pos(col[2].1 + 1.5, moved.y + moved.h / 2.0);
    drag(&mut h, handle, to);
    let resized = frame_of(h.state(), "box");
    assert!((resized.right() - col[2].1).abs() < 0.01, "right edge {} snapped to {}", resized.right(), col[2].1);
    assert!((resized.x - moved.x).abs() < 0.01, "the left edge stays");

    h.state_mut().undo();
    assert_eq!(frame_of(h.state(), "box"), moved);
    h.state_mut().undo();
    assert_eq!(frame_of(h.state(), "box"), start);
    h.state_mut().redo();
    h.state_mut().redo();
    assert_eq!(frame_of(h.state(), "box"), resized);
    // Nudge with the arrow keys: 0.5 mm, Shift 5 mm.
    h.key_press(egui::Key::ArrowRight);
    h.run_ok();
    assert!((frame_of(h.state(), "box").x - (resized.x + mm_to_pt(0.5))).abs() < 0.01);
}

#[test]
fn table_add_row_and_edit_a_cell() {
    let mut h = harness(blank());
    h.get_by_label("表格").click();
    h.run_ok();
    let p = h.state().screen_pos(100.0, 200.0);
    click_at(&mut h, p);
    let id = h.state().selection[0].clone();
    let rows = |app: &EditorApp| match &app.doc.element(&id).unwrap().1.kind {
        ElementKind::Table(t) => t.rows.clone(),
        _ => panic!("not a table"),
    };
    assert_eq!(rows(h.state()).len(), 3);
    h.get_by_label("加一行").click();
    h.run_ok();
    assert_eq!(rows(h.state()).len(), 4);
    // Inputs: the name field, then the cells row by row.
    type_into(&mut h, Role::TextInput, 1 + 3 + 1, "临淄区");
    assert_eq!(rows(h.state())[1][1].text, "临淄区");
    let lines = h.state_mut().layout()[0].text_lines();
    assert!(lines.iter().any(|l| l.text == "临淄区"));
}

#[test]
fn place_a_qr_code_and_change_its_payload() {
    let mut h = harness(blank());
    h.get_by_label("二维码").click();
    h.run_ok();
    let p = h.state().screen_pos(150.0, 150.0);
    click_at(&mut h, p);
    // The payload prompt.
    type_into(&mut h, Role::TextInput, 0, "lznews.cn/a");
    h.get_by_label("确定").click();
    h.run_ok();
    let qr = |app: &EditorApp| {
        app.doc.pages[0]
            .elements
            .iter()
            .find_map(|e| if let ElementKind::Qr(q) = &e.kind { Some(q.payload.clone()) } else { None })
    };
    assert_eq!(qr(h.state()).as_deref(), Some("https://lznews.cn/a"));
    type_into(&mut h, Role::MultilineTextInput, 0, "/b");
    assert_eq!(qr(h.state()).as_deref(), Some("https://lznews.cn/a/b"));
    assert!(h.query_by_label_contains("模块尺寸").is_some(), "module size is shown");
}

#[test]
fn save_reopen_and_compare() {
    let dir = common::scratch("editor-save");
    let path = dir.join("page.json");
    let doc = paiban::io::load(&common::sample()).unwrap();
    let mut h = harness(doc);
    h.state_mut().path = Some(path.clone());
    // Move the QR code 10 mm right, then save with Ctrl+S.
    let before = frame_of(h.state(), "promo-qr");
    let grab = h.state().screen_pos(before.x + 20.0, before.y + 20.0);
    let to = grab + vec2(mm_to_pt(10.0) * h.state().view.zoom, 0.0);
    drag(&mut h, grab, to);
    assert!(h.state().dirty);
    assert!(h.state().title().starts_with("● "));
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::S);
    h.run_ok();
    assert!(!h.state().dirty, "{:?}", h.state().messages);
    let reopened = paiban::io::load(&path).unwrap();
    // Equal as saved (positions are stored to a thousandth of a millimetre).
    assert!(
        paiban::io::to_json(&reopened) == paiban::io::to_json(&h.state().doc),
        "the reopened file equals the document in the editor"
    );
    let moved = reopened.element("promo-qr").unwrap().1.frame;
    assert!(moved.x > before.x + mm_to_pt(5.0), "the saved file has the move");
}

#[test]
fn link_two_frames_and_the_story_continues() {
    let mut h = harness(blank());
    for (x, y) in [(100.0, 100.0), (100.0, 400.0)] {
        h.get_by_label("文本框").click();
        h.run_ok();
        let (a, b) = (h.state().screen_pos(x, y), h.state().screen_pos(x + 140.0, y + 60.0));
        drag(&mut h, a, b);
    }
    let ids: Vec<String> = h.state().doc.pages[0].elements.iter().map(|e| e.id.clone()).collect();
    // Select the first frame and give it more text than fits.
    let p = h.state().screen_pos(150.0, 120.0);
    click_at(&mut h, p);
    assert_eq!(h.state().selection, vec![ids[0].clone()]);
    type_into(
        &mut h,
        Role::MultilineTextInput,
        0,
        &"淄博市委统筹疫情防控和经济运行工作领导小组召开工作调度会议。".repeat(6),
    );
    assert!(h.state_mut().layout()[0].reports.iter().any(|r| r.overset_chars > 0), "the first frame overflows");
    h.get_by_label("串接到…").click();
    h.run_ok();
    let p = h.state().screen_pos(150.0, 420.0);
    click_at(&mut h, p);
    let app = h.state_mut();
    let story = app.doc.story_of_frame(&ids[0]).unwrap().0.clone();
    assert_eq!(story.frames, ids);
    let lines = app.layout()[0].text_lines();
    assert!(lines.iter().any(|l| l.element == ids[1]), "the story continues in the second frame");
}

#[test]
fn panning_and_zooming_do_not_lay_out_again() {
    let mut h = harness(paiban::io::load(&common::sample()).unwrap());
    let count = h.state().layout_count;
    let center = h.state().screen_pos(400.0, 600.0);
    h.hover_at(center);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: vec2(0.0, -120.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Equals);
    h.run_ok();
    h.event(egui::Event::Zoom(1.5));
    h.run_ok();
    assert!(h.state().view.zoom > 0.0);
    assert_eq!(h.state().layout_count, count, "view changes never relayout");
    // An edit does.
    h.state_mut().command(paiban::edit::Command::Move { ids: vec!["promo-qr".into()], dx: 1.0, dy: 0.0 });
    h.run_ok();
    assert_eq!(h.state().layout_count, count + 1);
}

#[test]
fn a_broken_file_is_reported_in_the_window() {
    let dir = common::scratch("editor-broken");
    let path = dir.join("broken.json");
    std::fs::write(&path, "{\"format\": 1, \"pages\": [ {\"size\": [297, -4]} ]}").unwrap();
    let mut h = harness(blank());
    h.state_mut().open_path(&path);
    h.run_ok();
    let app = h.state();
    assert!(app.path.is_none(), "the broken file did not replace the document");
    let msg = app.messages.iter().find(|m| m.error).expect("an error is shown");
    assert!(msg.text.contains("broken.json") && msg.text.contains("pages[0].size[1]"), "{}", msg.text);
    assert!(h.query_by_label_contains("pages[0].size[1]").is_some(), "the error is on screen");
}

#[test]
fn copy_in_one_window_and_paste_into_another() {
    let mut a = harness(paiban::io::load(&common::sample()).unwrap());
    a.state_mut().selection = vec!["promo-qr".into(), "lead-head".into()];
    let copied = kittest::copy_out(&mut a);
    let mut b = harness(blank());
    b.event(egui::Event::Paste(copied));
    b.run_ok();
    let app = b.state_mut();
    assert_eq!(app.doc.pages[0].elements.len(), 2);
    assert_eq!(app.selection.len(), 2, "the pasted elements are selected");
    // The headline's story and its styles came along: the page shows the headline.
    let lines = app.layout()[0].text_lines();
    assert!(lines.iter().any(|l| l.text == "从严从快从细落实疫情防控各项措施"), "{lines:?}");
    let saved = paiban::io::to_json(&app.doc);
    assert!(paiban::io::from_json(&saved).is_ok(), "the result saves and loads");
}

#[test]
fn align_and_distribute_three_boxes() {
    let json = r#"{"format":1,"pages":[{"size":[297,420],"columns":1,"elements":[
        {"id":"a","kind":"shape","shape":"rect","x":10,"y":10,"w":20,"h":20},
        {"id":"b","kind":"shape","shape":"rect","x":50,"y":40,"w":20,"h":20},
        {"id":"c","kind":"shape","shape":"rect","x":150,"y":25,"w":20,"h":20}]}]}"#;
    let mut h = harness(paiban::io::from_json(json).unwrap());
    h.state_mut().selection = vec!["a".into(), "b".into(), "c".into()];
    h.run_ok();
    h.get_by_label("排列").click();
    h.run_ok();
    h.get_by_label("顶对齐").click();
    h.run_ok();
    let ys: Vec<f32> = ["a", "b", "c"].iter().map(|id| frame_of(h.state(), id).y).collect();
    assert!(ys.iter().all(|y| (*y - ys[0]).abs() < 1e-3), "{ys:?}");
    h.get_by_label("排列").click();
    h.run_ok();
    h.get_by_label("水平等距分布").click();
    h.run_ok();
    let xs: Vec<f32> = ["a", "b", "c"].iter().map(|id| frame_of(h.state(), id).x).collect();
    assert!(((xs[1] - xs[0]) - (xs[2] - xs[1])).abs() < 1e-3, "{xs:?}");
    // Both were single steps.
    h.state_mut().undo();
    h.state_mut().undo();
    assert_eq!(frame_of(h.state(), "b").y, mm_to_pt(40.0));
}

/// Steps the editor until its export is written (the PDF is made off the UI thread).
fn wait_for_export(h: &mut Harness<'static, EditorApp>) {
    for _ in 0..2000 {
        if !h.state().exporting() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    panic!("the export did not finish");
}

#[test]
fn export_runs_the_preflight_first_and_lists_problems() {
    let dir = common::scratch("editor-export");
    // The sample is clean: it exports at once, with the chosen preset.
    let mut h = harness(paiban::io::load(&common::sample()).unwrap());
    h.state_mut().preset = paiban::render::preset::Preset::COATED;
    let clean = dir.join("clean.pdf");
    h.state_mut().export_pdf(&clean);
    h.run_ok();
    wait_for_export(&mut h);
    let pdf = std::fs::read(&clean).expect("exported");
    assert!(pdf.starts_with(b"%PDF-1.3") && pdf.windows(9).any(|w| w == b"/BleedBox"));
    assert!(h.state().messages.iter().any(|m| !m.error && m.text.contains("clean.pdf")), "{:?}", h.state().messages);

    // A QR code too small for newsprint: the export stops at the preflight's list.
    let mut doc = paiban::io::load(&common::sample()).unwrap();
    let qr = doc.pages[0].elements.iter_mut().find(|e| e.id == "promo-qr").unwrap();
    qr.frame.w = mm_to_pt(9.0);
    qr.frame.h = mm_to_pt(9.0);
    let mut h = harness(doc);
    let faulty = dir.join("faulty.pdf");
    h.state_mut().export_pdf(&faulty);
    h.run_ok();
    assert!(h.query_by_label_contains("预检发现 1 个问题").is_some(), "the problem count is shown");
    let name = h.state().doc.element("promo-qr").unwrap().1.name.clone();
    let line = format!("提醒：第 1 版 {name}：二维码模块只有");
    assert!(h.query_by_label_contains(&line).is_some(), "the finding is said in Chinese, naming the element");
    assert!(!faulty.exists(), "nothing is written before the designer decides");
    h.get_by_label("仍然导出").click();
    h.run_ok();
    wait_for_export(&mut h);
    assert!(std::fs::read(&faulty).expect("exported anyway").starts_with(b"%PDF"));
}

#[test]
fn imported_copy_and_pasted_cells_arrive_intact() {
    let dir = common::scratch("editor-import");
    let mut h = harness(blank());
    // A GB18030 text file becomes a new frame of 正文 paragraphs.
    let txt = dir.join("稿件.txt");
    let (gb, _, _) =
        encoding_rs::GB18030.encode("\u{3000}\u{3000}淄博10月31日讯 第一段。\r\n\r\n第二段，“引号”与 Risk。\r\n");
    std::fs::write(&txt, &gb).unwrap();
    paiban::app::dropin::import_file(h.state_mut(), &txt).unwrap();
    h.run_ok();
    let app = h.state();
    let story = app.doc.stories.last().expect("a story");
    let texts: Vec<String> = story.paragraphs.iter().map(|p| p.text()).collect();
    assert_eq!(texts, ["淄博10月31日讯 第一段。", "第二段，“引号”与 Risk。"]);
    assert!(story.paragraphs.iter().all(|p| p.style.as_deref() == Some("正文")));
    // A CSV becomes a table; tab-separated text pasted into it replaces its cells.
    let csv = dir.join("表.csv");
    std::fs::write(&csv, "区,办结量\n临淄区,2429\n").unwrap();
    paiban::app::dropin::import_file(h.state_mut(), &csv).unwrap();
    h.run_ok();
    let table_id = h.state().selection[0].clone();
    h.event(egui::Event::Paste("单位\t一次办结率\n沂源县\t96.97%\n桓台县\t95.57%".into()));
    h.run_ok();
    let ElementKind::Table(t) = &h.state().doc.element(&table_id).unwrap().1.kind else { panic!("a table") };
    let cells: Vec<Vec<&str>> = t.rows.iter().map(|r| r.iter().map(|c| c.text.as_str()).collect()).collect();
    assert_eq!(cells, [["单位", "一次办结率"], ["沂源县", "96.97%"], ["桓台县", "95.57%"]]);
    assert_eq!(t.column_align[1], paiban::model::CellAlign::Decimal);
    // One undo takes the paste back.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.run_ok();
    let ElementKind::Table(t) = &h.state().doc.element(&table_id).unwrap().1.kind else { panic!("a table") };
    assert_eq!(t.rows[1][0].text, "临淄区");
    // A file of another kind is refused with a message.
    let err = paiban::app::dropin::import_file(h.state_mut(), &dir.join("x.docx")).unwrap_err();
    assert!(matches!(&err, paiban::app::errors::AppError::Read { file, .. } if file.ends_with("x.docx")), "{err}");
}

#[test]
fn find_and_replace_across_stories_with_a_count_and_undo() {
    let mut h = harness(paiban::io::load(&common::sample()).unwrap());
    // Stories and table cells both.
    let count = |doc: &Document, s: &str| {
        let cells = doc.pages.iter().flat_map(|p| &p.elements).filter_map(|e| match &e.kind {
            ElementKind::Table(t) => Some(t.rows.iter().flatten().map(|c| c.text.matches(s).count()).sum::<usize>()),
            _ => None,
        });
        doc.stories.iter().flat_map(|st| &st.paragraphs).map(|p| p.text().matches(s).count()).sum::<usize>()
            + cells.sum::<usize>()
    };
    let before = count(&h.state().doc, "淄博");
    assert!(before >= 10);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.run_ok();
    type_into(&mut h, Role::TextInput, 0, "淄博");
    type_into(&mut h, Role::TextInput, 1, "【淄博】");
    assert!(h.query_by_label(&format!("找到 {before} 处")).is_some(), "the count is shown");
    h.get_by_label("全部替换").click();
    h.run_ok();
    assert_eq!(count(&h.state().doc, "【淄博】"), before, "every occurrence, in every story");
    assert!(h.state().messages.iter().any(|m| m.text == format!("已替换 {before} 处")));
    // A regular expression: dates 10月31日 → 10/31.
    h.get_by_label("关闭").click();
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.run_ok();
    assert_eq!(count(&h.state().doc, "【淄博】"), 0, "one undo takes the replacement back");
    let mut doc = h.state().doc.clone();
    let dates = paiban::edit::find::Query { find: r"(\d+)月(\d+)日".into(), regex: true };
    let n = paiban::edit::find::replace_all(&mut doc, &dates, "$1/$2").unwrap();
    assert!(n >= 5 && count(&doc, "10/31") >= 2, "{n} dates");
}

#[test]
fn applying_a_paragraph_style_from_the_inspector() {
    let mut h = harness(paiban::io::load(&common::sample()).unwrap());
    h.state_mut().selection = vec!["banner-text".into()];
    h.run_ok();
    // The inspector's paragraph style box: choose 正文 for the selected frame's paragraph.
    h.get_by_value("专栏文").click();
    h.run_ok();
    h.get_by_label("正文").click_accesskit();
    h.run_ok();
    let story = h.state().doc.stories.iter().find(|s| s.id == "banner-text").unwrap();
    assert_eq!(story.paragraphs[0].style.as_deref(), Some("正文"));
    let pages = h.state_mut().layout().to_vec();
    let size = pages[0].items.iter().find_map(|i| match i {
        paiban::layout::frame::FrameItem::Text(r) if r.element == "banner-text" => Some(r.size),
        _ => None,
    });
    assert_eq!(size, Some(10.5), "the frame is set in 正文 now");
}

#[test]
fn numbers_with_units_can_be_let_go_from_the_inspector() {
    let mut h = harness(paiban::io::load(&common::sample()).unwrap());
    h.state_mut().selection = vec!["lead-body".into()];
    h.run_ok();
    let body = |h: &Harness<'static, EditorApp>| {
        let story = h.state().doc.stories.iter().find(|s| s.id == "lead").unwrap();
        let p = &story.paragraphs[0];
        h.state().doc.styles.resolve(p.style.as_deref(), &p.overrides).keep_units
    };
    assert!(body(&h), "on by default");
    h.get_by_label("数字与单位不拆行").click_accesskit();
    h.run_ok();
    assert!(!body(&h), "turned off for the paragraph");
    let saved = paiban::io::from_json(&paiban::io::to_json(&h.state().doc)).unwrap();
    let story = saved.stories.iter().find(|s| s.id == "lead").unwrap();
    assert_eq!(story.paragraphs[0].overrides.keep_units, Some(false), "and saved so");
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.run_ok();
    assert!(body(&h), "undone");
}

#[test]
fn status_bar_counts_characters_and_templates_start_new_pages() {
    let mut h = harness(paiban::io::load(&common::sample()).unwrap());
    let label = |n: egui_kittest::Node| n.value().unwrap_or_default();
    let page = label(h.query_by_label_contains("本版 ").expect("the page's 字数"));
    let n: usize =
        page.trim_start_matches("本版 ").trim_end_matches(" 字").parse().unwrap_or_else(|_| panic!("{page:?}"));
    assert!(n > 1500, "the sample page sets about 2 000 characters: {page}");
    h.state_mut().selection = vec!["lead-body".into()];
    h.run_ok();
    let sel = label(h.query_by_label_contains("选中 ").expect("the selection's 字数"));
    assert!(sel.contains(" 字 · 差 ") || sel.contains(" 字 · 超 "), "{sel}");
    // The head frame of story2 passes its text on to the body frame: no 差 of its own.
    h.state_mut().selection = vec!["story2-head".into()];
    h.run_ok();
    let sel = label(h.query_by_label_contains("选中 ").expect("the selection's 字数"));
    assert!(sel.ends_with(" 字 · 续排"), "{sel}");
    // 文件 → 从模板新建: an untitled page with the template's master and styles.
    let templates = EditorApp::templates();
    assert_eq!(templates.len(), 2, "{templates:?}");
    h.state_mut().dirty = false;
    h.state_mut().new_from_template(&templates[0].1);
    h.run_ok();
    assert!(h.state().path.is_none() && !h.state().doc.masters.is_empty());
    assert!(h.query_by_label_contains("第A01版").is_none(), "fields are set on the page, not shown as UI text");
}

#[test]
fn a_dropped_word_document_takes_the_house_styles_by_name() {
    use docx_rs::{Docx, Paragraph, Run, Style, StyleType};
    let dir = common::scratch("editor-docx");
    let docx = Docx::new()
        .add_style(Style::new("a1", StyleType::Paragraph).name("作者"))
        .add_style(Style::new("a2", StyleType::Paragraph).name("Normal"))
        .add_paragraph(Paragraph::new().style("a2").add_run(Run::new().add_text("淄博讯 正文一段。")))
        .add_paragraph(Paragraph::new().style("a1").add_run(Run::new().add_text("记者 任灵芝")));
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).unwrap();
    let path = dir.join("稿件.docx");
    std::fs::write(&path, bytes.into_inner()).unwrap();
    let mut h = harness(paiban::io::load(&common::sample()).unwrap());
    h.state_mut().selection = vec!["story2-body".into()];
    h.run_ok();
    paiban::app::dropin::import_file(h.state_mut(), &path).unwrap();
    h.run_ok();
    let (story, _) = h.state().doc.story_of_frame("story2-body").unwrap();
    let got: Vec<(Option<&str>, String)> = story.paragraphs.iter().map(|p| (p.style.as_deref(), p.text())).collect();
    // "Normal" is no house style: it becomes 正文; 作者 is one.
    assert_eq!(got, [(Some("正文"), "淄博讯 正文一段。".into()), (Some("作者"), "记者 任灵芝".into())]);
}

#[test]
fn style_shortcuts_and_the_galley_window() {
    let mut h = harness(paiban::io::load(&common::sample()).unwrap());
    h.state_mut().selection = vec!["banner-text".into()];
    h.run_ok();
    // Ctrl+Alt+N applies the Nth paragraph style of the list to the selected frame's story.
    let names: Vec<String> = h.state().doc.styles.paragraph.keys().cloned().collect();
    let n = names.iter().position(|s| s == "作者").unwrap();
    assert!(n < 9);
    let key = [
        egui::Key::Num1,
        egui::Key::Num2,
        egui::Key::Num3,
        egui::Key::Num4,
        egui::Key::Num5,
        egui::Key::Num6,
        egui::Key::Num7,
        egui::Key::Num8,
        egui::Key::Num9,
    ][n];
    let zoom = h.state().view.zoom;
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, key);
    h.run_ok();
    let story = h.state().doc.stories.iter().find(|s| s.id == "banner-text").unwrap();
    assert!(story.paragraphs.iter().all(|p| p.style.as_deref() == Some("作者")));
    assert_eq!(h.state().view.zoom, zoom, "the zoom shortcut (Ctrl+1) is not triggered");
    // The galley (Ctrl+G) shows the whole story with its 字数, and typing there edits it.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::G);
    h.run_ok();
    assert!(h.query_by_label_contains("稿件 banner-text").is_some(), "the galley window is open");
    let boxes = h.get_all_by_role(Role::MultilineTextInput).count();
    type_into(&mut h, Role::MultilineTextInput, boxes - 1, "补充一句。");
    let story = h.state().doc.stories.iter().find(|s| s.id == "banner-text").unwrap();
    assert!(story.paragraphs.iter().any(|p| p.text().contains("补充一句。")), "typed into the story");
}
