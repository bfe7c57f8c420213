//! The layout cache: what each story, table and image gave last time, kept with what it was
//! made from, so that after an edit only the story (all the frames it flows through), the table
//! or the image that changed is laid out again. The editor keeps one; a one-off layout uses an
//! empty one.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use super::frame::{ElementReport, FrameItem};
use super::image::LoadedImage;
use super::text::flow::{FlowFrame, FramedText};
use crate::model::{Element, Story, StyleSheet};

struct StoryEntry {
    story: Story,
    frames: Vec<FlowFrame>,
    styles: StyleSheet,
    framed: Vec<FramedText>,
}

struct TableEntry {
    element: Element,
    items: Vec<FrameItem>,
    report: ElementReport,
}

type ImageResult = Result<Arc<LoadedImage>, super::problem::LayoutProblem>;

#[derive(Default)]
pub struct LayoutCache {
    stories: HashMap<String, StoryEntry>,
    tables: HashMap<String, TableEntry>,
    /// Decoded images (and placed PDF pages) by path and page, with the file's modification
    /// time when read.
    images: HashMap<(PathBuf, u32), (Option<SystemTime>, ImageResult)>,
    /// Stories and tables laid out anew in the last pass (the rest came from the cache).
    pub relaid: Vec<String>,
    seen: HashSet<String>,
}

impl LayoutCache {
    /// Starts a pass over the document.
    pub(super) fn begin(&mut self) {
        self.relaid.clear();
        self.seen.clear();
    }

    /// Ends a pass: entries for stories and tables no longer in the document go.
    pub(super) fn end(&mut self) {
        let seen = std::mem::take(&mut self.seen);
        self.stories.retain(|id, _| seen.contains(id));
        self.tables.retain(|id, _| seen.contains(id));
        self.seen = seen;
    }

    /// The story's flow through its frames, from the cache when nothing it depends on changed.
    pub(super) fn story(
        &mut self,
        story: &Story,
        frames: Vec<FlowFrame>,
        styles: &StyleSheet,
        flow: impl FnOnce(&[FlowFrame]) -> Vec<FramedText>,
    ) -> Vec<FramedText> {
        self.seen.insert(story.id.clone());
        if let Some(e) = self.stories.get(&story.id)
            && e.story == *story
            && e.frames == frames
            && e.styles == *styles
        {
            return e.framed.clone();
        }
        self.relaid.push(story.id.clone());
        let framed = flow(&frames);
        let entry = StoryEntry { story: story.clone(), frames, styles: styles.clone(), framed: framed.clone() };
        self.stories.insert(story.id.clone(), entry);
        framed
    }

    /// A table's items and report, from the cache when the element is unchanged.
    pub(super) fn table(
        &mut self,
        element: &Element,
        lay_out: impl FnOnce() -> (Vec<FrameItem>, ElementReport),
    ) -> (Vec<FrameItem>, ElementReport) {
        self.seen.insert(element.id.clone());
        if let Some(e) = self.tables.get(&element.id)
            && e.element == *element
        {
            return (e.items.clone(), e.report.clone());
        }
        self.relaid.push(element.id.clone());
        let (items, report) = lay_out();
        let entry = TableEntry { element: element.clone(), items: items.clone(), report: report.clone() };
        self.tables.insert(element.id.clone(), entry);
        (items, report)
    }

    /// An image decoded once, and again only when its file changes.
    pub(super) fn image(&mut self, path: &Path, page: u32) -> ImageResult {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let key = (path.to_path_buf(), page);
        if let Some((when, loaded)) = self.images.get(&key)
            && *when == modified
        {
            return loaded.clone();
        }
        let loaded = super::image::load_image_page(path, page).map(Arc::new).map_err(Into::into);
        self.images.insert(key, (modified, loaded.clone()));
        loaded
    }
}
