//! Layout and preflight of any layout that loads: never a panic, every glyph a finite position.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use paiban::layout::frame::FrameItem;

fn book() -> &'static paiban::FontBook {
    static BOOK: OnceLock<paiban::FontBook> = OnceLock::new();
    BOOK.get_or_init(|| paiban::FontBook::bundled().expect("fonts (set PAIBAN_FONTS)"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(doc) = paiban::io::from_json(text) else { return };
    let pages = paiban::layout::layout_document(&doc, book(), std::path::Path::new("/nonexistent"));
    for item in pages.iter().flat_map(|p| &p.items) {
        if let FrameItem::Text(run) = item {
            assert!(run.baseline.is_finite() && run.glyphs.iter().all(|g| g.x.is_finite() && g.dy.is_finite()));
        }
    }
    let _ = paiban::check::preflight(&pages, &paiban::render::preset::Preset::NEWSPRINT);
});
