//! Chinese composition, rule by rule (../shared/docs/CHINESE-TYPESETTING.md, clreq): each test is
//! named after its rule and composes real text through the layout engine (`paiban::compose`
//! builds a one-frame document and lays it out as a page would be).

mod common;

use paiban::compose::{ComposeRequest, Composed, compose};
use paiban::layout::frame::PageFrame;
use paiban::layout::text::class::{may_end_line, may_start_line};
use paiban::model::{Kinsoku, PunctStyle};

fn req(text: &str, width_em: f32) -> ComposeRequest {
    ComposeRequest {
        text: text.into(),
        family: "Noto Serif SC".into(),
        size: 10.0,
        width_em,
        kinsoku: Kinsoku::Basic,
        punct: PunctStyle::Full,
        vertical: false,
        indent_em: 0.0,
    }
}

fn set(r: &ComposeRequest) -> Composed {
    compose(common::book(), r)
}

fn texts(c: &Composed) -> Vec<String> {
    c.lines.iter().map(|l| l.text.clone()).collect()
}

/// (offset, advance) in em of the first occurrence of `ch` on a line.
fn boxed(c: &Composed, line: usize, ch: &str) -> (f32, f32) {
    let g = c.lines[line].glyphs.iter().find(|g| g.char == ch).unwrap_or_else(|| panic!("{ch} not on line {line}"));
    (g.offset, g.advance)
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.005
}

/// Lays out a layout given as JSON (pages in mm) and returns its pages.
fn layout(json: &str) -> (paiban::Document, Vec<PageFrame>) {
    let doc = paiban::io::from_json(json).unwrap_or_else(|e| panic!("{e}"));
    let pages = paiban::layout::layout_document(&doc, common::book(), std::path::Path::new("."));
    (doc, pages)
}

const LEAD: &str = "马晓磊指出，这一波疫情隐匿性强、扩散面广、传播速度快，淄博外防输入压力大，疫情防控工作面临很多挑战。但看到，我们前期积累的经验、建立的体制机制是行之有效的，全市各级挺身而出、反应迅速、步调一致、尽职尽责，广大群众理解支持、密切配合，为我们夺取疫情防控全面胜利提供了有利条件。";
const PURE_HAN: &str = "淄博市委统筹疫情防控和经济运行工作领导小组召开工作调度会议认真学习贯彻党的二十大精神全面贯彻落实省委省政府工作部署听取近期疫情应对处置情况汇报研究部署下一步疫情防控重点工作";

#[test]
fn rule_1_han_is_set_solid() {
    let c = set(&req(PURE_HAN, 10.0));
    for line in &c.lines {
        for (i, g) in line.glyphs.iter().enumerate() {
            assert!(close(g.advance, 1.0) && close(g.offset, i as f32), "{}: {:?}", line.text, g);
        }
    }
}

#[test]
fn rule_2_a_measure_of_n_em_holds_n_characters() {
    for n in [8, 13, 20] {
        let c = set(&req(PURE_HAN, n as f32));
        for line in &c.lines[..c.lines.len() - 1] {
            assert_eq!(line.text.chars().count(), n, "{}", line.text);
        }
    }
}

#[test]
fn rule_3_lines_start_and_end_on_the_same_edges() {
    let c = set(&req(LEAD, 13.0));
    for line in &c.lines[..c.lines.len() - 1] {
        let first = &line.glyphs[0];
        let last = line.glyphs.last().unwrap();
        assert!(close(first.offset, 0.0), "{}", line.text);
        assert!(
            (last.offset + last.advance - 13.0).abs() < 0.005,
            "{} ends at {}",
            line.text,
            last.offset + last.advance
        );
    }
}

