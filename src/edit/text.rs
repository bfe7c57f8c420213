//! Text editing on story positions. A position is (paragraph, character offset) in a story; a
//! range is two positions. Every text change — typing on the canvas, the inspector's text box,
//! the galley, paste, find/replace — is one of the range edits here, so runs (character
//! formatting) and paragraph styles survive: runs are split and merged, never flattened, and a
//! paragraph keeps its style when text is inserted into it or removed from it.

use crate::color::Color;
use crate::model::{CharStyle, Paragraph, Run, Story, StyleSheet};

/// A place between two characters of a story: paragraph index, then offset in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TextPos {
    pub paragraph: usize,
    pub offset: usize,
}

impl TextPos {
    pub fn new(paragraph: usize, offset: usize) -> Self {
        TextPos { paragraph, offset }
    }
}

/// The text between two positions, `start` ≤ `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct TextRange {
    pub start: TextPos,
    pub end: TextPos,
}

impl TextRange {
    /// The range between two positions in either order.
    pub fn new(a: TextPos, b: TextPos) -> Self {
        TextRange { start: a.min(b), end: a.max(b) }
    }

    pub fn caret(at: TextPos) -> Self {
        TextRange { start: at, end: at }
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// A selection: where it was started (`anchor`) and where the caret is (`head`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Selection {
    pub anchor: TextPos,
    pub head: TextPos,
}

impl Selection {
    pub fn caret(at: TextPos) -> Self {
        Selection { anchor: at, head: at }
    }

    pub fn range(&self) -> TextRange {
        TextRange::new(self.anchor, self.head)
    }
}

/// One character property set on a range (`None` clears the run's own setting, so the
/// paragraph's or the character style's shows through).
#[derive(Clone, Debug, PartialEq)]
pub enum CharProp {
    Bold(Option<bool>),
    FontFamily(Option<String>),
    Size(Option<f32>),
    Color(Option<Color>),
    /// The named character style.
    Style(Option<String>),
    /// Clear every own setting, keeping the named character style.
    ClearOverrides,
}

impl CharProp {
    fn apply(&self, s: &mut CharStyle) {
        match self {
            CharProp::Bold(v) => s.bold = *v,
            CharProp::FontFamily(v) => s.font_family = v.clone(),
            CharProp::Size(v) => s.size = *v,
            CharProp::Color(v) => s.color = *v,
            CharProp::Style(v) => s.name = v.clone(),
            CharProp::ClearOverrides => *s = CharStyle { name: s.name.clone(), ..Default::default() },
        }
    }
}

/// Why a range edit could not be made (the story is unchanged then).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TextError {
    #[error("paragraph {paragraph}, character {offset} is outside the story ({paragraphs} paragraphs)")]
    OutOfStory { paragraph: usize, offset: usize, paragraphs: usize },
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(b, _)| b)
}

/// A paragraph's length in characters.
pub fn paragraph_len(p: &Paragraph) -> usize {
    p.runs.iter().map(|r| char_len(&r.text)).sum()
}

/// Checks that `pos` lies in the story.
pub fn check(story: &Story, pos: TextPos) -> Result<(), TextError> {
    let bad =
        || TextError::OutOfStory { paragraph: pos.paragraph, offset: pos.offset, paragraphs: story.paragraphs.len() };
    let p = story.paragraphs.get(pos.paragraph).ok_or_else(bad)?;
    if pos.offset > paragraph_len(p) {
        return Err(bad());
    }
    Ok(())
}

/// The nearest position in the story (for a caret left behind by an edit elsewhere).
pub fn clamp(story: &Story, pos: TextPos) -> TextPos {
    let Some(last) = story.paragraphs.len().checked_sub(1) else { return TextPos::default() };
    let paragraph = pos.paragraph.min(last);
    TextPos { paragraph, offset: pos.offset.min(paragraph_len(&story.paragraphs[paragraph])) }
}

/// The story's end.
pub fn story_end(story: &Story) -> TextPos {
    let paragraph = story.paragraphs.len().saturating_sub(1);
    TextPos { paragraph, offset: story.paragraphs.get(paragraph).map_or(0, paragraph_len) }
}

