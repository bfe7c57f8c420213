//! Undo and redo by document snapshots, grouped into steps: a drag is one step, a burst of typing
//! into one story is one step (consecutive edits with the same merge key).

use crate::model::Document;

/// Where a text caret was (story id and selection), so undo and redo put it back.
pub type StoryCaret = (String, super::Selection);

struct Step {
    doc: Document,
    key: Option<String>,
    caret: Option<StoryCaret>,
}

#[derive(Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The merge key of the last recorded step, while it may still absorb edits.
    open_key: Option<String>,
}

impl History {
    /// Records that the document was `before` prior to a change. With a `merge_key` equal to the
    /// last step's, the change joins that step instead of making a new one.
    pub fn record(&mut self, before: Document, merge_key: Option<String>) {
        self.record_at(before, merge_key, None);
    }

    /// As `record`, remembering where the text caret was before the change.
    pub fn record_at(&mut self, before: Document, merge_key: Option<String>, caret: Option<StoryCaret>) {
        self.redo.clear();
        if merge_key.is_some() && merge_key == self.open_key && !self.undo.is_empty() {
            return;
        }
        self.undo.push(Step { doc: before, key: merge_key.clone(), caret });
        self.open_key = merge_key;
        const LIMIT: usize = 500;
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
    }

    /// Ends the current merge group (focus left the text, a different kind of edit began).
    pub fn close_group(&mut self) {
        self.open_key = None;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Steps back: returns the document to show, given the current one.
    pub fn undo(&mut self, current: &Document) -> Option<Document> {
        self.undo_at(current, None).map(|(d, _)| d)
    }

    pub fn redo(&mut self, current: &Document) -> Option<Document> {
        self.redo_at(current, None).map(|(d, _)| d)
    }

    /// Steps back, given the current document and caret: the document and caret to show.
    pub fn undo_at(&mut self, current: &Document, caret: Option<StoryCaret>) -> Option<(Document, Option<StoryCaret>)> {
        let step = self.undo.pop()?;
        self.redo.push(Step { doc: current.clone(), key: step.key.clone(), caret });
        self.open_key = None;
        Some((step.doc, step.caret))
    }

    pub fn redo_at(&mut self, current: &Document, caret: Option<StoryCaret>) -> Option<(Document, Option<StoryCaret>)> {
        let step = self.redo.pop()?;
        self.undo.push(Step { doc: current.clone(), key: None, caret });
        self.open_key = None;
        Some((step.doc, step.caret))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str) -> Document {
        Document { title: title.into(), ..Default::default() }
    }

    #[test]
    fn typing_merges_and_undo_redo_walk_back_and_forth() {
        let mut h = History::default();
        h.record(doc("a"), None);
        h.record(doc("b"), Some("story:x".into()));
        h.record(doc("bc"), Some("story:x".into()));
        h.close_group();
        h.record(doc("bcd"), Some("story:x".into()));
        let now = doc("bcde");
        let back = h.undo(&now).unwrap();
        assert_eq!(back.title, "bcd");
        let back2 = h.undo(&back).unwrap();
        assert_eq!(back2.title, "b", "the first burst of typing is one step");
        let back3 = h.undo(&back2).unwrap();
        assert_eq!(back3.title, "a");
        assert!(!h.can_undo());
        assert_eq!(h.redo(&back3).unwrap().title, "b");
    }
}