#[test]
fn rule_4_line_gap_and_smallest_size() {
    let d = paiban::model::ParagraphStyle::default();
    assert_eq!(d.size, 10.5, "body text is 五号");
    let gap = (d.leading - d.size) / d.size;
    assert!((0.5..=1.0).contains(&gap), "default line gap {gap}");
    // Text below 六号 is a preflight finding.
    let json = r#"{"format":1,"pages":[{"size":[100,100],"elements":[{"id":"t","kind":"text","x":5,"y":5,"w":80,"h":40}]}],
        "stories":[{"id":"s","frames":["t"],"paragraphs":[{"text":"小字","size":6}]}]}"#;
    let (_, pages) = layout(json);
    let pre = paiban::check::preflight(&pages, &paiban::render::preset::Preset::NEWSPRINT);
    assert!(pre.findings.iter().any(|f| f.message().contains("六号")), "{:?}", pre.findings);
}

#[test]
fn rule_5_hao_size_names() {
    for (name, pt) in [
        ("初号", 42.0),
        ("小初", 36.0),
        ("一号", 26.0),
        ("二号", 22.0),
        ("三号", 16.0),
        ("四号", 14.0),
        ("五号", 10.5),
        ("小五", 9.0),
        ("六号", 7.5),
        ("七号", 5.5),
    ] {
        assert_eq!(paiban::units::hao_to_pt(name), Some(pt), "{name}");
    }
    let json = r#"{"format":1,"pages":[{"size":[100,100],"elements":[{"id":"t","kind":"text","x":5,"y":5,"w":80,"h":40}]}],
        "stories":[{"id":"s","frames":["t"],"paragraphs":[{"text":"标题","size":"小初"}]}]}"#;
    let (_, pages) = layout(json);
    assert!(pages[0].lines.iter().all(|_| true));
    let run = pages[0]
        .items
        .iter()
        .find_map(|i| if let paiban::layout::frame::FrameItem::Text(r) = i { Some(r) } else { None })
        .unwrap();
    assert_eq!(run.size, 36.0);
}

const GRID_PAGE: &str = r#"{"format":1,"styles":{"正文":{"font":"Noto Serif SC","size":10,"leading":15,"indent":2},"标题":{"font":"Noto Sans SC Black","size":22,"leading":26,"indent":0,"align":"center"}},
    "pages":[{"size":[100,200],"elements":[{"id":"t","kind":"text","x":10,"y":10,"w":49.39,"h":150,"grid":true}]}],
    "stories":[{"id":"s","frames":["t"],"paragraphs":[{"style":"正文","text":"淄博市委统筹疫情防控和经济运行工作领导小组"},{"style":"标题","text":"从严从快"},{"style":"正文","text":"第12345号文件已经下发全市各级认真学习。"}]}]}"#;

#[test]
fn rule_6_headings_take_whole_body_lines() {
    let (_, pages) = layout(GRID_PAGE);
    let lines = &pages[0].lines;
    let first = lines[0].baseline;
    for l in lines {
        let k = (l.baseline - first) / 15.0;
        assert!((k - k.round()).abs() < 0.01, "line {:?} at {} is off the 15 pt grid", l.text, l.baseline - first);
    }
    let heading = lines.iter().position(|l| l.text == "从严从快").unwrap();
    assert!(lines[heading + 1].baseline - lines[heading - 1].baseline >= 2.0 * 15.0 - 0.01);
}

#[test]
fn rule_7_han_after_digits_returns_to_the_grid() {
    let (_, pages) = layout(GRID_PAGE);
    let run_glyphs: Vec<_> = pages[0]
        .items
        .iter()
        .filter_map(|i| if let paiban::layout::frame::FrameItem::Text(r) = i { Some(r) } else { None })
        .flat_map(|r| r.glyphs.iter())
        .collect();
    let line = pages[0].lines.iter().find(|l| l.text.contains("12345")).unwrap();
    let hao = run_glyphs.iter().find(|g| g.text == "号").unwrap();
    let offset = (hao.box_x - line.measure_left) / 10.0;
    assert!((offset - offset.round()).abs() < 0.01, "号 at {offset} em is off the grid");
}

#[test]
fn rule_8_first_line_indent_is_two_em() {
    let c = set(&ComposeRequest { indent_em: 2.0, ..req(LEAD, 13.0) });
    assert!(close(c.lines[0].glyphs[0].offset, 2.0));
    assert_eq!(c.lines[0].text.chars().count(), 11);
    assert!(close(c.lines[1].glyphs[0].offset, 0.0));
}

