//! Writing on the canvas: a caret and a selection in a story, placed by pointer (click, drag,
//! Shift+click, double-click for a word), moved by keys (across columns and threaded frames, in
//! horizontal and vertical frames), typing and IME input (the preedit shown at the caret, the
//! candidate window placed there), formatting (Ctrl+B), clipboard with styled runs, and undo
//! that puts the caret back. Every change is a range edit (`edit::Command`); geometry comes from
//! the layout engine's caret lines (`layout::caret`), never from laying out here.

use egui::{Color32, Event, FontId, Key, Modifiers, Painter, Pos2, Rect, Stroke, vec2};

use super::EditorApp;
use crate::edit::history::StoryCaret;
use crate::edit::{CharProp, Command, Selection, TextPos, TextRange, text};
use crate::layout::caret::{self, Placed};
use crate::model::ElementKind;

/// Text editing in one story.
#[derive(Clone, Debug, PartialEq)]
pub struct TextEditing {
    pub story: String,
    pub sel: Selection,
    /// The IME's composition, shown at the caret until committed.
    pub preedit: String,
    /// Where along the line up/down movement aims.
    goal: Option<f32>,
    /// When the caret last moved (it shows solid for a moment, then blinks).
    moved_at: f64,
    /// The primary button went down in the story and is still held (drag selects).
    dragging: bool,
}

const SELECTION: Color32 = Color32::from_rgba_premultiplied(40, 110, 230, 70);
const CARET: Color32 = Color32::from_rgb(20, 20, 20);
const FOUND: Color32 = Color32::from_rgba_premultiplied(120, 100, 0, 90);
const BLINK: f64 = 0.53;
/// After this long without a keystroke or a caret move the caret stops blinking and stays on
/// (as GTK's cursor-blink-timeout): an idle editor draws no frames at all.
const BLINK_FOR: f64 = 10.0;

impl EditorApp {
    /// Starts editing the story of text frame `frame` with the caret at `at` (else its start).
    pub fn begin_text_edit(&mut self, frame: &str, at: Option<TextPos>) {
        let Some((story, _)) = self.doc.story_of_frame(frame) else { return };
        let at = at.map_or(TextPos::default(), |p| text::clamp(story, p));
        let story = story.id.clone();
        self.selection = vec![frame.to_string()];
        self.text_edit = Some(TextEditing {
            story,
            sel: Selection::caret(at),
            preedit: String::new(),
            goal: None,
            moved_at: 0.0,
            dragging: false,
        });
        self.history.close_group();
    }

    /// Leaves text editing; the frame stays selected.
    pub fn end_text_edit(&mut self) {
        self.text_edit = None;
        self.history.close_group();
    }

    /// The story and selection being edited (for undo).
    pub fn text_caret(&self) -> Option<StoryCaret> {
        self.text_edit.as_ref().map(|t| (t.story.clone(), t.sel))
    }

    /// Puts the caret back where an undo step says it was.
    pub fn restore_caret(&mut self, caret: Option<StoryCaret>) {
        let Some((story, sel)) = caret else {
            if let Some(t) = &mut self.text_edit
                && let Some(s) = self.doc.stories.iter().find(|s| s.id == t.story)
            {
                t.sel = Selection { anchor: text::clamp(s, t.sel.anchor), head: text::clamp(s, t.sel.head) };
            }
            return;
        };
        let Some(frame) = self.doc.stories.iter().find(|s| s.id == story).and_then(|s| s.frames.first().cloned())
        else {
            return;
        };
        self.begin_text_edit(&frame, Some(sel.head));
        if let Some(t) = &mut self.text_edit {
            t.sel = sel;
        }
    }
}

/// The story's lines on the laid-out pages, in text order.
fn lines<'a>(app: &'a EditorApp, story: &str) -> Vec<Placed<'a>> {
    let frames = app.doc.stories.iter().find(|s| s.id == story).map(|s| s.frames.clone()).unwrap_or_default();
    caret::story_lines(&app.layout, &frames)
}

