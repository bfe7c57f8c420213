//! Speed of the core pipeline on the sample page: load, lay out, write the PDF.
//! Run: `cargo bench --bench export`. Targets: whole export well under 100 ms; editions scale
//! linearly in pages.

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
    let opts = PdfOptions { title: doc.title.clone(), date: Some(0), ..Default::default() };

    c.bench_function("load sample layout", |b| b.iter(|| io::load(sample()).unwrap()));
    c.bench_function("lay out sample page", |b| b.iter(|| layout::layout_document(&doc, &book, base)));
    // Composing all the page's text (every story shaped, broken and justified), as `compose` does.
    let texts: Vec<String> = doc.stories.iter().flat_map(|s| s.paragraphs.iter().map(|p| p.text())).collect();
    c.bench_function("compose the sample page's text at 13 em", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| {
                    let req = paiban::compose::ComposeRequest {
                        text: t.clone(),
                        family: "Noto Serif SC".into(),
                        size: 10.5,
                        width_em: 13.0,
                        kinsoku: paiban::model::Kinsoku::Strict,
                        punct: paiban::model::PunctStyle::Full,
                        vertical: false,
                        indent_em: 2.0,
                    };
                    paiban::compose::compose(&book, &req).lines.len()
                })
                .sum::<usize>()
        })
    });
    // The editor's relayout after typing one character in the lead story: the other stories,
    // the table and the images come from the layout cache.
    let mut edited = doc.clone();
    let mut cache = layout::LayoutCache::default();
    layout::layout_document_cached(&edited, &book, base, &mut cache);
    c.bench_function("relayout after a one-character edit in the lead story", |b| {
        b.iter(|| {
            let lead = edited.stories.iter_mut().find(|s| s.id == "lead").unwrap();
            let text = &mut lead.paragraphs[1].runs[0].text;
            if text.starts_with('但') {
                text.remove(0);
            } else {
                text.insert(0, '但');
            }
            layout::layout_document_cached(&edited, &book, base, &mut cache)
        })
    });
    let pages = layout::layout_document(&doc, &book, base);
    c.bench_function("write sample PDF (from layout)", |b| b.iter(|| write_pdf(&pages, &book, &opts).unwrap()));
    // Editions: the laid-out page repeated, written as one PDF (time per page as pages grow) and
    // split into one PDF per page on all cores.
    let mut group = c.benchmark_group("edition");
    for n in [1usize, 6, 24] {
        let edition: Vec<_> = (0..n).map(|_| pages[0].clone()).collect();
        group.bench_function(format!("{n} pages, one PDF"), |b| b.iter(|| write_pdf(&edition, &book, &opts).unwrap()));
        group.bench_function(format!("{n} pages, split"), |b| {
            b.iter(|| paiban::render::edition::write_split(&edition, &book, &opts, &|_, _| {}).unwrap())
        });
    }
    group.finish();
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