#[test]
fn rule_9_no_single_character_last_line() {
    // 13 characters in a 12 em measure would leave 1 on the last line.
    for text in [
        "一二三四五六七八九十甲乙丙",
        "一二三四五六七八九十甲乙丙。",
        "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯",
    ] {
        let c = set(&req(text, 12.0));
        let last = &c.lines.last().unwrap().text;
        let chars = last.chars().filter(|c| !"，。、；：！？”）".contains(*c)).count();
        assert!(chars >= 2, "{text}: last line {last:?}");
        // The line it came from is spread to the full measure.
        let prev = &c.lines[c.lines.len() - 2];
        let end = prev.glyphs.last().map(|g| g.offset + g.advance).unwrap();
        assert!((end - 12.0).abs() < 0.01, "{:?} ends at {end}", prev.text);
    }
}

#[test]
fn rule_9_a_pulled_down_mark_never_leaves_a_lone_character() {
    // Found by the property test: pushing in “， left "A" alone; pulling “ down still left one
    // character plus punctuation ("“，A"). The pull goes back until the last line holds two.
    let text = "%，淄淄淄淄淄淄淄·淄淄淄淄淄淄淄淄淄淄淄淄淄淄淄“，A";
    for width in [14.27, 13.42] {
        let c = set(&ComposeRequest { indent_em: 2.0, ..req(text, width) });
        let last = &c.lines.last().unwrap().text;
        let chars = last.chars().filter(|c| !"，。、；：！？“”（）·".contains(*c)).count();
        assert!(chars >= 2, "at {width} em the last line is {last:?}");
    }
}

#[test]
fn rule_10_balanced_columns() {
    let json = format!(
        r#"{{"format":1,"pages":[{{"size":[200,200],"elements":[{{"id":"t","kind":"text","x":10,"y":10,"w":150,"h":150,"columns":3,"column_gap":5,"balance":true}}]}}],
        "stories":[{{"id":"s","frames":["t"],"paragraphs":[{{"text":"{LEAD}"}}]}}]}}"#
    );
    let (_, pages) = layout(&json);
    let (x, w, gap) = (paiban::units::mm_to_pt(10.0), paiban::units::mm_to_pt(150.0), paiban::units::mm_to_pt(5.0));
    let col_w = (w - 2.0 * gap) / 3.0;
    let mut per_column = std::collections::BTreeMap::<i32, usize>::new();
    for l in &pages[0].lines {
        *per_column.entry(((l.measure_left - x) / (col_w + gap)).floor() as i32).or_default() += 1;
    }
    let counts: Vec<usize> = per_column.values().copied().collect();
    assert_eq!(counts.len(), 3, "{counts:?}");
    assert!(counts.windows(2).all(|w| w[0] >= w[1]) && counts[0] - counts[2] <= 1, "{counts:?}");
}

#[test]
fn rule_11_line_start_and_end_prohibitions() {
    for width in 6..=20 {
        let c = set(&req(LEAD, width as f32));
        for (i, t) in texts(&c).iter().enumerate() {
            let (first, last) = (t.chars().next().unwrap(), t.chars().last().unwrap());
            if i > 0 {
                assert!(may_start_line(first, Kinsoku::Basic), "width {width}: {t}");
            }
            assert!(may_end_line(last, Kinsoku::Basic), "width {width}: {t}");
        }
    }
}

