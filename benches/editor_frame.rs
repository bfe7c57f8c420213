//! One editor frame on the sample page at fit zoom: a headless egui pass plus tessellation,
//! with the page's tiles already made (as while the user works). Target: median ≤ 4 ms.
//! Run: `cargo bench --bench editor_frame`.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use paiban::FontBook;
use paiban::app::EditorApp;

fn bench(c: &mut Criterion) {
    let book: &'static FontBook = Box::leak(Box::new(FontBook::bundled().expect("fonts")));
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/layouts/luzhong-2022-11-01.json"));
    let mut app = EditorApp::open(path, book).expect("sample");
    let ctx = egui::Context::default();
    EditorApp::install_fonts(&ctx, book);
    let input =
        || RawInput { screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 950.0))), ..Default::default() };
    // Warm up: fonts, the layout and the page's tiles.
    for _ in 0..20 {
        let out = ctx.run_ui(input(), |ui| app.ui(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
    }
    let layouts = app.layout_count;
    c.bench_function("editor frame, sample page at fit zoom", |b| {
        b.iter(|| {
            let out = ctx.run_ui(input(), |ui| app.ui(ui));
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
    assert_eq!(app.layout_count, layouts, "idle frames never lay out again");
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = bench
}
criterion_main!(benches);