/// The text frames of the story being edited that are on `page`.
fn story_frames_on_page(app: &EditorApp, story: &str, page: usize) -> Vec<(String, crate::units::Rect)> {
    let Some(s) = app.doc.stories.iter().find(|s| s.id == story) else { return Vec::new() };
    s.frames
        .iter()
        .filter_map(|f| app.doc.element(f).filter(|(p, _)| *p == page).map(|(_, e)| (e.id.clone(), e.frame)))
        .collect()
}

/// The text frame under a screen point, if any.
pub fn text_frame_at(app: &EditorApp, origin: Pos2, page: usize, p: Pos2) -> Option<String> {
    app.doc.pages.get(page)?.elements.iter().rev().filter(|e| !e.hidden).find_map(|e| {
        let on = app.view.rect_to_screen(origin, e.frame).contains(p);
        (on && matches!(e.kind, ElementKind::Text(_)) && !e.locked).then(|| e.id.clone())
    })
}

/// The story position under a screen point.
pub fn position_at(app: &EditorApp, story: &str, origin: Pos2, page: usize, p: Pos2) -> Option<TextPos> {
    let (x, y) = app.view.to_page(origin, p);
    caret::hit(&lines(app, story), page, x, y)
}

/// Pointer input while editing text: returns true when the pointer belongs to the text (the
/// canvas then does nothing else with it).
pub fn pointer(app: &mut EditorApp, response: &egui::Response, origin: Pos2, page: usize, ctx: &egui::Context) -> bool {
    let Some(story) = app.text_edit.as_ref().map(|t| t.story.clone()) else { return false };
    let (pressed, down, press_pos, pos, shift, time) = ctx.input(|i| {
        (
            i.pointer.primary_pressed(),
            i.pointer.primary_down(),
            i.pointer.press_origin(),
            i.pointer.interact_pos(),
            i.modifiers.shift,
            i.time,
        )
    });
    let frames: Vec<Rect> =
        story_frames_on_page(app, &story, page).iter().map(|(_, r)| app.view.rect_to_screen(origin, *r)).collect();
    let inside = |p: Pos2| frames.iter().any(|r| r.contains(p));
    if pressed && response.hovered() {
        let Some(p) = press_pos.or(pos) else { return false };
        if !inside(p) {
            app.end_text_edit();
            return false;
        }
        if let Some(at) = position_at(app, &story, origin, page, p)
            && let Some(t) = &mut app.text_edit
        {
            t.sel = if shift { Selection { anchor: t.sel.anchor, head: at } } else { Selection::caret(at) };
            t.dragging = true;
            t.goal = None;
            t.moved_at = time;
        }
    } else if down && app.text_edit.as_ref().is_some_and(|t| t.dragging) {
        if let Some(p) = pos
            && let Some(at) = position_at(app, &story, origin, page, p)
            && let Some(t) = &mut app.text_edit
        {
            t.sel.head = at;
        }
    } else if let Some(t) = &mut app.text_edit {
        t.dragging = false;
    }
    if response.double_clicked()
        && let Some(p) = pos
        && inside(p)
        && let Some(at) = position_at(app, &story, origin, page, p)
        && let Some(s) = app.doc.stories.iter().find(|s| s.id == story)
    {
        let w = crate::edit::plain::word_at(s, at);
        if let Some(t) = &mut app.text_edit {
            t.sel = Selection { anchor: w.start, head: w.end };
        }
    }
    true
}

/// What one key press does to the caret.
enum Motion {
    Left,
    Right,
    Up,
    Down,
    LineStart,
    LineEnd,
    StoryStart,
    StoryEnd,
}