#[test]
fn rule_12_levels_gb_strict_and_none() {
    let text = "这是一个很长的句子——破折号在这里以及网址/路径分隔，然后继续。";
    let strict = |w| set(&ComposeRequest { kinsoku: Kinsoku::Strict, ..req(text, w) });
    let gb = |w| set(&ComposeRequest { kinsoku: Kinsoku::Gb, ..req(text, w) });
    let none = |w| set(&ComposeRequest { kinsoku: Kinsoku::None, ..req(text, w) });
    for w in 5..14 {
        for t in texts(&strict(w as f32)).iter().skip(1) {
            assert!(!t.starts_with('—'), "strict, width {w}: {t}");
        }
        for t in texts(&gb(w as f32)) {
            assert!(!t.ends_with('/'), "GB, width {w}: {t}");
        }
    }
    // With no 禁则, a comma may start a line.
    let t = texts(&set(&ComposeRequest { kinsoku: Kinsoku::None, ..req("一二三四，五六", 4.0) }));
    assert_eq!(t[1], "，五六", "none level: {t:?}");
    assert!(!texts(&none(8.0)).is_empty());
    let t = texts(&set(&req("一二三四，五六", 4.0)));
    assert_ne!(t[1].chars().next(), Some('，'), "basic level: {t:?}");
}

#[test]
fn rule_13_dashes_and_ellipses_are_two_em_and_unbroken() {
    for w in 3..12 {
        let c = set(&req("他说——这是真的……我们走吧⸺好。", w as f32));
        for t in texts(&c) {
            assert!(!t.starts_with('—') || t.starts_with("——"), "width {w}: {t}");
            assert!(!t.starts_with('…') || t.starts_with("……"), "width {w}: {t}");
        }
    }
    let c = set(&req("他说——这……", 20.0));
    let dash = c.lines[0].glyphs.iter().filter(|g| g.char == "—").map(|g| g.advance).sum::<f32>();
    let dots = c.lines[0].glyphs.iter().filter(|g| g.char == "…").map(|g| g.advance).sum::<f32>();
    assert!(close(dash, 2.0) && close(dots, 2.0), "{dash} {dots}");
    let c = set(&req("他说⸺这", 20.0));
    assert!(close(boxed(&c, 0, "⸺").1, 2.0));
}

#[test]
fn rule_14_western_words_and_numbers_with_units_stay_whole() {
    for w in 4..14 {
        let c = set(&req("严防交叉感染和 Risk 外溢，一次办结率96.97%，气温6~17℃。", w as f32));
        let t = texts(&c);
        for word in ["Risk", "96.97%", "17℃"] {
            assert!(t.iter().any(|l| l.contains(word)), "width {w}: {word} split in {t:?}");
        }
    }
}

#[test]
fn rule_15_punctuation_is_sized_before_breaking() {
    // 13 Han + "，" need 13.5 em once the comma is trimmed: it fits a 13.5 em line.
    let c = set(&req("一二三四五六七八九十一二三，四五六七", 13.5));
    assert_eq!(c.lines[0].text, "一二三四五六七八九十一二三，");
}

#[test]
fn rule_16_adjacent_marks_close_up() {
    let c = set(&req("他说：“好。”然后", 20.0));
    let (colon, quote) = (boxed(&c, 0, "：").1, boxed(&c, 0, "“").1);
    assert!(close(colon + quote, 1.5), "{colon} + {quote}");
    let (stop, close_q) = (boxed(&c, 0, "。").1, boxed(&c, 0, "”").1);
    assert!(close(stop + close_q, 1.5));
    assert!(close(boxed(&c, 0, "他").1, 1.0));
}

#[test]
fn rule_17_line_end_mark_takes_half_an_em() {
    let c = set(&req("一二三四五六七八九十一二三，四五六七八九十一二三四五", 13.5));
    let (offset, advance) = boxed(&c, 0, "，");
    assert!(close(advance, 0.5) && close(offset, 13.0), "{offset} {advance}");
}

#[test]
fn rule_18_hanging_punctuation_is_off_by_default_and_hangs_one_mark_when_on() {
    let text = "一二三四五六七八九十，一二三四五六七八九十。";
    let off = set(&req(text, 10.0));
    assert_eq!(
        off.lines[0].text,
        "一二三四五六七八九",
        "without hanging 十 goes down with its comma: {:?}",
        texts(&off)
    );
    let json = format!(
        r#"{{"format":1,"defaults":{{"hanging":true,"indent":0}},"pages":[{{"size":[100,100],"elements":[{{"id":"t","kind":"text","x":0,"y":0,"w":35.278,"h":80}}]}}],
        "stories":[{{"id":"s","frames":["t"],"paragraphs":[{{"text":"{text}","size":10}}]}}]}}"#
    );
    let (_, pages) = layout(&json);
    let first = &pages[0].lines[0];
    assert_eq!(first.text, "一二三四五六七八九十，", "the comma hangs");
    assert!(first.right > first.measure_right + 1.0 && first.right <= first.measure_right + 5.01, "{first:?}");
}

