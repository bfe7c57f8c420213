//! Writing on the canvas, driven with egui_kittest by pointer, key and IME events (not the
//! inspector): caret placement, typing through the IME, moving across columns and threaded
//! frames, formatting that survives later edits, paragraph styles that stay with their
//! paragraphs, styled paste between windows, undo that puts the caret back, vertical frames.

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
use paiban::edit::TextPos;
use paiban::layout::caret;

fn book() -> &'static FontBook {
    static BOOK: OnceLock<&'static FontBook> = OnceLock::new();
    BOOK.get_or_init(|| Box::leak(Box::new(FontBook::bundled().expect("fonts"))))
}

fn harness_on(path: &std::path::Path) -> Harness<'static, EditorApp> {
    let app = EditorApp::new(paiban::io::load(path).unwrap(), Some(path.to_path_buf()), book());
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 950.0))
        .with_max_steps(16)
        // Frames a sixtieth of a second apart, so two clicks make a double-click.
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(|ctx| EditorApp::install_fonts(ctx, book()))
        .build_ui_state(|ui, app: &mut EditorApp| app.ui(ui), app);
    h.run_ok();
    h
}

fn sample() -> Harness<'static, EditorApp> {
    harness_on(&common::sample())
}

fn frames_of(app: &EditorApp, story: &str) -> Vec<String> {
    app.doc.stories.iter().find(|s| s.id == story).unwrap().frames.clone()
}

/// Where on screen the caret before character `pos` of `story` would stand, nudged a little
/// into that character so a click there lands before it.
fn screen_at(h: &mut Harness<'static, EditorApp>, story: &str, pos: TextPos) -> Pos2 {
    let frames = frames_of(h.state(), story);
    let app = h.state_mut();
    let pages = app.layout().to_vec();
    let lines = caret::story_lines(&pages, &frames);
    let (_, r) = caret::caret_rect(&lines, pos).expect("the position is on the page");
    let (x, y) = if r.w > 0.0 { (r.x + r.w / 2.0, r.y + 1.5) } else { (r.x + 1.5, r.y + r.h / 2.0) };
    app.screen_pos(x, y)
}

/// Two clicks within the double-click time.
fn double_click(h: &mut Harness<'static, EditorApp>, p: Pos2) {
    h.hover_at(p);
    h.step();
    for _ in 0..2 {
        h.drag_at(p);
        h.step();
        h.drop_at(p);
        h.step();
    }
    h.run_ok();
}

fn key(h: &mut Harness<'static, EditorApp>, m: Modifiers, k: egui::Key) {
    h.key_press_modifiers(m, k);
    h.run_ok();
}

fn head(h: &Harness<'static, EditorApp>) -> TextPos {
    h.state().text_edit.as_ref().expect("editing text").sel.head
}

fn paragraph(h: &Harness<'static, EditorApp>, story: &str, i: usize) -> paiban::model::Paragraph {
    h.state().doc.stories.iter().find(|s| s.id == story).unwrap().paragraphs[i].clone()
}

/// The caret's line in the story's lines.
fn caret_line(h: &mut Harness<'static, EditorApp>, story: &str) -> paiban::layout::frame::CaretLine {
    let frames = frames_of(h.state(), story);
    let at = head(h);
    let pages = h.state_mut().layout().to_vec();
    let lines = caret::story_lines(&pages, &frames);
    lines[caret::line_of(&lines, at).unwrap()].line.clone()
}