/// The character style text typed at `pos` takes: that of the character before it, else of the
/// paragraph's first run.
pub fn style_at(story: &Story, pos: TextPos) -> CharStyle {
    let Some(p) = story.paragraphs.get(pos.paragraph) else { return CharStyle::default() };
    let mut seen = 0;
    for r in &p.runs {
        let n = char_len(&r.text);
        if pos.offset > seen && pos.offset <= seen + n {
            return r.style.clone();
        }
        seen += n;
    }
    p.runs.first().map(|r| r.style.clone()).unwrap_or_default()
}

/// The style of the first character of a non-empty range (what a replacement takes).
fn style_of_first(story: &Story, range: TextRange) -> CharStyle {
    if range.is_empty() {
        return style_at(story, range.start);
    }
    let p = &story.paragraphs[range.start.paragraph];
    if range.start.offset >= paragraph_len(p) {
        return style_at(story, range.start);
    }
    style_at(story, TextPos { offset: range.start.offset + 1, ..range.start })
}

/// Splits the paragraph's runs so that one starts at `offset`; returns its index.
fn split_runs(p: &mut Paragraph, offset: usize) -> usize {
    let mut seen = 0;
    for i in 0..p.runs.len() {
        let n = char_len(&p.runs[i].text);
        if offset == seen {
            return i;
        }
        if offset < seen + n {
            let b = byte_at(&p.runs[i].text, offset - seen);
            let tail = p.runs[i].text.split_off(b);
            let style = p.runs[i].style.clone();
            p.runs.insert(i + 1, Run { text: tail, style });
            return i + 1;
        }
        seen += n;
    }
    p.runs.len()
}

/// Merges neighbouring runs of one style and drops empty runs (an empty paragraph keeps one
/// empty run, which holds the style typing there takes).
fn normalize(p: &mut Paragraph) {
    let fallback = p.runs.first().map(|r| r.style.clone()).unwrap_or_default();
    let mut out: Vec<Run> = Vec::with_capacity(p.runs.len());
    for r in p.runs.drain(..) {
        if r.text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.style == r.style => last.text.push_str(&r.text),
            _ => out.push(r),
        }
    }
    if out.is_empty() {
        out.push(Run { text: String::new(), style: fallback });
    }
    p.runs = out;
}

/// Inserts `text` at `at` in the given character style; `\n` splits the paragraph (both halves
/// keep its style and overrides; `next_style` names the style of a paragraph begun at the end of
/// one). Returns the position after the inserted text.
fn insert_styled(story: &mut Story, at: TextPos, text: &str, style: &CharStyle, next_style: Option<&str>) -> TextPos {
    let mut pos = at;
    for (n, piece) in text.split('\n').enumerate() {
        if n > 0 {
            pos = split_paragraph(story, pos, style, next_style);
        }
        if piece.is_empty() {
            continue;
        }
        let p = &mut story.paragraphs[pos.paragraph];
        let i = split_runs(p, pos.offset);
        p.runs.insert(i, Run { text: piece.to_string(), style: style.clone() });
        normalize(p);
        pos.offset += char_len(piece);
    }
    pos
}

fn split_paragraph(story: &mut Story, at: TextPos, style: &CharStyle, next_style: Option<&str>) -> TextPos {
    let p = &mut story.paragraphs[at.paragraph];
    let at_end = at.offset >= paragraph_len(p);
    let i = split_runs(p, at.offset);
    let tail: Vec<Run> = p.runs.split_off(i);
    let mut next = Paragraph { style: p.style.clone(), overrides: p.overrides.clone(), runs: tail };
    if at_end && let Some(s) = next_style {
        next.style = Some(s.to_string());
        next.overrides = Default::default();
    }
    if next.runs.is_empty() {
        next.runs.push(Run { text: String::new(), style: style.clone() });
    }
    if p.runs.is_empty() {
        p.runs.push(Run { text: String::new(), style: style.clone() });
    }
    normalize(p);
    normalize(&mut next);
    story.paragraphs.insert(at.paragraph + 1, next);
    TextPos { paragraph: at.paragraph + 1, offset: 0 }
}

/// The `next` style of the paragraph at `at` (what Enter at its end begins).
fn next_style_of<'a>(story: &Story, sheet: &'a StyleSheet, at: TextPos) -> Option<&'a str> {
    let name = story.paragraphs.get(at.paragraph)?.style.as_deref()?;
    sheet.paragraph.get(name)?.next.as_deref()
}