#[test]
fn rule_19_marks_sit_where_mainland_text_puts_them() {
    let c = set(&req("好。一·二——三", 20.0));
    let layout = paiban::compose::document_for(&req("好。一·二——三", 20.0));
    let pages = paiban::layout::layout_document(&layout, common::book(), std::path::Path::new("."));
    let glyphs: Vec<_> = pages[0]
        .items
        .iter()
        .filter_map(|i| if let paiban::layout::frame::FrameItem::Text(r) = i { Some(r) } else { None })
        .flat_map(|r| r.glyphs.iter())
        .collect();
    let g = |ch: &str| glyphs.iter().find(|g| g.text == ch).unwrap();
    // 。 at the lower left: the glyph is drawn from its box's left edge.
    assert!(close(g("。").x, g("。").box_x));
    // · takes ½ em, centred.
    assert!(close(boxed(&c, 0, "·").1, 0.5));
    let dot = g("·");
    assert!(((dot.x + dot.advance * dot.scale_x / 2.0) - (dot.box_x + dot.box_w / 2.0)).abs() < 0.01);
    // A dash half fills its em exactly, whatever the font's own width.
    let dash = g("—");
    assert!((dash.advance * dash.scale_x - 10.0).abs() < 0.01 && close(dash.x, dash.box_x));
}

#[test]
fn rule_20_punctuation_styles() {
    let text = "甲，乙。丙";
    let kaiming = set(&ComposeRequest { punct: PunctStyle::Kaiming, ..req(text, 20.0) });
    assert!(close(boxed(&kaiming, 0, "，").1, 0.5) && close(boxed(&kaiming, 0, "。").1, 1.0));
    let half = set(&ComposeRequest { punct: PunctStyle::Half, ..req(text, 20.0) });
    assert!(close(boxed(&half, 0, "，").1, 0.5) && close(boxed(&half, 0, "。").1, 0.5));
    let full = set(&req(text, 20.0));
    assert!(close(boxed(&full, 0, "，").1, 1.0));
}

#[test]
fn rule_21_quarter_em_between_han_and_latin() {
    let c = set(&req("和Risk外溢，（Risk）", 30.0));
    let (he, r) = (boxed(&c, 0, "和"), boxed(&c, 0, "R"));
    assert!(close(r.0 - (he.0 + he.1), 0.25), "和→R {}", r.0 - (he.0 + he.1));
    let (k, wai) = (boxed(&c, 0, "k"), boxed(&c, 0, "外"));
    assert!(close(wai.0 - (k.0 + k.1), 0.25));
    // None next to punctuation.
    let open = c.lines[0].glyphs.iter().find(|g| g.char == "（").unwrap();
    let r2 = c.lines[0].glyphs.iter().filter(|g| g.char == "R").nth(1).unwrap();
    assert!(close(r2.offset, open.offset + open.advance));
    // None at a line's start.
    let c = set(&req("一二三四五六七八九十Risk", 10.0));
    assert!(close(c.lines[1].glyphs[0].offset, 0.0));
}