#[test]
fn double_click_and_type_chinese_through_the_ime_at_the_clicked_character() {
    let mut h = sample();
    let before = paragraph(&h, "lead", 1).text();
    let p = screen_at(&mut h, "lead", TextPos::new(1, 7));
    double_click(&mut h, p);
    assert_eq!(head(&h), TextPos::new(1, 7), "the caret stands at the clicked character");
    h.event(egui::Event::Ime(egui::ImeEvent::Preedit { text: "ce shi".into(), active_range_chars: None }));
    h.run_ok();
    assert_eq!(h.state().text_edit.as_ref().unwrap().preedit, "ce shi", "the composition shows at the caret");
    assert_eq!(paragraph(&h, "lead", 1).text(), before, "a composition is not text yet");
    h.event(egui::Event::Ime(egui::ImeEvent::Commit("测试，。“”".into())));
    h.run_ok();
    let mut expected: Vec<char> = before.chars().collect();
    expected.splice(7..7, "测试，。“”".chars());
    assert_eq!(paragraph(&h, "lead", 1).text(), expected.into_iter().collect::<String>());
    assert_eq!(head(&h), TextPos::new(1, 13), "the caret follows the committed text");
    // The platform is told where the caret is (the candidate window goes there).
    let ime = h.output().platform_output.ime.expect("IME output while writing");
    assert!(ime.cursor_rect.height() > 2.0);
    // Undo takes the commit back and the caret with it; redo brings both again.
    key(&mut h, Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(paragraph(&h, "lead", 1).text(), before);
    assert_eq!(head(&h), TextPos::new(1, 7));
    key(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::Z);
    assert!(paragraph(&h, "lead", 1).text().contains("测试，。“”"));
    assert_eq!(head(&h), TextPos::new(1, 13));
    key(&mut h, Modifiers::NONE, egui::Key::Escape);
    assert!(h.state().text_edit.is_none());
    assert_eq!(h.state().selection, vec!["lead-body".to_string()], "Esc leaves the frame selected");
}

#[test]
fn arrows_move_and_select_across_a_column_break_and_into_a_threaded_frame() {
    let mut h = sample();
    // The lead story's body: the last line of its first column, then down into the second.
    let frames = frames_of(h.state(), "lead");
    let pages = h.state_mut().layout().to_vec();
    let lines = caret::story_lines(&pages, &frames);
    let first_col = lines[0].line.column;
    let last = lines.iter().rposition(|l| l.line.column == first_col).unwrap();
    let (a, _) = lines[last].line.span();
    let start = TextPos::new(lines[last].line.paragraph, a + 1);
    let p = screen_at(&mut h, "lead", start);
    double_click(&mut h, p);
    assert_eq!(head(&h), start);
    key(&mut h, Modifiers::NONE, egui::Key::ArrowDown);
    assert_ne!(caret_line(&mut h, "lead").column, first_col, "down goes on into the next column");
    key(&mut h, Modifiers::NONE, egui::Key::ArrowUp);
    assert_eq!(caret_line(&mut h, "lead").column, first_col);
    // Shift+End then Shift+Right selects over the column break.
    key(&mut h, Modifiers::SHIFT, egui::Key::End);
    key(&mut h, Modifiers::SHIFT, egui::Key::ArrowRight);
    let sel = h.state().text_edit.as_ref().unwrap().sel;
    assert_eq!(sel.anchor, start);
    assert!(sel.range().end > sel.range().start);
    assert_ne!(caret_line(&mut h, "lead").column, first_col, "the selection reaches the next column");
    key(&mut h, Modifiers::NONE, egui::Key::Escape);

    // story2 flows from its headline frame into its body frame: Ctrl+End of the headline's
    // text and Right goes into the body.
    let head_frame = frames_of(h.state(), "story2")[0].clone();
    let p = screen_at(&mut h, "story2", TextPos::new(0, 1));
    double_click(&mut h, p);
    assert_eq!(caret_line(&mut h, "story2").element, head_frame);
    for _ in 0..2 {
        key(&mut h, Modifiers::NONE, egui::Key::ArrowDown);
    }
    let n = paiban::edit::text::paragraph_len(&paragraph(&h, "story2", 1));
    key(&mut h, Modifiers::NONE, egui::Key::End);
    if head(&h) == TextPos::new(1, n) {
        key(&mut h, Modifiers::NONE, egui::Key::ArrowRight);
    }
    for _ in 0..3 {
        if caret_line(&mut h, "story2").element != head_frame {
            break;
        }
        key(&mut h, Modifiers::NONE, egui::Key::ArrowDown);
    }
    assert_eq!(caret_line(&mut h, "story2").element, "story2-body", "the caret moved into the threaded frame");
}

#[test]
fn bold_survives_typing_on_the_canvas_and_in_the_inspector() {
    let mut h = sample();
    let p = screen_at(&mut h, "lead", TextPos::new(0, 2));
    double_click(&mut h, p);
    key(&mut h, Modifiers::SHIFT, egui::Key::ArrowRight);
    key(&mut h, Modifiers::SHIFT, egui::Key::ArrowRight);
    key(&mut h, Modifiers::COMMAND, egui::Key::B);
    let bold_text = |h: &Harness<'static, EditorApp>| -> Vec<String> {
        paragraph(h, "lead", 0).runs.iter().filter(|r| r.style.bold == Some(true)).map(|r| r.text.clone()).collect()
    };
    let original = paragraph(&h, "lead", 0).text();
    let chosen: String = original.chars().skip(2).take(2).collect();
    assert_eq!(bold_text(&h), vec![chosen.clone()], "Ctrl+B bolds the selection only");
    // Typing elsewhere in the paragraph keeps the bold run.
    key(&mut h, Modifiers::NONE, egui::Key::End);
    h.event(egui::Event::Text("字".into()));
    h.run_ok();
    assert_eq!(bold_text(&h), vec![chosen.clone()]);
    // So does typing in the inspector's text box (the old path flattened every run).
    key(&mut h, Modifiers::NONE, egui::Key::Escape);
    h.get_all_by_role(Role::MultilineTextInput).next().expect("story text").focus();
    h.run_ok();
    h.event(egui::Event::Text("末".into()));
    h.run_ok();
    let story = paiban::edit::story_text(h.state().doc.stories.iter().find(|s| s.id == "lead").unwrap());
    assert!(story.ends_with('末'), "{story}");
    assert_eq!(bold_text(&h), vec![chosen], "the bold run is still bold after an inspector edit");
    // And it saves so.
    let json = paiban::io::to_json(&h.state().doc);
    assert!(json.contains("\"bold\": true"));
}