/// Keyboard, IME and clipboard input while editing text. Called before the editor's own
/// shortcuts, which then leave the keys alone.
pub fn keys(app: &mut EditorApp, ctx: &egui::Context) {
    // A key a field had (Enter confirming a number) is not the text's, even once the field let go.
    if app.text_edit.is_none() || app.modal.is_some() || ctx.egui_wants_keyboard_input() || app.canvas.field_had_focus {
        return;
    }
    let (events, time) = ctx.input(|i| (i.events.clone(), i.time));
    for event in events {
        let Some(story) = app.text_edit.as_ref().map(|t| t.story.clone()) else { return };
        match event {
            Event::Text(t) if !t.chars().any(char::is_control) => type_text(app, &story, &t, true),
            Event::Ime(egui::ImeEvent::Preedit { text, .. }) => {
                if let Some(t) = &mut app.text_edit {
                    t.preedit = text;
                }
            }
            Event::Ime(egui::ImeEvent::Commit(t)) => {
                if let Some(te) = &mut app.text_edit {
                    te.preedit.clear();
                }
                if !t.is_empty() {
                    type_text(app, &story, &t, false);
                }
            }
            Event::Copy => copy(app, ctx, &story, false),
            Event::Cut => copy(app, ctx, &story, true),
            Event::Paste(t) => paste(app, &story, &t),
            Event::Key { key, pressed: true, modifiers, .. } => {
                if app.text_edit.as_ref().is_some_and(|t| !t.preedit.is_empty()) {
                    continue; // the IME is composing: its keys are its own
                }
                key_press(app, &story, key, modifiers);
            }
            _ => continue,
        }
        if let Some(t) = &mut app.text_edit {
            t.moved_at = time;
        }
    }
}

fn key_press(app: &mut EditorApp, story: &str, key: Key, m: Modifiers) {
    let vertical = lines(app, story).first().is_some_and(|l| l.line.vertical);
    let motion = match key {
        Key::ArrowLeft if vertical => Some(Motion::Down),
        Key::ArrowRight if vertical => Some(Motion::Up),
        Key::ArrowUp if vertical => Some(Motion::Left),
        Key::ArrowDown if vertical => Some(Motion::Right),
        Key::ArrowLeft => Some(Motion::Left),
        Key::ArrowRight => Some(Motion::Right),
        Key::ArrowUp => Some(Motion::Up),
        Key::ArrowDown => Some(Motion::Down),
        Key::Home if m.command => Some(Motion::StoryStart),
        Key::End if m.command => Some(Motion::StoryEnd),
        Key::Home => Some(Motion::LineStart),
        Key::End => Some(Motion::LineEnd),
        _ => None,
    };
    if let Some(motion) = motion {
        move_caret(app, story, motion, m.shift);
        return;
    }
    match key {
        Key::Escape => app.end_text_edit(),
        Key::Backspace | Key::Delete => {
            let Some(range) = deletion(app, story, key == Key::Backspace) else { return };
            replace(app, story, range, "", Some(format!("delete:{story}")));
        }
        Key::Enter => {
            let range = app.text_edit.as_ref().map(|t| t.sel.range()).unwrap_or_default();
            replace(app, story, range, "\n", None);
        }
        Key::Tab => type_text(app, story, "\t", true),
        Key::A if m.command => {
            if let (Some(s), Some(t)) = (app.doc.stories.iter().find(|s| s.id == story), &mut app.text_edit) {
                t.sel = Selection { anchor: TextPos::default(), head: text::story_end(s) };
            }
        }
        Key::B if m.command => toggle_bold(app, story),
        Key::Z if m.command && m.shift => app.redo(),
        Key::Z if m.command => app.undo(),
        Key::Y if m.command => app.redo(),
        _ => {}
    }
}

/// The range Backspace (before the caret) or Delete (after it) removes: the selection, else one
/// character (a paragraph break at a paragraph's edge).
fn deletion(app: &EditorApp, story: &str, backward: bool) -> Option<TextRange> {
    let t = app.text_edit.as_ref()?;
    let range = t.sel.range();
    if !range.is_empty() {
        return Some(range);
    }
    let s = app.doc.stories.iter().find(|s| s.id == story)?;
    let other = step(s, range.start, if backward { -1 } else { 1 })?;
    Some(TextRange::new(range.start, other))
}