#[test]
fn rule_22_justification_shrinks_by_priority_then_stretches() {
    // One em too long: a word space shrinks first, then brackets, then commas.
    let c = set(&req("一二三 ab cd 四五，六七（八）九十", 15.0));
    let line = &c.lines[0];
    let end = line.glyphs.last().map(|g| g.offset + g.advance).unwrap();
    assert!(end <= 15.005);
    // A short line of pure Han stretches evenly between characters.
    let c = set(&req("一二三四五六七八九，十一二三四五六七", 9.6));
    let l = &c.lines[0];
    let gaps: Vec<f32> = l.glyphs.windows(2).map(|w| w[1].offset - (w[0].offset + w[0].advance)).collect();
    assert!(gaps.iter().all(|g| (g - gaps[0]).abs() < 0.005), "{gaps:?}");
    // Never letter-spaced inside a Western word.
    let c = set(&req("一二三四 Risk 五六七八九十一二三四", 12.3));
    let l = &c.lines[0];
    let (r, i) = (boxed(&c, 0, "R"), boxed(&c, 0, "i"));
    assert!(close(i.0, r.0 + r.1), "{:?}", l.text);
}

#[test]
fn rule_23_even_spacing_spreads_a_label() {
    let json = r#"{"format":1,"pages":[{"size":[100,100],"elements":[{"id":"t","kind":"text","x":0,"y":0,"w":14.111,"h":20}]}],
        "stories":[{"id":"s","frames":["t"],"paragraphs":[{"text":"姓名","size":10,"align":"distribute","indent":0}]}]}"#;
    let (_, pages) = layout(json);
    let l = &pages[0].lines[0];
    assert!((l.left - l.measure_left).abs() < 0.01 && (l.right - l.measure_right).abs() < 0.05, "{l:?}");
}

#[test]
fn rule_24_vertical_text() {
    let text = "他说，“Risk”来了（12月）。";
    let v = set(&ComposeRequest { vertical: true, ..req(text, 30.0) });
    let h = set(&req(text, 30.0));
    assert_eq!(v.lines.len(), 1);
    // Quotes become corner brackets; boxes run down the line.
    assert!(v.lines[0].text.contains('「') && v.lines[0].text.contains('」'), "{}", v.lines[0].text);
    let doc = paiban::compose::document_for(&ComposeRequest { vertical: true, ..req(text, 30.0) });
    let pages = paiban::layout::layout_document(&doc, common::book(), std::path::Path::new("."));
    let glyphs: Vec<_> = pages[0]
        .items
        .iter()
        .filter_map(|i| if let paiban::layout::frame::FrameItem::Text(r) = i { Some(r) } else { None })
        .flat_map(|r| r.glyphs.iter())
        .collect();
    let hdoc = paiban::compose::document_for(&req(text, 30.0));
    let hpages = paiban::layout::layout_document(&hdoc, common::book(), std::path::Path::new("."));
    let hcomma = hpages[0]
        .items
        .iter()
        .filter_map(|i| if let paiban::layout::frame::FrameItem::Text(r) = i { Some(r) } else { None })
        .flat_map(|r| r.glyphs.iter())
        .find(|g| g.text == "，")
        .unwrap()
        .id;
    let vcomma = glyphs.iter().find(|g| g.text == "，").unwrap();
    assert_ne!(vcomma.id, hcomma, "the comma takes its vertical form");
    assert!(
        glyphs.iter().filter(|g| "Risk".contains(g.text.as_str()) && !g.text.is_empty()).all(|g| g.rotated),
        "Latin turns"
    );
    // One upright piece of two glyphs, each giving back its digit.
    let twelve = glyphs
        .windows(2)
        .position(|w| w[0].text == "1" && w[1].text == "2" && w[1].box_w == 0.0)
        .expect("12 is one upright piece");
    let (one, two) = (glyphs[twelve], glyphs[twelve + 1]);
    assert!(!one.rotated && one.box_w > 9.99 && one.box_w < 10.01, "縦中横 in one em");
    assert!(two.x > one.x + 1.0 && (two.dy - one.dy).abs() < 0.01, "the digits stand side by side");
    // Lines advance down the page: each box lies below the one before.
    let ys: Vec<f32> = glyphs.iter().filter(|g| !g.text.is_empty() && g.box_w > 0.0).map(|g| g.box_x).collect();
    assert!(ys.windows(2).all(|w| w[1] > w[0]), "{ys:?}");
    assert!(h.lines[0].text.contains('“'));
}