#[test]
fn enter_at_a_paragraph_start_keeps_every_paragraphs_style() {
    let mut h = sample();
    let styles = |h: &Harness<'static, EditorApp>| -> Vec<(Option<String>, String)> {
        let s = h.state().doc.stories.iter().find(|s| s.id == "lead").unwrap();
        s.paragraphs.iter().map(|p| (p.style.clone(), p.text())).filter(|(_, t)| !t.is_empty()).collect()
    };
    let before = styles(&h);
    let last = before.len() - 1;
    let p = screen_at(&mut h, "lead", TextPos::new(last, 0));
    double_click(&mut h, p);
    key(&mut h, Modifiers::NONE, egui::Key::Home);
    assert_eq!(head(&h), TextPos::new(last, 0));
    key(&mut h, Modifiers::NONE, egui::Key::Enter);
    assert_eq!(styles(&h), before, "each paragraph keeps its own style");
    assert_eq!(head(&h), TextPos::new(last + 1, 0));
    let author = paragraph(&h, "lead", last + 1);
    assert_eq!(author.style.as_deref(), Some("作者"));
    // Backspace joins them again, one step each way.
    key(&mut h, Modifiers::NONE, egui::Key::Backspace);
    assert_eq!(h.state().doc.stories.iter().find(|s| s.id == "lead").unwrap().paragraphs.len(), before.len());
}

