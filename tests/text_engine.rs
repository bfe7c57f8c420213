//! The CJK text engine through its public API: line breaking (禁则), Han–Latin spacing,
//! indents, justification and punctuation widths.

use paiban::FontBook;
use paiban::layout::text::class::{may_end_line, may_start_line};
use paiban::layout::text::flow::line_text;
use paiban::layout::text::line::{SetLine, compose_paragraph};
use paiban::layout::text::shape::{ShapedParagraph, StyledRun, shape_paragraph};
use paiban::model::{Align, Kinsoku, ParagraphStyle};
use std::sync::OnceLock;

fn book() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(|| FontBook::bundled().expect("bundled fonts"))
}

fn compose(text: &str, chars_per_line: f32, style: &ParagraphStyle) -> (ShapedParagraph, Vec<SetLine>) {
    let run = StyledRun { text, family: &style.font_family, bold: style.bold, size: style.size, color: style.color };
    let shaped = shape_paragraph(book(), style, &[run]);
    let lines = compose_paragraph(&shaped, chars_per_line * style.size, style.indent * style.size, style.align);
    (shaped, lines)
}

fn body() -> ParagraphStyle {
    ParagraphStyle { size: 10.0, leading: 15.0, indent: 0.0, ..ParagraphStyle::default() }
}

const LEAD: &str = "马晓磊指出，这一波疫情隐匿性强、扩散面广、传播速度快，淄博外防输入压力大，疫情防控工作面临很多挑战。但看到，我们前期积累的经验、建立的体制机制是行之有效的，全市各级挺身而出、反应迅速、步调一致、尽职尽责，广大群众理解支持、密切配合，为我们夺取疫情防控全面胜利提供了有利条件。全市各级认识务必要再提高，坚持“外防输入、内防反弹”总策略和“动态清零”总方针不动摇。";

#[test]
fn no_line_starts_or_ends_with_a_prohibited_mark() {
    let style = body();
    for width in 8..=20 {
        let (p, lines) = compose(LEAD, width as f32, &style);
        for (i, l) in lines.iter().enumerate() {
            let t = line_text(&p, l);
            let first = t.chars().next().unwrap();
            let last = t.chars().last().unwrap();
            if i > 0 {
                assert!(may_start_line(first, Kinsoku::Basic), "width {width}: line {i} starts with {first}: {t}");
            }
            assert!(may_end_line(last, Kinsoku::Basic), "width {width}: line {i} ends with {last}: {t}");
        }
        let joined: String = lines.iter().map(|l| line_text(&p, l)).collect();
        assert_eq!(joined, LEAD, "no text lost or doubled at width {width}");
    }
}

#[test]
fn justified_lines_are_flush_and_han_is_solid() {
    let style = body();
    let (p, lines) = compose(LEAD, 14.0, &style);
    assert!(lines.len() > 5);
    for l in &lines[..lines.len() - 1] {
        assert!((l.right - 140.0).abs() < 0.05, "line {:?} ends at {}", line_text(&p, l), l.right);
    }
    // A line of pure Han characters sets solid: each box exactly 1 em.
    let (p, lines) = compose("淄博市委统筹疫情防控和经济运行工作领导小组召开工作调度会议", 10.0, &style);
    for l in &lines {
        for (i, w) in l.ws.iter().enumerate() {
            assert!((w - 10.0).abs() < 1e-3, "{}: box {i} is {w}", line_text(&p, l));
        }
        for pair in l.xs.windows(2) {
            assert!((pair[1] - pair[0] - 10.0).abs() < 1e-3);
        }
    }
}

#[test]
fn han_latin_space_is_a_quarter_em_and_replaces_a_typed_space() {
    let style = ParagraphStyle { align: Align::Left, ..body() };
    let (p, lines) = compose("严防交叉感染和 Risk 外溢", 40.0, &style);
    let l = &lines[0];
    let idx = |c: char| p.pieces.iter().position(|x| x.first == c).unwrap();
    let (he, r, k, wai) = (idx('和'), idx('R'), idx('k'), idx('外'));
    let gap_before_r = l.xs[r] - (l.xs[he] + l.ws[he]);
    assert!((gap_before_r - 2.5).abs() < 0.01, "和→R gap {gap_before_r}");
    let gap_after_k = l.xs[wai] - (l.xs[k] + l.ws[k]);
    assert!((gap_after_k - 2.5).abs() < 0.01, "k→外 gap {gap_after_k}");
    // And none where a Han character meets punctuation.
    let (p, lines) = compose("总方针（Risk）", 40.0, &style);
    let l = &lines[0];
    let open = p.pieces.iter().position(|x| x.first == '（').unwrap();
    assert!((l.xs[open + 1] - (l.xs[open] + l.ws[open])).abs() < 0.01);
}

