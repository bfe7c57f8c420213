//! Editing: every change to a document is a `Command`, applied in one place. The editor's UI
//! only emits commands; `history` records them for undo and redo.

pub mod find;
pub mod history;
pub mod plain;
pub mod text;

use crate::model::{Document, Element, ElementKind, Page, Paragraph, Run, Story, StyleSheet};
use crate::units::Rect;
pub use text::{CharProp, Selection, TextPos, TextRange};

/// Where an element goes in its page's stacking order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZMove {
    Forward,
    Backward,
    Front,
    Back,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Move elements by (dx, dy) points.
    Move {
        ids: Vec<String>,
        dx: f32,
        dy: f32,
    },
    /// Set one element's frame.
    SetFrame {
        id: String,
        frame: Rect,
    },
    /// Add an element (and the story that flows through it, for a new text frame).
    Add {
        page: usize,
        element: Element,
        story: Option<Story>,
    },
    Delete {
        ids: Vec<String>,
    },
    /// Replace an element wholesale (inspector edits of its kind's properties, name, flags).
    Replace {
        element: Element,
    },
    /// Insert plain text at a story position, in the style of the run it lands in (`\n` splits
    /// the paragraph; both halves keep its style).
    InsertText {
        story: String,
        at: TextPos,
        text: String,
    },
    /// Replace a story range with plain text in the style of its first character (empty text
    /// deletes the range; paragraphs it spans are joined).
    ReplaceText {
        story: String,
        range: TextRange,
        text: String,
    },
    /// Insert styled paragraphs at a story position (paste of paiban text).
    InsertParagraphs {
        story: String,
        at: TextPos,
        paragraphs: Vec<Paragraph>,
    },
    /// Set one character property on a story range.
    SetCharProp {
        story: String,
        range: TextRange,
        prop: CharProp,
    },
    /// Set the paragraph style of the paragraphs a range touches.
    SetParagraphStyle {
        story: String,
        range: TextRange,
        style: Option<String>,
    },
    /// Replace a story wholesale (style changes).
    ReplaceStory {
        story: Story,
    },
    Restack {
        id: String,
        to: ZMove,
    },
    /// Thread `next` after `frame` in `frame`'s story (`next`'s own story text is appended).
    Link {
        frame: String,
        next: String,
    },
    /// Take a frame out of its story's chain; it gets an empty story of its own.
    Unlink {
        frame: String,
    },
    /// Add the named paragraph styles the document does not have yet.
    AddStyles {
        styles: StyleSheet,
    },
    AddPage {
        at: usize,
        page: Page,
    },
    RemovePage {
        at: usize,
    },
    MovePage {
        from: usize,
        to: usize,
    },
    /// Replace every occurrence of a query in all stories.
    ReplaceAll {
        query: find::Query,
        replace: String,
    },
}

/// What went wrong applying a command (the document is unchanged then).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("no element \"{0}\"")]
    NoElement(String),
    #[error("no story \"{0}\"")]
    NoStory(String),
    #[error("no page {0}")]
    NoPage(usize),
    #[error("\"{0}\" is not a text frame")]
    NotText(String),
    #[error("an element with id \"{0}\" exists already")]
    DuplicateId(String),
    #[error("a document keeps at least one page")]
    LastPage,
    #[error("\"{0}\" is locked")]
    Locked(String),
    #[error("find: {0}")]
    Find(#[from] find::FindError),
    #[error(transparent)]
    Text(#[from] text::TextError),
}

fn element_mut<'a>(doc: &'a mut Document, id: &str) -> Result<&'a mut Element, EditError> {
    doc.pages
        .iter_mut()
        .flat_map(|p| p.elements.iter_mut())
        .find(|e| e.id == id)
        .ok_or_else(|| EditError::NoElement(id.into()))
}

fn story_index(doc: &Document, id: &str) -> Result<usize, EditError> {
    doc.stories.iter().position(|s| s.id == id).ok_or_else(|| EditError::NoStory(id.into()))
}

