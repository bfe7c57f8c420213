//! Jump lines (转版): where a story's chain of frames goes on to another page, the frame it
//! leaves ends with a 下转第 N 版 line and the frame it continues in starts with 上接第 N 版, N
//! being the other page's label, so the lines follow when pages move. The line is set in the
//! style 转版 when the document has one, else in the story's body style, in a strip of one line
//! kept free at the frame's foot or head.

use super::text::flow::{FlowFrame, FramedText, flow_story};
use crate::fonts::FontBook;
use crate::model::{Align, Document, Paragraph, Run, Story, StyleProps};
use crate::units::Rect;

/// The style a jump line is set in, by name.
pub const JUMP_STYLE: &str = "转版";

/// One jump line of a story: which of its frames, at the foot or the head, and what it says.
pub struct Jump {
    pub frame: usize,
    pub at_foot: bool,
    pub text: String,
}

/// The jump lines a story's frames get (none unless the story asks for them).
pub fn jumps(doc: &Document, story: &Story, frames: &[FlowFrame]) -> Vec<Jump> {
    if !story.jump_lines {
        return Vec::new();
    }
    let page = |f: &FlowFrame| doc.element(&f.element).map(|(p, _)| p);
    let mut out = Vec::new();
    for (i, pair) in frames.windows(2).enumerate() {
        let (Some(from), Some(to)) = (page(&pair[0]), page(&pair[1])) else { continue };
        if from == to || pair[0].vertical || pair[1].vertical {
            continue;
        }
        out.push(Jump { frame: i, at_foot: true, text: format!("（下转第{}版）", doc.page_label(to)) });
        out.push(Jump { frame: i + 1, at_foot: false, text: format!("（上接第{}版）", doc.page_label(from)) });
    }
    out
}

/// The paragraph a jump line is set as, and its line pitch.
fn jump_paragraph(doc: &Document, story: &Story, jump: &Jump) -> (Paragraph, f32) {
    let style = if doc.styles.paragraph.contains_key(JUMP_STYLE) {
        Some(JUMP_STYLE.to_string())
    } else {
        let body = story.paragraphs.iter().find(|p| p.style.as_deref() == Some("正文")).or(story.paragraphs.last());
        body.and_then(|p| p.style.clone())
    };
    let overrides = StyleProps {
        align: Some(if jump.at_foot { Align::Right } else { Align::Left }),
        indent: Some(0.0),
        space_before: Some(0.0),
        space_after: Some(0.0),
        ..Default::default()
    };
    let pitch = doc.styles.resolve(style.as_deref(), &overrides).leading;
    let runs = vec![Run { text: jump.text.clone(), style: Default::default() }];
    (Paragraph { style, overrides, runs }, pitch)
}

/// Keeps a strip of one line free in the column that gets a jump line (the last column for a
/// foot line, the first for a head line; the other columns keep all their lines); returns the
/// strips.
pub fn reserve(doc: &Document, story: &Story, frames: &mut [FlowFrame], jumps: &[Jump]) -> Vec<Rect> {
    jumps
        .iter()
        .map(|jump| {
            let (_, pitch) = jump_paragraph(doc, story, jump);
            let frame = &mut frames[jump.frame];
            let cols = frame.column_rects();
            let col = if jump.at_foot { cols.last() } else { cols.first() }.copied().unwrap_or(frame.area);
            let pitch = pitch.min(col.h / 2.0);
            if jump.at_foot {
                frame.reserve.1 += pitch;
                Rect::new(col.x, col.bottom() - pitch, col.w, pitch)
            } else {
                frame.reserve.0 += pitch;
                Rect::new(col.x, col.y, col.w, pitch)
            }
        })
        .collect()
}

/// Sets each jump line in its strip and adds it to its frame's text: a head line before the
/// frame's lines, a foot line after them.
pub fn set(book: &FontBook, doc: &Document, story: &Story, jumps: &[Jump], strips: &[Rect], framed: &mut [FramedText]) {
    for (jump, strip) in jumps.iter().zip(strips) {
        // Only where the text does go on: the frame after a foot line, or a head line's own.
        let continued = if jump.at_foot { jump.frame + 1 } else { jump.frame };
        if framed.get(continued).is_none_or(|f| f.lines.is_empty()) {
            continue;
        }
        let Some(target) = framed.get_mut(jump.frame) else { continue };
        let (para, _) = jump_paragraph(doc, story, jump);
        let Some(mut set) = set_on_one_line(book, doc, &para, &target.report.element, *strip) else {
            // Cut short it would send the reader nowhere: a preflight error instead.
            target.report.errors.push(crate::layout::problem::LayoutProblem::JumpLineTooLong {
                text: jump.text.clone(),
                column_mm: crate::units::pt_to_mm(strip.w),
                least_percent: (LEAST_JUMP_SCALE * 100.0).round() as u32,
            });
            continue;
        };
        // Line numbers of their own, so the jump line never merges with a line of the story.
        let line = if jump.at_foot { u32::MAX - 1 } else { u32::MAX };
        set.runs.iter_mut().for_each(|r| r.line = line);
        set.lines.iter_mut().for_each(|l| l.line = line);
        if jump.at_foot {
            // On the next line slot of its column: level with the other columns' last lines.
            let (_, pitch) = jump_paragraph(doc, story, jump);
            let in_column = |x: f32| x >= strip.x - 0.5 && x <= strip.right() + 0.5;
            let last = target.lines.iter().filter(|l| in_column(l.measure_left)).map(|l| l.baseline).reduce(f32::max);
            let current = set.lines.first().map(|l| l.baseline);
            if let (Some(last), Some(current)) = (last, current) {
                let shift = last + pitch - current;
                if shift < 0.0 {
                    set.runs.iter_mut().for_each(|r| r.baseline += shift);
                    set.lines.iter_mut().for_each(|l| l.baseline += shift);
                }
            }
            target.runs.extend(set.runs);
            target.lines.extend(set.lines);
        } else {
            target.runs.splice(0..0, set.runs);
            target.lines.splice(0..0, set.lines);
        }
    }
}

/// The smallest a jump line is set, as a share of its style's size, to fit its column.
const LEAST_JUMP_SCALE: f32 = 0.7;

/// A jump line set on one line in `strip`: at its style's size, or smaller in steps down to
/// [`LEAST_JUMP_SCALE`] when the column is narrow; `None` when even that does not fit.
fn set_on_one_line(
    book: &FontBook,
    doc: &Document,
    para: &Paragraph,
    element: &str,
    strip: Rect,
) -> Option<FramedText> {
    let frame = FlowFrame {
        element: element.to_string(),
        vertical: false,
        balance: false,
        grid: None,
        area: strip,
        columns: 1,
        column_gap: 0.0,
        valign: crate::model::VAlign::Top,
        reserve: (0.0, 0.0),
        obstacles: Vec::new(),
    };
    let size = doc.styles.resolve(para.style.as_deref(), &para.overrides).size;
    let steps = ((1.0 - LEAST_JUMP_SCALE) / 0.1).round() as usize;
    (0..=steps).find_map(|step| {
        let mut para = para.clone();
        if step > 0 {
            para.overrides.size = Some(size * (1.0 - 0.1 * step as f32));
        }
        let frames = std::slice::from_ref(&frame);
        let set = flow_story(book, &doc.styles, std::slice::from_ref(&para), frames).into_iter().next()?;
        (set.lines.len() == 1 && set.report.overset_chars == 0).then_some(set)
    })
}