/// One character before or after `pos` (over paragraph breaks).
fn step(s: &crate::model::Story, pos: TextPos, delta: isize) -> Option<TextPos> {
    let len = text::paragraph_len(s.paragraphs.get(pos.paragraph)?);
    if delta < 0 {
        if pos.offset > 0 {
            Some(TextPos::new(pos.paragraph, pos.offset - 1))
        } else {
            let p = pos.paragraph.checked_sub(1)?;
            Some(TextPos::new(p, text::paragraph_len(&s.paragraphs[p])))
        }
    } else if pos.offset < len {
        Some(TextPos::new(pos.paragraph, pos.offset + 1))
    } else {
        (pos.paragraph + 1 < s.paragraphs.len()).then(|| TextPos::new(pos.paragraph + 1, 0))
    }
}

fn move_caret(app: &mut EditorApp, story: &str, motion: Motion, extend: bool) {
    let Some(t) = app.text_edit.clone() else { return };
    let Some(s) = app.doc.stories.iter().find(|s| s.id == story) else { return };
    let lines = lines(app, story);
    let head = t.sel.head;
    let range = t.sel.range();
    let mut goal = None;
    let to = match motion {
        Motion::Left if !extend && !range.is_empty() => range.start,
        Motion::Right if !extend && !range.is_empty() => range.end,
        Motion::Left => step(s, head, -1).unwrap_or(head),
        Motion::Right => step(s, head, 1).unwrap_or(head),
        Motion::Up | Motion::Down => {
            let g = t.goal.or_else(|| caret::caret_along(&lines, head)).unwrap_or(0.0);
            goal = Some(g);
            let delta = if matches!(motion, Motion::Up) { -1 } else { 1 };
            caret::line_step(&lines, head, delta, g).unwrap_or(if delta < 0 {
                TextPos::default()
            } else {
                text::story_end(s)
            })
        }
        Motion::LineStart => caret::line_ends(&lines, head).map_or(head, |(a, _)| a),
        Motion::LineEnd => caret::line_ends(&lines, head).map_or(head, |(_, b)| b),
        Motion::StoryStart => TextPos::default(),
        Motion::StoryEnd => text::story_end(s),
    };
    if let Some(te) = &mut app.text_edit {
        te.sel = if extend { Selection { anchor: te.sel.anchor, head: to } } else { Selection::caret(to) };
        te.goal = goal;
    }
}

/// The caret after `text` is inserted at `at`.
fn after_insert(at: TextPos, text: &str) -> TextPos {
    match text.rsplit_once('\n') {
        None => TextPos::new(at.paragraph, at.offset + text.chars().count()),
        Some((_, last)) => TextPos::new(at.paragraph + text.matches('\n').count(), last.chars().count()),
    }
}

/// Replaces `range` with `text` and puts the caret after it.
fn replace(app: &mut EditorApp, story: &str, range: TextRange, text: &str, merge: Option<String>) {
    let cmd = Command::ReplaceText { story: story.to_string(), range, text: text.to_string() };
    match merge {
        Some(key) => app.command_merged(cmd, key),
        None => app.command(cmd),
    }
    if let Some(t) = &mut app.text_edit {
        t.sel = Selection::caret(after_insert(range.start, text));
        t.goal = None;
    }
}

/// Types text over the selection; a burst of typing is one undo step (`merge`), an IME commit
/// is a step of its own.
fn type_text(app: &mut EditorApp, story: &str, text: &str, merge: bool) {
    let Some(range) = app.text_edit.as_ref().map(|t| t.sel.range()) else { return };
    replace(app, story, range, text, merge.then(|| format!("type:{story}")));
}