#[test]
fn styled_text_pastes_into_another_window_with_its_runs() {
    let mut a = sample();
    let p = screen_at(&mut a, "lead", TextPos::new(0, 0));
    double_click(&mut a, p);
    key(&mut a, Modifiers::SHIFT, egui::Key::ArrowRight);
    key(&mut a, Modifiers::SHIFT, egui::Key::ArrowRight);
    key(&mut a, Modifiers::COMMAND, egui::Key::B);
    let copied = kittest::copy_out(&mut a);
    assert_eq!(copied.chars().count(), 2);
    let mut b = sample();
    let p = screen_at(&mut b, "banner-text", TextPos::new(0, 1));
    double_click(&mut b, p);
    b.event(egui::Event::Paste(copied.clone()));
    b.run_ok();
    let pasted = paragraph(&b, "banner-text", 0);
    assert!(
        pasted.runs.iter().any(|r| r.text == copied && r.style.bold == Some(true)),
        "the pasted run keeps its bold: {:?}",
        pasted.runs
    );
    // Plain text from elsewhere takes the caret's style.
    b.event(egui::Event::Paste("外来".into()));
    b.run_ok();
    let pasted = paragraph(&b, "banner-text", 0);
    assert!(pasted.text().contains("外来"));
    assert!(paiban::io::from_json(&paiban::io::to_json(&b.state().doc)).is_ok(), "the result saves and loads");
}

#[test]
fn a_vertical_frame_takes_a_caret_and_typing() {
    let path = common::root().join("layouts/vertical-headline.json");
    let mut h = harness_on(&path);
    let p = screen_at(&mut h, "head", TextPos::new(0, 3));
    double_click(&mut h, p);
    assert_eq!(head(&h), TextPos::new(0, 3));
    assert!(caret_line(&mut h, "head").vertical);
    // Down moves along a vertical line.
    key(&mut h, Modifiers::NONE, egui::Key::ArrowDown);
    assert_eq!(head(&h), TextPos::new(0, 4));
    h.event(egui::Event::Text("新".into()));
    h.run_ok();
    assert_eq!(paragraph(&h, "head", 0).text().chars().nth(4), Some('新'));
}

#[test]
fn an_idle_editor_asks_for_no_repaint_and_sends_no_title() {
    let mut h = sample();
    h.run_ok();
    h.step();
    let out = h.output();
    let root = &out.viewport_output[&egui::ViewportId::ROOT];
    assert!(root.repaint_delay > std::time::Duration::from_secs(1), "idle: {:?}", root.repaint_delay);
    assert!(
        !root.commands.iter().any(|c| matches!(c, egui::ViewportCommand::Title(_))),
        "the title is sent only when it changes"
    );
    // While writing, only the caret's blink asks for frames.
    let p = screen_at(&mut h, "lead", TextPos::new(0, 0));
    double_click(&mut h, p);
    h.step();
    let root = &h.output().viewport_output[&egui::ViewportId::ROOT];
    assert!(root.repaint_delay >= std::time::Duration::from_millis(40), "{:?}", root.repaint_delay);
    // Left alone for ten seconds (a step is 1/60 s), the caret stops blinking: the idle editor
    // draws nothing until something happens.
    for _ in 0..620 {
        h.step();
    }
    assert!(h.state().text_edit.is_some(), "still writing");
    let root = &h.output().viewport_output[&egui::ViewportId::ROOT];
    assert!(root.repaint_delay > std::time::Duration::from_secs(1), "{:?}", root.repaint_delay);
}

#[test]
fn find_next_selects_each_occurrence_in_turn() {
    let mut h = sample();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.run_ok();
    h.get_all_by_role(Role::TextInput).next().expect("find field").focus();
    h.run_ok();
    h.event(egui::Event::Text("淄博".into()));
    h.run_ok();
    h.get_by_label("下一个").click();
    h.run_ok();
    let first = h.state().text_edit.as_ref().expect("the match is selected").clone();
    let story = h.state().doc.stories.iter().find(|s| s.id == first.story).unwrap();
    let part = paiban::edit::text::slice(story, first.sel.range());
    assert_eq!(part.iter().map(|p| p.text()).collect::<String>(), "淄博");
    h.get_by_label("下一个").click();
    h.run_ok();
    let where_ = |h: &Harness<'static, EditorApp>| h.state().text_edit.as_ref().map(|t| (t.story.clone(), t.sel));
    assert_ne!(where_(&h), Some((first.story.clone(), first.sel)), "next goes on to the following occurrence");
    h.get_by_label("上一个").click();
    h.run_ok();
    assert_eq!(where_(&h), Some((first.story.clone(), first.sel)));
}

