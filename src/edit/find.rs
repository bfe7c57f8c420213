//! Find and replace across all stories, plain or by regular expression. Matches stay within a
//! run of one style (a match never spans two differently styled runs).

use crate::model::Document;

/// What to look for.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub find: String,
    /// `find` is a regular expression (and `replace` may use `$1`…).
    pub regex: bool,
}

impl Query {
    fn pattern(&self) -> Result<regex::Regex, String> {
        if self.find.is_empty() {
            return Err("nothing to find".into());
        }
        let source = if self.regex { self.find.clone() } else { regex::escape(&self.find) };
        regex::Regex::new(&source).map_err(|e| format!("not a regular expression: {e}"))
    }
}

/// How many times the query occurs in the document's stories.
pub fn count(doc: &Document, query: &Query) -> Result<usize, String> {
    let re = query.pattern()?;
    Ok(runs(doc).map(|t| re.find_iter(t).count()).sum())
}

fn runs(doc: &Document) -> impl Iterator<Item = &str> {
    doc.stories.iter().flat_map(|s| &s.paragraphs).flat_map(|p| &p.runs).map(|r| r.text.as_str())
}

/// Replaces every occurrence; returns how many were replaced.
pub fn replace_all(doc: &mut Document, query: &Query, replace: &str) -> Result<usize, String> {
    let re = query.pattern()?;
    let mut n = 0;
    for run in doc.stories.iter_mut().flat_map(|s| &mut s.paragraphs).flat_map(|p| &mut p.runs) {
        let found = re.find_iter(&run.text).count();
        if found > 0 {
            n += found;
            run.text = if query.regex {
                re.replace_all(&run.text, replace).into_owned()
            } else {
                re.replace_all(&run.text, regex::NoExpand(replace)).into_owned()
            };
        }
    }
    Ok(n)
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
        assert!(count(&d, &Query { find: "(".into(), regex: true }).unwrap_err().contains("regular expression"));
    }
}
