//! Text fields filled in per page: `{版次}` (the page's label), `{页码}` (its number),
//! `{总版数}` (pages in the document) and the document's variables (`{日期}`…). A name that is
//! none of these stays as typed; `{{` and `}}` are literal braces.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::model::{Document, Story};

/// What the fields of one page stand for.
pub struct PageFields<'a> {
    pub label: String,
    pub number: usize,
    pub total: usize,
    pub variables: &'a BTreeMap<String, String>,
}

impl PageFields<'_> {
    pub fn of(doc: &Document, page: usize) -> PageFields<'_> {
        PageFields { label: doc.page_label(page), number: page + 1, total: doc.pages.len(), variables: &doc.variables }
    }

    fn value(&self, name: &str) -> Option<String> {
        match name {
            "版次" | "label" => Some(self.label.clone()),
            "页码" | "page" => Some(self.number.to_string()),
            "总版数" | "pages" => Some(self.total.to_string()),
            other => self.variables.get(other).cloned(),
        }
    }

    /// `text` with its fields filled in.
    pub fn fill<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut budget = usize::MAX;
        self.fill_within(text, &mut budget)
    }

    /// `text` with its fields filled in, taking at most `budget` characters (what is left is
    /// taken off it): the filled text stops where the budget runs out, so a story of many
    /// long fields stays bounded however long the variables are.
    pub fn fill_within<'t>(&self, text: &'t str, budget: &mut usize) -> Cow<'t, str> {
        if !text.contains(['{', '}']) {
            let n = text.chars().count();
            if n <= *budget {
                *budget -= n;
                return Cow::Borrowed(text);
            }
        }
        let mut out = String::with_capacity(text.len().min(*budget));
        let push = |out: &mut String, piece: &str, budget: &mut usize| -> bool {
            let n = piece.chars().count();
            if n <= *budget {
                out.push_str(piece);
                *budget -= n;
                true
            } else {
                out.extend(piece.chars().take(*budget));
                *budget = 0;
                false
            }
        };
        let mut rest = text;
        while let Some(i) = rest.find(['{', '}']) {
            if !push(&mut out, &rest[..i], budget) {
                return Cow::Owned(out);
            }
            let tail = &rest[i..];
            let whole = if tail.starts_with("{{") || tail.starts_with("}}") {
                rest = &tail[2..];
                push(&mut out, &tail[..1], budget)
            } else if let Some((name, after)) = tail.strip_prefix('{').and_then(|t| t.split_once('}'))
                && let Some(value) = self.value(name)
            {
                rest = after;
                push(&mut out, &value, budget)
            } else {
                rest = &tail[1..];
                push(&mut out, &tail[..1], budget)
            };
            if !whole {
                return Cow::Owned(out);
            }
        }
        push(&mut out, rest, budget);
        Cow::Owned(out)
    }

    /// The story with every run's fields filled in (borrowed when it has none), cut off at
    /// `MAX_FILLED_CHARS` characters.
    pub fn fill_story<'s>(&self, story: &'s Story) -> Cow<'s, Story> {
        let has_fields = story.paragraphs.iter().flat_map(|p| &p.runs).any(|r| r.text.contains(['{', '}']));
        if !has_fields {
            return Cow::Borrowed(story);
        }
        let mut filled = story.clone();
        let mut budget = MAX_FILLED_CHARS;
        for run in filled.paragraphs.iter_mut().flat_map(|p| &mut p.runs) {
            run.text = self.fill_within(&run.text, &mut budget).into_owned();
        }
        Cow::Owned(filled)
    }
}

/// The most characters a story may have with its fields filled in (the loader's story cap).
pub const MAX_FILLED_CHARS: usize = 200_000;

/// Whether `text` (one run) fits in `remaining` characters with its fields filled in for any
/// page — the variables as they are, page labels at their longest (32 characters), numbers at
/// ten digits — taking what it needs off `remaining`. Never builds more than that much text.
pub fn fits_filled(text: &str, variables: &BTreeMap<String, String>, remaining: &mut usize) -> bool {
    let widest = PageFields { label: "0".repeat(32), number: 1_000_000_000, total: 1_000_000_000, variables };
    let mut budget = remaining.saturating_add(1);
    widest.fill_within(text, &mut budget);
    if budget == 0 {
        return false;
    }
    *remaining = budget - 1;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_fill_and_unknown_ones_stay() {
        let vars = BTreeMap::from([("日期".to_string(), "2022年11月1日".to_string())]);
        let f = PageFields { label: "A02".into(), number: 2, total: 8, variables: &vars };
        assert_eq!(f.fill("第{版次}版 {日期} 共{总版数}版"), "第A02版 2022年11月1日 共8版");
        assert_eq!(f.fill("{未知} {{版次}} {"), "{未知} {版次} {");
        assert!(matches!(f.fill("无字段"), Cow::Borrowed(_)));
    }

    #[test]
    fn filling_stops_at_the_budget() {
        let vars = BTreeMap::from([("v".to_string(), "字".repeat(1000))]);
        let f = PageFields { label: "A01".into(), number: 1, total: 1, variables: &vars };
        let mut budget = 2500;
        let text = "{v}".repeat(60_000);
        let filled = f.fill_within(&text, &mut budget);
        assert_eq!((filled.chars().count(), budget), (2500, 0));
    }
}