/// Inserts plain text at `at`, in the style of the run it lands in. Returns the caret after it.
pub fn insert(story: &mut Story, sheet: &StyleSheet, at: TextPos, text: &str) -> Result<TextPos, TextError> {
    check(story, at)?;
    let style = style_at(story, at);
    Ok(insert_styled(story, at, text, &style, next_style_of(story, sheet, at)))
}

/// Removes the text of `range` (joining paragraphs it spans; the joined one keeps the first
/// paragraph's style).
pub fn delete(story: &mut Story, range: TextRange) -> Result<TextPos, TextError> {
    check(story, range.start)?;
    check(story, range.end)?;
    let (s, e) = (range.start, range.end);
    if s == e {
        return Ok(s);
    }
    if s.paragraph == e.paragraph {
        let p = &mut story.paragraphs[s.paragraph];
        let from = split_runs(p, s.offset);
        let to = split_runs(p, e.offset);
        p.runs.drain(from..to);
        normalize(p);
        return Ok(s);
    }
    let caret_style = style_at(story, s);
    let last = &mut story.paragraphs[e.paragraph];
    let cut = split_runs(last, e.offset);
    let tail: Vec<Run> = last.runs.split_off(cut);
    let first = &mut story.paragraphs[s.paragraph];
    let keep = split_runs(first, s.offset);
    first.runs.truncate(keep);
    if first.runs.is_empty() && tail.is_empty() {
        first.runs.push(Run { text: String::new(), style: caret_style });
    }
    let first = &mut story.paragraphs[s.paragraph];
    first.runs.extend(tail);
    normalize(first);
    story.paragraphs.drain(s.paragraph + 1..=e.paragraph);
    Ok(s)
}

/// Replaces the text of `range` with `text`, which takes the style of the range's first
/// character. Returns the caret after it.
pub fn replace(story: &mut Story, sheet: &StyleSheet, range: TextRange, text: &str) -> Result<TextPos, TextError> {
    check(story, range.start)?;
    check(story, range.end)?;
    let style = style_of_first(story, range);
    let next = next_style_of(story, sheet, range.start);
    let next = next.map(str::to_string);
    let at = delete(story, range)?;
    Ok(insert_styled(story, at, text, &style, next.as_deref()))
}

/// The paragraphs of `range`, with their runs and styles (what copy puts on the clipboard).
pub fn slice(story: &Story, range: TextRange) -> Vec<Paragraph> {
    let (s, e) = (clamp(story, range.start), clamp(story, range.end));
    let mut out = Vec::new();
    for i in s.paragraph..=e.paragraph {
        let mut p = story.paragraphs[i].clone();
        let from = if i == s.paragraph { s.offset } else { 0 };
        let to = if i == e.paragraph { e.offset } else { paragraph_len(&p) };
        let b = split_runs(&mut p, to);
        p.runs.truncate(b);
        let a = split_runs(&mut p, from);
        p.runs.drain(..a);
        normalize(&mut p);
        out.push(p);
    }
    out
}

/// Inserts styled paragraphs at `at` (paste): the first joins the text before the caret, the
/// last the text after it, those between come whole with their styles.
pub fn insert_paragraphs(story: &mut Story, at: TextPos, paragraphs: &[Paragraph]) -> Result<TextPos, TextError> {
    check(story, at)?;
    let Some((first, rest)) = paragraphs.split_first() else { return Ok(at) };
    let style = style_at(story, at);
    let mut pos = at;
    let put_runs = |story: &mut Story, pos: TextPos, runs: &[Run]| -> TextPos {
        let p = &mut story.paragraphs[pos.paragraph];
        let i = split_runs(p, pos.offset);
        let n: usize = runs.iter().map(|r| char_len(&r.text)).sum();
        p.runs.splice(i..i, runs.iter().cloned());
        normalize(p);
        TextPos { offset: pos.offset + n, ..pos }
    };
    pos = put_runs(story, pos, &first.runs);
    for p in rest {
        pos = split_paragraph(story, pos, &style, None);
        let target = &mut story.paragraphs[pos.paragraph];
        target.style = p.style.clone();
        target.overrides = p.overrides.clone();
        pos = put_runs(story, pos, &p.runs);
    }
    Ok(pos)
}