#[test]
fn changing_page_clears_the_selection() {
    let mut h = sample();
    let page = paiban::model::Page { elements: vec![], ..h.state().doc.pages[0].clone() };
    h.state_mut().command(paiban::edit::Command::AddPage { at: 1, page });
    h.run_ok();
    h.state_mut().selection = vec!["promo-qr".into()];
    h.run_ok();
    h.get_by_label("第 2 版").click();
    h.run_ok();
    assert_eq!(h.state().page, 1);
    assert!(h.state().selection.is_empty(), "nothing selected on page 1 stays selected unseen");
    let before = h.state().doc.element("promo-qr").unwrap().1.frame;
    key(&mut h, Modifiers::NONE, egui::Key::ArrowRight);
    key(&mut h, Modifiers::NONE, egui::Key::Delete);
    assert_eq!(h.state().doc.element("promo-qr").map(|(_, e)| e.frame), Some(before), "→ and Delete did nothing to it");
}

#[test]
fn the_links_panel_marks_a_removed_file_missing() {
    let dir = common::scratch("editor-links");
    // 700 px across 80 mm: 222 ppi, enough for newsprint.
    image::RgbImage::from_pixel(700, 525, image::Rgb([200, 30, 30])).save(dir.join("photo.png")).unwrap();
    let layout = dir.join("page.json");
    std::fs::write(
        &layout,
        r#"{"format":1,"pages":[{"size":[210,297],"margins":{"top":10,"bottom":10,"left":10,"right":10},
        "elements":[{"id":"photo","kind":"image","x":20,"y":20,"w":80,"h":60,"path":"photo.png"}]}]}"#,
    )
    .unwrap();
    let mut h = harness_on(&layout);
    assert!(h.query_by_label("链接").is_some(), "the links panel lists placed files");
    assert!(h.query_by_label("正常").is_some());
    // 40 px across 80 mm prints at 13 ppi: marked, not 正常.
    image::RgbImage::from_pixel(40, 30, image::Rgb([200, 30, 30])).save(dir.join("photo.png")).unwrap();
    h.state_mut().command(paiban::edit::Command::Move { ids: vec!["photo".into()], dx: 0.0, dy: 1.0 });
    h.run_ok();
    assert!(h.query_by_label("分辨率不足").is_some(), "a low-resolution photo is marked");
    std::fs::remove_file(dir.join("photo.png")).unwrap();
    h.hover_at(Pos2::new(700.0, 500.0));
    h.run_ok();
    assert!(h.query_by_label("缺失").is_some(), "a removed file shows as missing");
}

#[test]
fn a_refused_edit_is_said_in_chinese_with_the_elements_name() {
    let mut h = sample();
    let mut qr = h.state().doc.element("promo-qr").unwrap().1.clone();
    qr.locked = true;
    h.state_mut().command(paiban::edit::Command::Replace { element: qr.clone() });
    h.run_ok();
    h.state_mut().command(paiban::edit::Command::Move { ids: vec!["promo-qr".into()], dx: 5.0, dy: 0.0 });
    h.run_ok();
    let last = h.state().messages.last().expect("a message").text.clone();
    assert_eq!(last, format!("“{}”已锁定，不能更改", qr.name));
}

