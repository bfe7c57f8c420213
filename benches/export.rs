//! Speed of the core pipeline on the sample page: load, lay out, write the PDF.
//! Run: `cargo bench --bench export`. Targets: whole export well under 100 ms.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use paiban::render::pdf::{PdfOptions, write_pdf};
use paiban::{FontBook, io, layout};

fn sample() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/layouts/luzhong-2022-11-01.json"))
}

fn bench(c: &mut Criterion) {
    let book = FontBook::bundled().expect("fonts");
    let doc = io::load(sample()).expect("sample");
    let base = sample().parent().unwrap();
    let opts = PdfOptions { title: doc.title.clone(), date: Some(0) };

    c.bench_function("load sample layout", |b| b.iter(|| io::load(sample()).unwrap()));
    c.bench_function("lay out sample page", |b| b.iter(|| layout::layout_document(&doc, &book, base)));
    let pages = layout::layout_document(&doc, &book, base);
    c.bench_function("write sample PDF (from layout)", |b| b.iter(|| write_pdf(&pages, &book, &opts).unwrap()));
    c.bench_function("export sample page (fonts, load, layout, PDF)", |b| {
        b.iter(|| {
            let book = FontBook::bundled().unwrap();
            let doc = io::load(sample()).unwrap();
            let pages = layout::layout_document(&doc, &book, base);
            write_pdf(&pages, &book, &opts).unwrap()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