/// Applies a command. On error the document is left as it was.
pub fn apply(doc: &mut Document, cmd: Command) -> Result<(), EditError> {
    match cmd {
        Command::Move { ids, dx, dy } => {
            for id in &ids {
                if element_mut(doc, id)?.locked {
                    return Err(EditError::Locked(id.clone()));
                }
            }
            for id in &ids {
                let e = element_mut(doc, id)?;
                e.frame.x += dx;
                e.frame.y += dy;
            }
        }
        Command::SetFrame { id, frame } => {
            let e = element_mut(doc, &id)?;
            if e.locked {
                return Err(EditError::Locked(id));
            }
            e.frame = frame;
        }
        Command::Add { page, element, story } => {
            if doc.element(&element.id).is_some() {
                return Err(EditError::DuplicateId(element.id));
            }
            doc.pages.get_mut(page).ok_or(EditError::NoPage(page))?.elements.push(element);
            if let Some(story) = story {
                doc.stories.push(story);
            }
        }
        Command::Delete { ids } => {
            for page in &mut doc.pages {
                page.elements.retain(|e| !ids.contains(&e.id));
            }
            for story in &mut doc.stories {
                story.frames.retain(|f| !ids.contains(f));
            }
            doc.stories.retain(|s| !s.frames.is_empty());
        }
        Command::Replace { element } => {
            let e = element_mut(doc, &element.id)?;
            *e = element;
        }
        Command::InsertText { story, at, text } => {
            let i = story_index(doc, &story)?;
            text::insert(&mut doc.stories[i], &doc.styles, at, &text)?;
        }
        Command::ReplaceText { story, range, text } => {
            let i = story_index(doc, &story)?;
            text::replace(&mut doc.stories[i], &doc.styles, range, &text)?;
        }
        Command::InsertParagraphs { story, at, paragraphs } => {
            let i = story_index(doc, &story)?;
            text::insert_paragraphs(&mut doc.stories[i], at, &paragraphs)?;
        }
        Command::SetCharProp { story, range, prop } => {
            let i = story_index(doc, &story)?;
            text::set_char(&mut doc.stories[i], range, &prop)?;
        }
        Command::SetParagraphStyle { story, range, style } => {
            let i = story_index(doc, &story)?;
            text::set_paragraph_style(&mut doc.stories[i], range, style.as_deref())?;
        }
        Command::ReplaceStory { story } => {
            let i = story_index(doc, &story.id)?;
            doc.stories[i] = story;
        }
        Command::Restack { id, to } => {
            let page = doc
                .pages
                .iter_mut()
                .find(|p| p.elements.iter().any(|e| e.id == id))
                .ok_or(EditError::NoElement(id.clone()))?;
            let i = page.elements.iter().position(|e| e.id == id).ok_or(EditError::NoElement(id))?;
            let last = page.elements.len() - 1;
            let j = match to {
                ZMove::Forward => (i + 1).min(last),
                ZMove::Backward => i.saturating_sub(1),
                ZMove::Front => last,
                ZMove::Back => 0,
            };
            let e = page.elements.remove(i);
            page.elements.insert(j, e);
        }
        Command::Link { frame, next } => {
            for id in [&frame, &next] {
                match doc.element(id) {
                    Some((_, e)) if matches!(e.kind, ElementKind::Text(_)) => {}
                    Some(_) => return Err(EditError::NotText(id.clone())),
                    None => return Err(EditError::NoElement(id.clone())),
                }
            }
            if frame == next {
                return Ok(());
            }
            // Take `next` out of its own story, bringing that story's text along.
            let mut carried = Vec::new();
            if let Some(s) = doc.stories.iter_mut().find(|s| s.frames.contains(&next)) {
                s.frames.retain(|f| f != &next);
                if s.frames.is_empty() {
                    carried = std::mem::take(&mut s.paragraphs);
                }
            }
            doc.stories.retain(|s| !s.frames.is_empty());
            let s = doc
                .stories
                .iter_mut()
                .find(|s| s.frames.contains(&frame))
                .ok_or_else(|| EditError::NoStory(frame.clone()))?;
            let at = s.frames.iter().position(|f| f == &frame).map_or(s.frames.len(), |p| p + 1);
            s.frames.insert(at, next);
            s.paragraphs.extend(carried.into_iter().filter(|p| !p.text().is_empty()));
        }
        Command::Unlink { frame } => {
            let i = doc
                .stories
                .iter()
                .position(|s| s.frames.contains(&frame))
                .ok_or_else(|| EditError::NoStory(frame.clone()))?;
            if doc.stories[i].frames.len() == 1 {
                return Ok(());
            }
            doc.stories[i].frames.retain(|f| f != &frame);
            let template = doc.stories[i].paragraphs.first().cloned().unwrap_or_default();
            let id = unique_story_id(doc, &frame);
            doc.stories.push(Story {
                id,
                frames: vec![frame],
                paragraphs: vec![Paragraph { runs: vec![Run::default()], ..template }],
                jump_lines: false,
            });
        }
        Command::AddStyles { styles } => {
            for (name, style) in styles.paragraph {
                doc.styles.paragraph.entry(name).or_insert(style);
            }
        }
        Command::AddPage { at, page } => {
            let at = at.min(doc.pages.len());
            doc.pages.insert(at, page);
        }
        Command::RemovePage { at } => {
            if doc.pages.len() <= 1 {
                return Err(EditError::LastPage);
            }
            if at >= doc.pages.len() {
                return Err(EditError::NoPage(at));
            }
            let ids: Vec<String> = doc.pages[at].elements.iter().map(|e| e.id.clone()).collect();
            apply(doc, Command::Delete { ids })?;
            doc.pages.remove(at);
        }
        Command::ReplaceAll { query, replace } => {
            find::replace_all(doc, &query, &replace)?;
        }
        Command::MovePage { from, to } => {
            if from >= doc.pages.len() {
                return Err(EditError::NoPage(from));
            }
            let page = doc.pages.remove(from);
            doc.pages.insert(to.min(doc.pages.len()), page);
        }
    }
    Ok(())
}

