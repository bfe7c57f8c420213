//! `paiban compose` on any text and settings: never a panic, every box at a finite place.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use paiban::compose::{ComposeRequest, compose};
use paiban::model::{Kinsoku, PunctStyle};

fn book() -> &'static paiban::FontBook {
    static BOOK: OnceLock<paiban::FontBook> = OnceLock::new();
    BOOK.get_or_init(|| paiban::FontBook::bundled().expect("fonts (set PAIBAN_FONTS)"))
}

fuzz_target!(|data: &[u8]| {
    let [a, b, c, rest @ ..] = data else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let req = ComposeRequest {
        text: text.to_string(),
        family: ["Noto Serif SC", "Noto Sans SC", "News Kai"][(*a % 3) as usize].into(),
        size: 10.5,
        width_em: 1.0 + (*b % 40) as f32,
        kinsoku: [Kinsoku::None, Kinsoku::Basic, Kinsoku::Gb, Kinsoku::Strict][(*c % 4) as usize],
        punct: [PunctStyle::Full, PunctStyle::Kaiming, PunctStyle::Half][(*c / 4 % 3) as usize],
        vertical: *c & 0x80 != 0,
        indent_em: (*a / 3 % 3) as f32,
    };
    let composed = compose(book(), &req);
    for line in &composed.lines {
        for g in &line.glyphs {
            assert!(g.offset.is_finite() && g.advance.is_finite(), "{g:?}");
        }
    }
});