fn toggle_bold(app: &mut EditorApp, story: &str) {
    let Some(range) = app.text_edit.as_ref().map(|t| t.sel.range()) else { return };
    let Some(s) = app.doc.stories.iter().find(|s| s.id == story) else { return };
    let bold = !text::is_bold(s, &app.doc.styles, range);
    app.command(Command::SetCharProp { story: story.to_string(), range, prop: CharProp::Bold(Some(bold)) });
}

/// Sets a character property on the selection (the inspector's character panel).
pub fn set_char(app: &mut EditorApp, prop: CharProp) {
    let Some(t) = app.text_edit.as_ref() else { return };
    app.command(Command::SetCharProp { story: t.story.clone(), range: t.sel.range(), prop });
}

fn copy(app: &mut EditorApp, ctx: &egui::Context, story: &str, cut: bool) {
    let Some(range) = app.text_edit.as_ref().map(|t| t.sel.range()).filter(|r| !r.is_empty()) else { return };
    let Some(s) = app.doc.stories.iter().find(|s| s.id == story) else { return };
    let paragraphs = text::slice(s, range);
    let plain = paragraphs.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    super::clipboard::remember_styled_text(&app.doc, &paragraphs, &plain);
    ctx.copy_text(plain);
    if cut {
        replace(app, story, range, "", None);
    }
}

/// Pastes over the selection: paiban text with its runs and paragraph styles, else plain text
/// in the caret's style (line breaks make paragraphs).
fn paste(app: &mut EditorApp, story: &str, pasted: &str) {
    let Some(range) = app.text_edit.as_ref().map(|t| t.sel.range()) else { return };
    let plain = pasted.replace("\r\n", "\n").replace('\r', "\n");
    match super::clipboard::styled_text_for(&plain) {
        Some((paragraphs, styles)) => {
            let (paragraphs, missing) = super::clipboard::adopt_styled_text(&app.doc, paragraphs, &styles);
            if !missing.paragraph.is_empty() {
                app.command(Command::AddStyles { styles: missing });
            }
            if !range.is_empty() {
                app.command(Command::ReplaceText { story: story.to_string(), range, text: String::new() });
            }
            app.command(Command::InsertParagraphs { story: story.to_string(), at: range.start, paragraphs });
            if let Some(t) = &mut app.text_edit {
                t.sel = Selection::caret(after_insert(range.start, &plain));
            }
        }
        None => replace(app, story, range, &plain, None),
    }
}

/// Goes to the next (`step` 1) or previous (-1) occurrence of the query after the caret: its
/// text is selected (a cell's table is selected), on its page.
pub fn find_step(app: &mut EditorApp, query: &crate::edit::find::Query, step: isize) {
    let Ok(found) = crate::edit::find::find_all(&app.doc, query) else { return };
    if found.is_empty() {
        return;
    }
    let n = found.len() as isize;
    let i = match app.find_cursor {
        None if step > 0 => 0,
        None => found.len() - 1,
        Some(c) => (c as isize + step).rem_euclid(n) as usize,
    };
    app.find_cursor = Some(i);
    match &found[i] {
        crate::edit::find::Match::Story { story, range } => {
            let lines = lines(app, story);
            let page = caret::caret_rect(&lines, range.start).map(|(p, _)| p);
            let frame = lines
                .iter()
                .find(|l| l.line.paragraph == range.start.paragraph && l.line.span().1 >= range.start.offset)
                .map(|l| l.line.element.clone())
                .or_else(|| app.doc.stories.iter().find(|s| &s.id == story).and_then(|s| s.frames.first().cloned()));
            let Some(frame) = frame else { return };
            let range = *range;
            if let Some(p) = page {
                app.page = p;
                app.shown_page = p; // the jump brings its own selection
            }
            app.begin_text_edit(&frame, Some(range.start));
            if let Some(t) = &mut app.text_edit {
                t.sel = Selection { anchor: range.start, head: range.end };
            }
        }
        crate::edit::find::Match::Cell { table, .. } => {
            if let Some((p, _)) = app.doc.element(table) {
                app.page = p;
                app.shown_page = p; // the jump brings its own selection
                app.text_edit = None;
                app.selection = vec![table.clone()];
            }
        }
    }
}