/// An element id not yet used in `doc`, made from `base`.
pub fn unique_element_id(doc: &Document, base: &str) -> String {
    (1..).map(|n| format!("{base}-{n}")).find(|id| doc.element(id).is_none()).unwrap_or_else(|| base.to_string())
}

fn unique_story_id(doc: &Document, base: &str) -> String {
    (1..)
        .map(|n| format!("{base}-story-{n}"))
        .find(|id| !doc.stories.iter().any(|s| &s.id == id))
        .unwrap_or_else(|| base.to_string())
}

/// The plain text of a story: paragraphs joined by newlines (what the story editor shows).
pub fn story_text(story: &Story) -> String {
    story.paragraphs.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n")
}

/// The range edit that turns the story's plain text into `new` (the inspector's and the
/// galley's text boxes edit plain text; this keeps the runs and paragraph styles the edit did
/// not touch). `None` when nothing changed.
pub fn plain_text_edit(story: &Story, new: &str) -> Option<Command> {
    let (chars, text) = plain::plain_diff(&story_text(story), new);
    if chars.is_empty() && text.is_empty() {
        return None;
    }
    Some(Command::ReplaceText { story: story.id.clone(), range: plain::plain_range(story, chars), text })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        crate::io::from_json(include_str!("../../layouts/luzhong-2022-11-01.json")).unwrap()
    }

    #[test]
    fn move_and_locked_elements() {
        let mut d = doc();
        let before = d.element("promo-qr").unwrap().1.frame;
        apply(&mut d, Command::Move { ids: vec!["promo-qr".into()], dx: 10.0, dy: -5.0 }).unwrap();
        let after = d.element("promo-qr").unwrap().1.frame;
        assert_eq!((after.x - before.x, after.y - before.y), (10.0, -5.0));
        let mut e = d.element("promo-qr").unwrap().1.clone();
        e.locked = true;
        apply(&mut d, Command::Replace { element: e }).unwrap();
        let snapshot = d.clone();
        assert_eq!(
            apply(&mut d, Command::Move { ids: vec!["promo-qr".into()], dx: 1.0, dy: 1.0 }),
            Err(EditError::Locked("promo-qr".into()))
        );
        assert_eq!(d, snapshot);
    }

    #[test]
    fn story_text_keeps_paragraph_styles() {
        let mut d = doc();
        let text = story_text(&d.stories.iter().find(|s| s.id == "story2").unwrap().clone());
        let edited = text.replace("受理求助投诉", "受理求助和投诉");
        let story = d.stories.iter().find(|s| s.id == "story2").unwrap();
        let cmd = plain_text_edit(story, &edited).unwrap();
        apply(&mut d, cmd).unwrap();
        let s = d.stories.iter().find(|s| s.id == "story2").unwrap();
        assert_eq!(story_text(s), edited);
        assert_eq!(s.paragraphs[1].style.as_deref(), Some("二主题"));
    }

    #[test]
    fn link_and_unlink_frames() {
        let mut d = doc();
        apply(&mut d, Command::Link { frame: "promo-prize".into(), next: "promo-caption".into() }).unwrap();
        let s = d.stories.iter().find(|s| s.id == "promo-prize").unwrap();
        assert_eq!(s.frames, vec!["promo-prize", "promo-caption"]);
        assert_eq!(s.paragraphs.len(), 2, "the linked frame's text joins the story");
        assert!(!d.stories.iter().any(|s| s.id == "promo-caption"));
        apply(&mut d, Command::Unlink { frame: "promo-caption".into() }).unwrap();
        assert_eq!(d.story_of_frame("promo-caption").unwrap().0.frames, vec!["promo-caption"]);
        assert_eq!(d.story_of_frame("promo-prize").unwrap().0.frames, vec!["promo-prize"]);
    }

    #[test]
    fn restack_and_pages() {
        let mut d = doc();
        apply(&mut d, Command::Restack { id: "promo-box".into(), to: ZMove::Front }).unwrap();
        assert_eq!(d.pages[0].elements.last().unwrap().id, "promo-box");
        assert_eq!(apply(&mut d, Command::RemovePage { at: 0 }), Err(EditError::LastPage));
        let blank = Page { elements: vec![], ..d.pages[0].clone() };
        apply(&mut d, Command::AddPage { at: 1, page: blank }).unwrap();
        apply(&mut d, Command::MovePage { from: 1, to: 0 }).unwrap();
        assert!(d.pages[0].elements.is_empty());
        apply(&mut d, Command::RemovePage { at: 1 }).unwrap();
        assert!(d.stories.is_empty(), "stories of removed frames go too");
    }
}