#[test]
fn first_line_indent_is_two_em() {
    let style = ParagraphStyle { indent: 2.0, ..body() };
    let run = StyledRun { text: LEAD, family: &style.font_family, bold: false, size: 10.0, color: style.color };
    let shaped = shape_paragraph(book(), &style, &[run]);
    let lines = compose_paragraph(&shaped, 140.0, 20.0, Align::Justify);
    assert!((lines[0].measure - 120.0).abs() < 1e-3);
    assert_eq!(lines[0].end - lines[0].start, 12, "{}", line_text(&shaped, &lines[0]));
}

#[test]
fn line_end_comma_takes_half_an_em() {
    // 13 Han characters and a comma in 13.5 em: the comma fits at ½ em.
    let style = ParagraphStyle { align: Align::Left, ..body() };
    let (p, lines) = compose("一二三四五六七八九十一二三，四五六", 13.5, &style);
    assert_eq!(line_text(&p, &lines[0]), "一二三四五六七八九十一二三，");
    let comma = lines[0].ws.last().unwrap();
    assert!((comma - 5.0).abs() < 1e-3, "comma box {comma}");
}

#[test]
fn dash_and_ellipsis_are_two_em_and_unbroken() {
    let style = body();
    for width in 5..12 {
        let (p, lines) = compose("他说——这是真的……我们走吧。", width as f32, &style);
        for l in &lines {
            let t = line_text(&p, l);
            assert!(!t.starts_with('—') || t.starts_with("——"), "split dash at width {width}: {t}");
            assert!(!t.starts_with('…') || t.starts_with("……"), "split ellipsis at width {width}: {t}");
        }
    }
    let (p, lines) = compose("他说——这", 20.0, &ParagraphStyle { align: Align::Left, ..style });
    let d = p.pieces.iter().position(|x| x.first == '—').unwrap();
    assert!((lines[0].ws[d] + lines[0].ws[d + 1] - 20.0).abs() < 1e-3);
    let g = &p.glyphs[p.pieces[d].glyphs.clone()][0];
    assert!((g.advance * g.scale_x - 10.0).abs() < 1e-3, "the dash glyph is scaled to fill its em");
}

#[test]
fn adjacent_marks_close_up() {
    let style = ParagraphStyle { align: Align::Left, ..body() };
    let (p, lines) = compose("他说：“好。”然后", 20.0, &style);
    let l = &lines[0];
    let w = |c: char| l.ws[p.pieces.iter().position(|x| x.first == c).unwrap()];
    // ：“ → the colon gives up its blank half; 。” → the stop does.
    assert!((w('：') + w('“') - 15.0).abs() < 1e-3);
    assert!((w('。') + w('”') - 15.0).abs() < 1e-3);
}

#[test]
fn digits_stay_with_their_percent_sign() {
    let style = body();
    for width in 4..10 {
        let (p, lines) = compose("一次办结率为96.97%，同比上升", width as f32, &style);
        for l in &lines {
            let t = line_text(&p, l);
            assert!(!t.starts_with('%') && !t.starts_with('.') && !t.starts_with('7'), "width {width}: {t}");
        }
    }
}

#[test]
fn quotes_inside_western_text_are_western() {
    let style = ParagraphStyle { align: Align::Left, ..body() };
    let (p, lines) = compose("他说 don’t 和“好”", 40.0, &style);
    let apostrophe = p.pieces.iter().position(|x| x.first == '’').unwrap();
    assert!(lines[0].ws[apostrophe] < 5.0, "the apostrophe keeps its own width: {}", lines[0].ws[apostrophe]);
    assert_eq!(p.pieces[apostrophe + 1].break_before, paiban::layout::text::shape::Break::Never);
    let open = p.pieces.iter().position(|x| x.first == '“').unwrap();
    assert!((lines[0].ws[open] - 10.0).abs() < 1e-3, "a Chinese quote keeps its em box");
}

#[test]
fn newlines_force_breaks_and_blank_lines_count() {
    let style = ParagraphStyle { align: Align::Left, ..body() };
    let (p, lines) = compose("甲\n\n乙", 20.0, &style);
    assert_eq!(lines.len(), 3, "{:?}", lines.iter().map(|l| line_text(&p, l)).collect::<Vec<_>>());
    let (_, lines) = compose("标题    ", 20.0, &style);
    assert_eq!(lines.len(), 1, "trailing spaces do not make lines");
}
