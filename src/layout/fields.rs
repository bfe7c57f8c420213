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
        if !text.contains(['{', '}']) {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(i) = rest.find(['{', '}']) {
            out.push_str(&rest[..i]);
            let tail = &rest[i..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                out.push_str(&tail[..1]);
                rest = &tail[2..];
            } else if let Some((name, after)) = tail.strip_prefix('{').and_then(|t| t.split_once('}'))
                && let Some(value) = self.value(name)
            {
                out.push_str(&value);
                rest = after;
            } else {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
        out.push_str(rest);
        Cow::Owned(out)
    }

    /// The story with every run's fields filled in (borrowed when it has none).
    pub fn fill_story<'s>(&self, story: &'s Story) -> Cow<'s, Story> {
        let has_fields = story.paragraphs.iter().flat_map(|p| &p.runs).any(|r| r.text.contains(['{', '}']));
        if !has_fields {
            return Cow::Borrowed(story);
        }
        let mut filled = story.clone();
        for run in filled.paragraphs.iter_mut().flat_map(|p| &mut p.runs) {
            run.text = self.fill(&run.text).into_owned();
        }
        Cow::Owned(filled)
    }
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
}
