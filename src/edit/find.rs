//! Find and replace across all stories and table cells, plain or by regular expression. A match
//! may span runs of different styles; its replacement takes the style of the match's first
//! character and is made as a range edit (`edit::text`), so the runs around it are kept.

use super::text::{self, TextPos, TextRange};
use crate::model::{Document, ElementKind};

/// What to look for.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub find: String,
    /// `find` is a regular expression (and `replace` may use `$1`…).
    pub regex: bool,
}

/// Why a search cannot run.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum FindError {
    #[error("nothing to find")]
    Empty,
    /// The regex crate's account of the mistake.
    #[error("not a regular expression: {0}")]
    Pattern(String),
    #[error(transparent)]
    Text(#[from] text::TextError),
}

impl Query {
    fn pattern(&self) -> Result<regex::Regex, FindError> {
        if self.find.is_empty() {
            return Err(FindError::Empty);
        }
        let source = if self.regex { self.find.clone() } else { regex::escape(&self.find) };
        regex::Regex::new(&source).map_err(|e| FindError::Pattern(e.to_string()))
    }
}

/// One occurrence: a range of a story's text, or a table cell (element id, row, cell).
#[derive(Clone, Debug, PartialEq)]
pub enum Match {
    Story { story: String, range: TextRange },
    Cell { table: String, row: usize, cell: usize, chars: std::ops::Range<usize> },
}

fn char_range(s: &str, bytes: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = s[..bytes.start].chars().count();
    start..start + s[bytes].chars().count()
}

/// Every occurrence, stories first (in story and text order), then table cells.
pub fn find_all(doc: &Document, query: &Query) -> Result<Vec<Match>, FindError> {
    let re = query.pattern()?;
    let mut out = Vec::new();
    for story in &doc.stories {
        for (i, p) in story.paragraphs.iter().enumerate() {
            let t = p.text();
            for m in re.find_iter(&t).filter(|m| !m.is_empty()) {
                let chars = char_range(&t, m.range());
                let range = TextRange::new(TextPos::new(i, chars.start), TextPos::new(i, chars.end));
                out.push(Match::Story { story: story.id.clone(), range });
            }
        }
    }
    for el in doc.pages.iter().flat_map(|p| &p.elements) {
        let ElementKind::Table(t) = &el.kind else { continue };
        for (r, row) in t.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                for m in re.find_iter(&cell.text).filter(|m| !m.is_empty()) {
                    let chars = char_range(&cell.text, m.range());
                    out.push(Match::Cell { table: el.id.clone(), row: r, cell: c, chars });
                }
            }
        }
    }
    Ok(out)
}

/// How many times the query occurs in the document's stories and table cells.
pub fn count(doc: &Document, query: &Query) -> Result<usize, FindError> {
    find_all(doc, query).map(|m| m.len())
}

/// The replacement for one matched text (with `$1`… filled in for a regular expression).
fn replacement(re: &regex::Regex, query: &Query, matched: &str, replace: &str) -> String {
    if query.regex { re.replace(matched, replace).into_owned() } else { replace.to_string() }
}

/// Replaces every occurrence; returns how many were replaced.
pub fn replace_all(doc: &mut Document, query: &Query, replace: &str) -> Result<usize, FindError> {
    let re = query.pattern()?;
    let matches = find_all(doc, query)?;
    let sheet = doc.styles.clone();
    // From the last to the first, so earlier positions stay valid.
    for m in matches.iter().rev() {
        match m {
            Match::Story { story, range } => {
                let Some(s) = doc.stories.iter_mut().find(|s| &s.id == story) else { continue };
                let matched: String = s.paragraphs[range.start.paragraph]
                    .text()
                    .chars()
                    .skip(range.start.offset)
                    .take(range.end.offset - range.start.offset)
                    .collect();
                let with = replacement(&re, query, &matched, replace);
                text::replace(s, &sheet, *range, &with)?;
            }
            Match::Cell { table, row, cell, chars } => {
                let Some(ElementKind::Table(t)) =
                    doc.pages.iter_mut().flat_map(|p| &mut p.elements).find(|e| &e.id == table).map(|e| &mut e.kind)
                else {
                    continue;
                };
                let c = &mut t.rows[*row][*cell];
                let all: Vec<char> = c.text.chars().collect();
                let matched: String = all[chars.clone()].iter().collect();
                let with = replacement(&re, query, &matched, replace);
                c.text = all[..chars.start].iter().collect::<String>()
                    + &with
                    + &all[chars.end..].iter().collect::<String>();
            }
        }
    }
    Ok(matches.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        let json = r#"{"format":1,"pages":[{"size":[100,100],"elements":[{"id":"t","kind":"text","x":0,"y":0,"w":50,"h":50}]}],
            "stories":[{"id":"s","frames":["t"],"paragraphs":[{"text":"10月31日，淄博市。10月24日至10月30日"},{"text":"淄博$1"}]}]}"#;
        crate::io::from_json(json).unwrap()
    }

    #[test]
    fn plain_and_regex_replace() {
        let mut d = doc();
        let plain = Query { find: "淄博".into(), regex: false };
        assert_eq!(count(&d, &plain), Ok(2));
        assert_eq!(replace_all(&mut d, &plain, "$1淄博"), Ok(2), "plain replacement is literal");
        assert_eq!(d.stories[0].paragraphs[0].text(), "10月31日，$1淄博市。10月24日至10月30日");
        let dates = Query { find: r"(\d+)月(\d+)日".into(), regex: true };
        assert_eq!(count(&d, &dates), Ok(3));
        replace_all(&mut d, &dates, "$1/$2").unwrap();
        assert_eq!(d.stories[0].paragraphs[0].text(), "10/31，$1淄博市。10/24至10/30");
        assert!(
            count(&d, &Query { find: "(".into(), regex: true }).unwrap_err().to_string().contains("regular expression")
        );
    }

    #[test]
    fn matches_span_runs_and_reach_table_cells() {
        let json = r#"{"format":1,"pages":[{"size":[100,100],"elements":[{"id":"t","kind":"text","x":0,"y":0,"w":50,"h":50},
            {"id":"tb","kind":"table","x":0,"y":60,"w":50,"h":30,"columns":[1,1],"rows":[["淄博市","2429"],["临淄","淄博"]]}]}],
            "stories":[{"id":"s","frames":["t"],"paragraphs":[{"runs":[{"text":"迎接淄"},{"text":"博挑战","bold":true}]}]}]}"#;
        let mut d = crate::io::from_json(json).unwrap();
        let q = Query { find: "淄博".into(), regex: false };
        let found = find_all(&d, &q).unwrap();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(
            found[0],
            Match::Story { story: "s".into(), range: TextRange::new(TextPos::new(0, 2), TextPos::new(0, 4)) }
        );
        assert_eq!(replace_all(&mut d, &q, "齐鲁"), Ok(3));
        let runs = &d.stories[0].paragraphs[0].runs;
        assert_eq!(runs[0].text, "迎接齐鲁", "the replacement takes the first character's style");
        assert_eq!((runs[1].text.as_str(), runs[1].style.bold), ("挑战", Some(true)));
        let ElementKind::Table(t) = &d.pages[0].elements[1].kind else { panic!() };
        assert_eq!((t.rows[0][0].text.as_str(), t.rows[1][1].text.as_str()), ("齐鲁市", "齐鲁"));
    }
}