/// Sets one character property on the text of `range`.
pub fn set_char(story: &mut Story, range: TextRange, prop: &CharProp) -> Result<(), TextError> {
    check(story, range.start)?;
    check(story, range.end)?;
    for i in range.start.paragraph..=range.end.paragraph {
        let p = &mut story.paragraphs[i];
        let from = if i == range.start.paragraph { range.start.offset } else { 0 };
        let to = if i == range.end.paragraph { range.end.offset } else { paragraph_len(p) };
        if range.is_empty() {
            // A caret: the property applies to the (empty) run typing there would take, which only
            // exists in an empty paragraph.
            if paragraph_len(p) == 0 {
                for r in &mut p.runs {
                    prop.apply(&mut r.style);
                }
            }
            continue;
        }
        let a = split_runs(p, from);
        let b = split_runs(p, to);
        for r in &mut p.runs[a..b] {
            prop.apply(&mut r.style);
        }
        normalize(p);
    }
    Ok(())
}

/// Sets the paragraph style of every paragraph `range` touches (their overrides are cleared).
pub fn set_paragraph_style(story: &mut Story, range: TextRange, style: Option<&str>) -> Result<(), TextError> {
    check(story, range.start)?;
    check(story, range.end)?;
    for p in &mut story.paragraphs[range.start.paragraph..=range.end.paragraph] {
        p.style = style.map(str::to_string);
        p.overrides = Default::default();
    }
    Ok(())
}