/// Highlights every occurrence of the find dialog's query on the page.
pub fn paint_find(app: &EditorApp, painter: &Painter, origin: Pos2, page: usize) {
    let Some(super::Modal::FindReplace { find, regex, .. }) = &app.modal else { return };
    let query = crate::edit::find::Query { find: find.clone(), regex: *regex };
    let Ok(found) = crate::edit::find::find_all(&app.doc, &query) else { return };
    for m in found {
        if let crate::edit::find::Match::Story { story, range } = m {
            for (p, r) in caret::selection_rects(&lines(app, &story), range) {
                if p == page {
                    painter.rect_filled(app.view.rect_to_screen(origin, r), 0.0, FOUND);
                }
            }
        }
    }
}

/// Paints the selection, the IME preedit and the blinking caret, and tells the platform where
/// the caret is (the IME candidate window follows it).
pub fn paint(app: &EditorApp, painter: &Painter, origin: Pos2, page: usize, ctx: &egui::Context) {
    let Some(t) = &app.text_edit else { return };
    let lines = lines(app, &t.story);
    let to_screen = |r: crate::units::Rect| app.view.rect_to_screen(origin, r);
    for (p, r) in caret::selection_rects(&lines, t.sel.range()) {
        if p == page {
            painter.rect_filled(to_screen(r), 0.0, SELECTION);
        }
    }
    let Some((p, r)) = caret::caret_rect(&lines, t.sel.head) else { return };
    if p != page {
        return;
    }
    let mut rect = to_screen(r);
    let vertical = r.w > 0.0;
    let size_px = if vertical { rect.width() } else { rect.height() };
    if !t.preedit.is_empty() {
        let font = FontId::proportional((size_px * 0.8).max(6.0));
        let galley = painter.layout_no_wrap(t.preedit.clone(), font, Color32::BLACK);
        let at = if vertical { rect.left_top() } else { rect.left_top() + vec2(0.0, size_px * 0.05) };
        let bg = Rect::from_min_size(at, galley.size());
        painter.rect_filled(bg, 0.0, Color32::from_rgb(255, 250, 220));
        painter.galley(at, galley, Color32::BLACK);
        painter.line_segment([bg.left_bottom(), bg.right_bottom()], Stroke::new(1.0, Color32::BLACK));
        rect = rect.translate(if vertical { vec2(0.0, bg.height()) } else { vec2(bg.width(), 0.0) });
    }
    let time = ctx.input(|i| i.time);
    let since = time - t.moved_at;
    let on = !(BLINK..BLINK_FOR).contains(&since) || ((since / BLINK) as u64).is_multiple_of(2);
    if on {
        let line = if vertical { [rect.left_top(), rect.right_top()] } else { [rect.left_top(), rect.left_bottom()] };
        painter.line_segment(line, Stroke::new(1.5, CARET));
    }
    // The next blink, not a repaint every frame; none once the caret has stopped blinking.
    if since < BLINK_FOR {
        let next = (BLINK - (since % BLINK)).min(BLINK_FOR - since);
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(next.max(0.05)));
    }
    ctx.output_mut(|o| {
        o.ime = Some(egui::output::IMEOutput {
            purpose: egui::IMEPurpose::Normal,
            rect: painter.clip_rect(),
            cursor_rect: rect.expand2(vec2(1.0, 0.0)),
            should_interrupt_composition: false,
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caret_follows_inserted_text() {
        assert_eq!(after_insert(TextPos::new(2, 3), "测试"), TextPos::new(2, 5));
        assert_eq!(after_insert(TextPos::new(2, 3), "a\nbc\n"), TextPos::new(4, 0));
        assert_eq!(after_insert(TextPos::new(2, 3), "a\nbc"), TextPos::new(3, 2));
    }
}