#[test]
fn alt_drag_moves_the_picture_inside_its_frame_and_a_dropped_pdf_ad_is_placed() {
    let dir = common::scratch("editor-crop");
    image::RgbImage::from_pixel(400, 300, image::Rgb([30, 90, 200])).save(dir.join("photo.png")).unwrap();
    let layout = dir.join("page.json");
    std::fs::write(
        &layout,
        r#"{"format":1,"pages":[{"size":[210,297],"margins":{"top":10,"bottom":10,"left":10,"right":10},
        "elements":[{"id":"photo","kind":"image","x":20,"y":20,"w":80,"h":60,"path":"photo.png","scale":50}]}]}"#,
    )
    .unwrap();
    let mut h = harness_on(&layout);
    let frame = h.state().doc.element("photo").unwrap().1.frame;
    let a = h.state().screen_pos(frame.x + frame.w / 2.0, frame.y + frame.h / 2.0);
    let zoom = h.state().view.zoom;
    let b = a + vec2(30.0, 12.0);
    h.event(egui::Event::ModifiersChanged(Modifiers::ALT));
    kittest::drag(&mut h, a, b);
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run_ok();
    let el = h.state().doc.element("photo").unwrap().1.clone();
    assert_eq!(el.frame, frame, "the frame stays where it was");
    let paiban::model::ElementKind::Image(img) = &el.kind else { panic!("an image") };
    assert!((img.offset.0 - 30.0 / zoom).abs() < 0.5 && (img.offset.1 - 12.0 / zoom).abs() < 0.5, "{:?}", img.offset);
    // One undo puts the picture back.
    key(&mut h, Modifiers::COMMAND, egui::Key::Z);
    let paiban::model::ElementKind::Image(img) = &h.state().doc.element("photo").unwrap().1.kind else { panic!() };
    assert_eq!(img.offset, (0.0, 0.0));

    // An ad arrives as a PDF and is dropped on the window: it is copied beside the layout and
    // placed; the page lays it out with no error.
    let ad = common::root().join("layouts/assets/ad-spring-autoshow.pdf");
    paiban::app::dropin::import_file(h.state_mut(), &ad).unwrap();
    h.run_ok();
    let app = h.state_mut();
    let placed = app.doc.pages[0].elements.last().unwrap().clone();
    let paiban::model::ElementKind::Image(img) = &placed.kind else { panic!("placed as an image element") };
    assert_eq!(img.path, "links/ad-spring-autoshow.pdf");
    assert!(dir.join("links/ad-spring-autoshow.pdf").is_file());
    let report = app.layout()[0].reports.iter().find(|r| r.element == placed.id).cloned().unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
}

/// Enter confirming a number in the inspector while writing on the canvas is the field's: it
/// sets the value and adds no paragraph to the story.
#[test]
fn enter_in_an_inspector_field_while_writing_does_not_split_the_paragraph() {
    let mut h = sample();
    let p = screen_at(&mut h, "lead", TextPos::new(0, 2));
    double_click(&mut h, p);
    assert!(h.state().text_edit.is_some(), "writing in the lead story");
    let count = |h: &Harness<'static, EditorApp>| {
        h.state().doc.stories.iter().find(|s| s.id == "lead").unwrap().paragraphs.len()
    };
    let before = count(&h);
    kittest::type_into_number(&mut h, "行距 (点)", "20", egui::Key::Enter);
    assert_eq!(count(&h), before, "no paragraph was added");
    let first = &h.state().doc.stories.iter().find(|s| s.id == "lead").unwrap().paragraphs[0];
    let leading = h.state().doc.styles.resolve(first.style.as_deref(), &first.overrides).leading;
    assert!((leading - 20.0).abs() < 0.01, "the leading is set: {leading}");
}

/// With a selection across paragraphs, a paragraph setting goes to every one it touches.
#[test]
fn paragraph_settings_apply_to_every_selected_paragraph() {
    let mut h = sample();
    let p = screen_at(&mut h, "lead", TextPos::new(0, 2));
    double_click(&mut h, p);
    key(&mut h, Modifiers::COMMAND, egui::Key::A);
    kittest::type_into_number(&mut h, "行距 (点)", "19", egui::Key::Enter);
    let doc = &h.state().doc;
    let story = doc.stories.iter().find(|s| s.id == "lead").unwrap();
    assert!(story.paragraphs.len() > 3);
    for (i, para) in story.paragraphs.iter().enumerate() {
        let leading = doc.styles.resolve(para.style.as_deref(), &para.overrides).leading;
        assert!((leading - 19.0).abs() < 0.01, "paragraph {i}: {leading}");
    }
}
