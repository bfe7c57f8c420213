//! Pictures the layout could not read (missing, unreadable or refused files): on the canvas
//! only, a red cross over the frame and the file's name, so the designer sees which frame it is.

use egui::{Color32, FontId, Painter, Rect, Stroke};

use crate::layout::frame::PageFrame;
use crate::model::{ElementKind, Page};

const MARK: Color32 = Color32::from_rgb(200, 40, 40);

/// The image frames of `page` whose picture could not be placed, with the file's name.
fn failed(page: &Page, laid: &PageFrame) -> Vec<(crate::units::Rect, String)> {
    page.elements
        .iter()
        .filter(|e| !e.hidden)
        .filter_map(|el| {
            let ElementKind::Image(img) = &el.kind else { return None };
            laid.reports.iter().find(|r| r.element == el.id && !r.errors.is_empty())?;
            let path = std::path::Path::new(&img.path);
            let name = path.file_name().map_or(img.path.clone(), |n| n.to_string_lossy().into_owned());
            Some((el.frame, name))
        })
        .collect()
}

/// Draws the mark on every image frame of `page` whose picture has a problem; `to_screen`
/// places a page rectangle on the screen.
pub fn draw(painter: &Painter, page: &Page, laid: &PageFrame, to_screen: impl Fn(crate::units::Rect) -> Rect) {
    for (frame, name) in failed(page, laid) {
        let r = to_screen(frame);
        let stroke = Stroke::new(1.0, MARK);
        painter.line_segment([r.left_top(), r.right_bottom()], stroke);
        painter.line_segment([r.right_top(), r.left_bottom()], stroke);
        painter.rect_stroke(r, 0.0, stroke, egui::StrokeKind::Inside);
        let at = r.left_top() + egui::vec2(4.0, 4.0);
        let galley = painter.layout_no_wrap(name, FontId::proportional(11.0), MARK);
        let bg = Rect::from_min_size(at, galley.size()).expand(2.0);
        painter.rect_filled(bg, 2.0, Color32::from_white_alpha(220));
        painter.galley(at, galley, MARK);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_missing_picture_is_marked_with_its_name_and_a_placed_one_is_not() {
        let json = r#"{"format":1,"pages":[{"size":[200,200],"elements":[
            {"id":"gone","kind":"image","x":10,"y":10,"w":50,"h":40,"path":"photos/gone.jpg"},
            {"id":"ok","kind":"image","x":80,"y":10,"w":50,"h":40,"path":"assets/photo-dusk.jpg"}]}]}"#;
        let doc = crate::io::from_json(json).unwrap();
        let book = crate::FontBook::bundled().unwrap();
        let base = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/layouts"));
        let pages = crate::layout::layout_document(&doc, &book, base);
        let marks = super::failed(&doc.pages[0], &pages[0]);
        assert_eq!(marks.len(), 1, "{marks:?}");
        assert_eq!(marks[0].1, "gone.jpg");
        assert_eq!(marks[0].0, doc.pages[0].elements[0].frame);
    }
}
