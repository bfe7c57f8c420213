//! Plain text and story positions: the inspector's and the galley's text boxes show a story as
//! plain text (paragraphs joined by `\n`); this maps that text's character indices to story
//! positions, finds the smallest edit between two versions of it, and finds words (what a
//! double-click selects).

use super::text::{TextPos, TextRange, paragraph_len, story_end};
use crate::model::Story;

/// The position of character `index` of the story's plain text (paragraphs joined by `\n`).
pub fn pos_of_plain_index(story: &Story, index: usize) -> TextPos {
    let mut left = index;
    for (i, p) in story.paragraphs.iter().enumerate() {
        let n = paragraph_len(p);
        if left <= n {
            return TextPos::new(i, left);
        }
        left -= n + 1;
    }
    story_end(story)
}

/// The smallest range edit that turns `old` into `new` (both a story's plain text): the range
/// of `old` that changed, in character indices, and its replacement.
pub fn plain_diff(old: &str, new: &str) -> (std::ops::Range<usize>, String) {
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a.iter().rev().zip(b.iter().rev()).take(max_suffix).take_while(|(x, y)| x == y).count();
    (prefix..a.len() - suffix, b[prefix..b.len() - suffix].iter().collect())
}

/// The character range of a story's plain text as a story range.
pub fn plain_range(story: &Story, chars: std::ops::Range<usize>) -> TextRange {
    TextRange::new(pos_of_plain_index(story, chars.start), pos_of_plain_index(story, chars.end))
}

/// The characters of a paragraph, for moving a caret by words and clusters.
pub fn paragraph_chars(story: &Story, paragraph: usize) -> Vec<char> {
    story.paragraphs.get(paragraph).map(|p| p.runs.iter().flat_map(|r| r.text.chars()).collect()).unwrap_or_default()
}

/// The word around `pos` (double-click): a run of Han characters between punctuation, or a
/// Latin word, or the digits of a number.
pub fn word_at(story: &Story, pos: TextPos) -> TextRange {
    let chars = paragraph_chars(story, pos.paragraph);
    let kind = |c: char| -> u8 {
        if c.is_alphanumeric() && c.is_ascii() {
            1
        } else if crate::layout::text::class::classify(c) == crate::layout::text::class::Class::Han {
            2
        } else if c.is_alphabetic() {
            3
        } else {
            0
        }
    };
    let at = pos.offset.min(chars.len());
    let probe = if at < chars.len() && kind(chars[at]) != 0 { at } else { at.saturating_sub(1) };
    let Some(&c) = chars.get(probe) else { return TextRange::caret(pos) };
    let k = kind(c);
    if k == 0 {
        return TextRange::new(TextPos::new(pos.paragraph, probe), TextPos::new(pos.paragraph, probe + 1));
    }
    let mut a = probe;
    while a > 0 && kind(chars[a - 1]) == k {
        a -= 1;
    }
    let mut b = probe + 1;
    while b < chars.len() && kind(chars[b]) == k {
        b += 1;
    }
    TextRange::new(TextPos::new(pos.paragraph, a), TextPos::new(pos.paragraph, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CharStyle, Paragraph, Run};

    fn story(paragraphs: &[&str]) -> Story {
        let paragraphs = paragraphs
            .iter()
            .map(|t| Paragraph {
                runs: vec![Run { text: t.to_string(), style: CharStyle::default() }],
                ..Default::default()
            })
            .collect();
        Story { id: "s".into(), frames: vec!["t".into()], paragraphs, jump_lines: false }
    }

    #[test]
    fn plain_diff_is_the_minimal_edit() {
        assert_eq!(plain_diff("迎接挑战\n赵庆文", "迎接挑战\n\n赵庆文"), (5..5, "\n".into()));
        assert_eq!(plain_diff("aaa", "aa"), (2..3, String::new()));
        assert_eq!(plain_diff("abc", "abc"), (3..3, String::new()));
        assert_eq!(plain_diff("迎接挑战", "迎接新挑战"), (2..2, "新".into()));
        let s = story(&["迎接挑战", "赵庆文"]);
        assert_eq!(plain_range(&s, 5..6), TextRange::new(TextPos::new(1, 0), TextPos::new(1, 1)));
    }

    #[test]
    fn words_are_han_runs_or_latin_words() {
        let s = story(&["迎接挑战", "他说：COVID-19疫情，"]);
        let w = word_at(&s, TextPos::new(1, 4));
        assert_eq!((w.start.offset, w.end.offset), (3, 8));
        let w = word_at(&s, TextPos::new(1, 1));
        assert_eq!((w.start.offset, w.end.offset), (0, 2));
    }
}
