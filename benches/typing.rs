//! One typed character in the lead story of the sample page, from the key event to the painted
//! frame (the frame that takes the event and the one that shows its layout, tessellated), at
//! fit zoom and at 100 %, and in a story of 200 000 characters. Targets: median ≤ 8 ms on the
//! sample, ≤ 16 ms in the long story. Also checks that an idle frame asks for no repaint.
//! Run: `cargo bench --bench typing`.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Pos2, RawInput, Rect, vec2};
use paiban::FontBook;
use paiban::app::EditorApp;
use paiban::edit::TextPos;

fn input(events: Vec<Event>) -> RawInput {
    RawInput { screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 950.0))), events, ..Default::default() }
}

/// An editor on `doc` with the caret in `story` (first frame `frame`), tiles made.
fn editor(doc: paiban::model::Document, frame: &str, at: TextPos, actual_size: bool) -> (EditorApp, egui::Context) {
    let book: &'static FontBook = Box::leak(Box::new(FontBook::bundled().expect("fonts")));
    let mut app = EditorApp::new(doc, None, book);
    let ctx = egui::Context::default();
    EditorApp::install_fonts(&ctx, book);
    for _ in 0..5 {
        let out = ctx.run_ui(input(vec![]), |ui| app.ui(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
    }
    let idle = ctx.run_ui(input(vec![]), |ui| app.ui(ui));
    let delay = idle.viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(delay > std::time::Duration::from_secs(1), "an idle frame asks for no repaint ({delay:?})");
    if actual_size {
        app.view.actual_size(Pos2::new(0.0, 0.0), Pos2::new(700.0, 475.0), 1.0);
    }
    app.begin_text_edit(frame, Some(at));
    for _ in 0..40 {
        let out = ctx.run_ui(input(vec![]), |ui| app.ui(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
    }
    (app, ctx)
}

fn type_one(app: &mut EditorApp, ctx: &egui::Context) {
    for events in [vec![Event::Text("字".into())], vec![]] {
        let out = ctx.run_ui(input(events), |ui| app.ui(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
    }
}

fn bench(c: &mut Criterion) {
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/layouts/luzhong-2022-11-01.json"));
    let sample = paiban::io::load(path).expect("sample");
    for (name, actual) in [("fit zoom", false), ("100 %", true)] {
        let (mut app, ctx) = editor(sample.clone(), "lead-body", TextPos::new(1, 10), actual);
        c.bench_function(&format!("type one character, sample lead story, {name}"), |b| {
            b.iter(|| type_one(&mut app, &ctx))
        });
    }
    // The lead story made 200 000 characters long (its paragraphs repeated).
    let mut long = sample.clone();
    let lead = long.stories.iter_mut().find(|s| s.id == "lead").expect("lead story");
    let body: Vec<_> = lead.paragraphs.clone();
    let mut n: usize = 0;
    lead.paragraphs.clear();
    while n < 200_000 {
        for p in &body {
            n += p.text().chars().count();
            lead.paragraphs.push(p.clone());
        }
    }
    let (mut app, ctx) = editor(long, "lead-body", TextPos::new(1, 10), false);
    c.bench_function("type one character, 200 000-character story, fit zoom", |b| b.iter(|| type_one(&mut app, &ctx)));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
