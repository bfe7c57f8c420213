//! Line breaking one long paragraph (pasted copy with no paragraph breaks): shaping, breaking
//! and justifying 50 000, 100 000 and 200 000 characters at 13 em. Time must grow linearly.
//! Run: `cargo bench --bench composition_long`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use paiban::FontBook;
use paiban::layout::text::{line, shape};
use paiban::model::ParagraphStyle;

const UNIT: &str =
    "淄博市委统筹疫情防控和经济运行工作领导小组召开会议，研究部署下一步工作，全市各级要认真贯彻落实2022年11月的要求。";

fn bench(c: &mut Criterion) {
    let book = FontBook::bundled().expect("fonts");
    let style = ParagraphStyle::default();
    let mut group = c.benchmark_group("break one long paragraph");
    group.sample_size(10);
    for n in [50_000usize, 100_000, 200_000] {
        let text: String = UNIT.chars().cycle().take(n).collect();
        let runs =
            [shape::StyledRun { text: &text, family: &style.font_family, bold: false, size: 10.5, color: style.color }];
        let shaped = shape::shape_paragraph(&book, &style, &runs);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("break and justify", n), &shaped, |b, shaped| {
            b.iter(|| line::compose_paragraph(shaped, 13.0 * 10.5, 21.0, style.align).len())
        });
        group.bench_with_input(BenchmarkId::new("shape, break and justify", n), &runs, |b, runs| {
            b.iter(|| {
                let shaped = shape::shape_paragraph(&book, &style, runs);
                line::compose_paragraph(&shaped, 13.0 * 10.5, 21.0, style.align).len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
