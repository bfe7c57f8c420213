//! The body line grid (rules 2, 6, 7): where its baselines lie on a page. This is its one
//! owner: the flow snaps a grid frame's lines to it, and the editor draws it from here.

use super::text::flow::EM_ASCENT;
use crate::model::{Document, ElementKind, Story};

/// Baselines `pitch` apart through the page height `origin`, for body text of size `body`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineGrid {
    pub body: f32,
    pub pitch: f32,
    pub origin: f32,
}

impl LineGrid {
    /// A page's own grid (its `baseline`): the first baseline a body em's ascent below the top
    /// of the type area, so lines line up across every frame and column of the page.
    pub fn of_page(page: &crate::model::Page) -> Option<LineGrid> {
        let g = page.baseline?;
        let origin = page.type_area().y + EM_ASCENT * g.font_size;
        Some(LineGrid { body: g.font_size, pitch: g.line_pitch, origin })
    }

    /// The first baseline at or below the page height `y`.
    pub fn at_or_below(&self, y: f32) -> f32 {
        self.origin + ((y - self.origin) / self.pitch - 0.001).ceil() * self.pitch
    }

    /// The baselines from `top` down to `bottom` (page heights), for drawing.
    pub fn baselines(&self, top: f32, bottom: f32) -> impl Iterator<Item = f32> + use<> {
        let (first, pitch) = (self.at_or_below(top), self.pitch.max(0.5));
        (0..).map(move |k| first + k as f32 * pitch).take_while(move |&y| y <= bottom)
    }
}

/// The grid that text frame `frame` (of `story`) snaps its lines to, when it is a grid frame:
/// its page's grid when the page has one, else one of the story's body text (正文, else its
/// last paragraph's style) through the top of the frame's text area.
pub fn frame_grid(doc: &Document, story: &Story, frame: &str) -> Option<LineGrid> {
    let (page, el) = doc.element(frame)?;
    let ElementKind::Text(t) = &el.kind else { return None };
    if !t.grid {
        return None;
    }
    if let Some(grid) = LineGrid::of_page(&doc.pages[page]) {
        return Some(grid);
    }
    let body = story.paragraphs.iter().find(|p| p.style.as_deref() == Some("正文")).or(story.paragraphs.last());
    let style = body.map(|p| doc.styles.resolve(p.style.as_deref(), &p.overrides)).unwrap_or_default();
    let origin = el.frame.inset(t.inset).y + EM_ASCENT * style.size;
    Some(LineGrid { body: style.size, pitch: style.leading, origin })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baselines_are_whole_pitches_from_the_origin() {
        let g = LineGrid { body: 10.0, pitch: 15.0, origin: 108.8 };
        assert_eq!(g.at_or_below(108.8), 108.8);
        assert!((g.at_or_below(109.0) - 123.8).abs() < 1e-4);
        assert!((g.at_or_below(50.0) - 63.8).abs() < 1e-4, "the grid runs above its origin too");
        let ys: Vec<f32> = g.baselines(100.0, 140.0).collect();
        assert_eq!(ys.len(), 3);
        assert!((ys[0] - 108.8).abs() < 1e-4 && (ys[2] - 138.8).abs() < 1e-4);
    }
}