/// Whether every character of `range` is set bold (own setting or named character style).
pub fn is_bold(story: &Story, sheet: &StyleSheet, range: TextRange) -> bool {
    let parts = slice(story, range);
    let mut any = false;
    for r in parts.iter().flat_map(|p| &p.runs).filter(|r| !r.text.is_empty()) {
        any = true;
        if sheet.resolve_run(&r.style).bold != Some(true) {
            return false;
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, bold: bool) -> Run {
        Run { text: text.into(), style: CharStyle { bold: bold.then_some(true), ..Default::default() } }
    }

    fn story() -> Story {
        Story {
            id: "s".into(),
            frames: vec!["t".into()],
            paragraphs: vec![
                Paragraph {
                    style: Some("引题".into()),
                    runs: vec![run("迎接", false), run("挑战", true)],
                    ..Default::default()
                },
                Paragraph { style: Some("正文".into()), runs: vec![run("赵庆文", false)], ..Default::default() },
            ],
            jump_lines: false,
        }
    }

    fn texts(s: &Story) -> Vec<Vec<(String, bool)>> {
        s.paragraphs
            .iter()
            .map(|p| p.runs.iter().map(|r| (r.text.clone(), r.style.bold == Some(true))).collect())
            .collect()
    }

    #[test]
    fn typing_takes_the_style_of_the_run_it_lands_in() {
        let mut s = story();
        let sheet = StyleSheet::default();
        let end = insert(&mut s, &sheet, TextPos::new(0, 4), "的").unwrap();
        assert_eq!(end, TextPos::new(0, 5));
        assert_eq!(texts(&s)[0], vec![("迎接".into(), false), ("挑战的".into(), true)]);
        insert(&mut s, &sheet, TextPos::new(0, 1), "新").unwrap();
        assert_eq!(texts(&s)[0], vec![("迎新接".into(), false), ("挑战的".into(), true)]);
        insert(&mut s, &sheet, TextPos::new(0, 0), "《").unwrap();
        assert_eq!(s.paragraphs[0].text(), "《迎新接挑战的");
        assert!(insert(&mut s, &sheet, TextPos::new(0, 99), "x").is_err());
        assert!(insert(&mut s, &sheet, TextPos::new(5, 0), "x").is_err());
    }

    #[test]
    fn enter_at_a_paragraph_start_keeps_every_style() {
        let mut s = story();
        let sheet = StyleSheet::default();
        let after = insert(&mut s, &sheet, TextPos::new(1, 0), "\n").unwrap();
        assert_eq!(after, TextPos::new(2, 0));
        let styles: Vec<_> = s.paragraphs.iter().map(|p| p.style.as_deref()).collect();
        assert_eq!(styles, vec![Some("引题"), Some("正文"), Some("正文")]);
        assert_eq!(s.paragraphs[2].text(), "赵庆文");
        assert_eq!(s.paragraphs[1].text(), "");
    }

    #[test]
    fn next_style_applies_to_a_paragraph_begun_at_the_end() {
        let mut s = story();
        let mut sheet = StyleSheet::default();
        sheet
            .paragraph
            .insert("引题".into(), crate::model::NamedStyle { next: Some("主题".into()), ..Default::default() });
        insert(&mut s, &sheet, TextPos::new(0, 4), "\n").unwrap();
        assert_eq!(s.paragraphs[1].style.as_deref(), Some("主题"));
        assert_eq!(texts(&s)[1], vec![("".into(), true)], "the new paragraph types in the caret's style");
        insert(&mut s, &sheet, TextPos::new(0, 1), "\n").unwrap();
        assert_eq!(s.paragraphs[1].style.as_deref(), Some("引题"), "a split inside keeps the style");
    }

    #[test]
    fn delete_across_paragraphs_joins_and_keeps_runs() {
        let mut s = story();
        let at = delete(&mut s, TextRange::new(TextPos::new(1, 1), TextPos::new(0, 3))).unwrap();
        assert_eq!(at, TextPos::new(0, 3));
        assert_eq!(s.paragraphs.len(), 1);
        assert_eq!(texts(&s)[0], vec![("迎接".into(), false), ("挑".into(), true), ("庆文".into(), false)]);
        assert_eq!(s.paragraphs[0].style.as_deref(), Some("引题"));
        delete(&mut s, TextRange::new(TextPos::new(0, 0), TextPos::new(0, 5))).unwrap();
        assert_eq!(s.paragraphs[0].runs.len(), 1, "an empty paragraph keeps one run");
    }

    #[test]
    fn replace_keeps_the_first_characters_style_and_merges_runs() {
        let mut s = story();
        let sheet = StyleSheet::default();
        replace(&mut s, &sheet, TextRange::new(TextPos::new(0, 2), TextPos::new(0, 4)), "机遇").unwrap();
        assert_eq!(texts(&s)[0], vec![("迎接".into(), false), ("机遇".into(), true)]);
        replace(&mut s, &sheet, TextRange::new(TextPos::new(0, 1), TextPos::new(0, 3)), "XY").unwrap();
        assert_eq!(texts(&s)[0], vec![("迎XY".into(), false), ("遇".into(), true)]);
    }

    #[test]
    fn formatting_a_range_splits_and_merges_runs() {
        let mut s = story();
        set_char(&mut s, TextRange::new(TextPos::new(0, 1), TextPos::new(1, 1)), &CharProp::Bold(Some(true))).unwrap();
        assert_eq!(texts(&s)[0], vec![("迎".into(), false), ("接挑战".into(), true)]);
        assert_eq!(texts(&s)[1], vec![("赵".into(), true), ("庆文".into(), false)]);
        set_char(&mut s, TextRange::new(TextPos::new(1, 1), TextPos::new(1, 2)), &CharProp::Size(Some(20.0))).unwrap();
        assert_eq!(
            s.paragraphs[1].runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(),
            ["赵", "庆", "文"],
            "a range inside one run"
        );
        let sheet = StyleSheet::default();
        assert!(is_bold(&s, &sheet, TextRange::new(TextPos::new(0, 1), TextPos::new(1, 1))));
        assert!(!is_bold(&s, &sheet, TextRange::new(TextPos::new(0, 0), TextPos::new(0, 2))));
        set_char(&mut s, TextRange::new(TextPos::new(0, 0), TextPos::new(1, 3)), &CharProp::ClearOverrides).unwrap();
        assert_eq!(texts(&s), vec![vec![("迎接挑战".into(), false)], vec![("赵庆文".into(), false)]]);
    }

    #[test]
    fn slice_and_paste_round_trip() {
        let mut s = story();
        let part = slice(&s, TextRange::new(TextPos::new(0, 3), TextPos::new(1, 1)));
        assert_eq!(part.len(), 2);
        assert_eq!(part[0].runs, vec![run("战", true)]);
        assert_eq!(part[1].text(), "赵");
        let end = insert_paragraphs(&mut s, TextPos::new(1, 3), &part).unwrap();
        assert_eq!(end, TextPos::new(2, 1));
        assert_eq!(texts(&s)[1], vec![("赵庆文".into(), false), ("战".into(), true)]);
        assert_eq!(s.paragraphs[2].style.as_deref(), Some("正文"));
        assert_eq!(s.paragraphs[2].text(), "赵");
    }
}
