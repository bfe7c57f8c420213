//! Issue 11, "Composition, second pass": one test per defect, named after it. Each composes real
//! text through the layout engine (`paiban::compose`, or a grid frame laid out as a page) and
//! asserts on the glyph boxes.

mod common;

use paiban::compose::{ComposeRequest, Composed, compose};
use paiban::layout::frame::FrameItem;
use paiban::layout::text::class::is_chinese_unit;
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

fn set(text: &str, width_em: f32) -> Composed {
    compose(common::book(), &req(text, width_em))
}

fn texts(c: &Composed) -> Vec<String> {
    c.lines.iter().map(|l| l.text.clone()).collect()
}

/// A glyph box in em from its line's measure start.
#[derive(Clone, Debug)]
struct Boxed {
    ch: String,
    x: f32,
    w: f32,
}

/// Lines of a one-paragraph story in a frame `width_em` wide on the 10 pt body grid.
fn grid_lines(text: &str, width_em: f32) -> Vec<Vec<Boxed>> {
    let mm = width_em * 10.0 * 25.4 / 72.0 + 0.01;
    let json = format!(
        r#"{{"format":1,"styles":{{"正文":{{"font":"Noto Serif SC","size":10,"leading":15,"indent":0}}}},
        "pages":[{{"size":[300,200],"elements":[{{"id":"t","kind":"text","x":10,"y":10,"w":{mm},"h":150,"grid":true}}]}}],
        "stories":[{{"id":"s","frames":["t"],"paragraphs":[{{"style":"正文","text":{}}}]}}]}}"#,
        serde_json::to_string(text).unwrap()
    );
    let doc = paiban::io::from_json(&json).unwrap_or_else(|e| panic!("{e}"));
    let pages = paiban::layout::layout_document(&doc, common::book(), std::path::Path::new("."));
    let mut lines: Vec<Vec<Boxed>> = Vec::new();
    let mut current = None;
    for item in &pages[0].items {
        let FrameItem::Text(run) = item else { continue };
        if current != Some(run.line) {
            current = Some(run.line);
            lines.push(Vec::new());
        }
        let left = pages[0].lines.iter().find(|l| l.line == run.line).map_or(0.0, |l| l.measure_left);
        for g in run.glyphs.iter().filter(|g| !g.text.is_empty()) {
            lines.last_mut().unwrap().push(Boxed { ch: g.text.clone(), x: (g.box_x - left) / 10.0, w: g.box_w / 10.0 });
        }
    }
    lines
}

/// The gap in em between the box of the character at `i` and the one after it.
fn gap_after(c: &Composed, line: usize, i: usize) -> f32 {
    let g = &c.lines[line].glyphs;
    g[i + 1].offset - (g[i].offset + g[i].advance)
}

/// (line, index) of the first glyph whose character is `ch` after a glyph `before`.
fn find_pair(c: &Composed, before: &str, ch: &str) -> Option<(usize, usize)> {
    for (l, line) in c.lines.iter().enumerate() {
        for i in 0..line.glyphs.len().saturating_sub(1) {
            if line.glyphs[i].char == before && line.glyphs[i + 1].char == ch {
                return Some((l, i));
            }
        }
    }
    None
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

#[test]
fn defect_3_grid_spare_space_is_shared_on_both_sides_of_a_western_run() {
    let text = "今天上午10点召开会议说1918年建成的大桥因COVID-19疫情以来再度关闭和GDP增长";
    let lines = grid_lines(text, 46.0);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let line = &lines[0];
    let han = |b: &Boxed| {
        let c = b.ch.chars().next().unwrap();
        !c.is_ascii()
    };
    let mut i = 0;
    let mut runs = 0;
    while i < line.len() {
        if han(&line[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < line.len() && !han(&line[i]) {
            i += 1;
        }
        let (before, after) = (&line[start - 1], &line[i]);
        let gap_before = line[start].x - (before.x + before.w);
        let gap_after = after.x - (line[i - 1].x + line[i - 1].w);
        let word: String = line[start..i].iter().map(|b| b.ch.as_str()).collect();
        assert!((gap_before - gap_after).abs() < 0.01, "{word}: {gap_before:.3} em before, {gap_after:.3} em after");
        assert!((0.12..=0.63).contains(&gap_before), "{word}: {gap_before:.3} em each side");
        assert!((after.x - after.x.round()).abs() < 0.01, "{} after {word} is off the grid at {}", after.ch, after.x);
        runs += 1;
    }
    assert_eq!(runs, 4);
}

#[test]
fn defect_4_no_han_latin_space_before_chinese_punctuation() {
    let c = set("时间是15:30 ，增长6.8% ，the service ，从1 —11月。", 40.0);
    for (before, mark) in [("0", "，"), ("%", "，"), ("e", "，"), ("1", "—")] {
        let (l, i) = find_pair(&c, before, mark).unwrap_or_else(|| panic!("{before}{mark} in {:?}", texts(&c)));
        let gap = gap_after(&c, l, i);
        assert!(gap.abs() < 0.01, "{before} {mark}: {gap:.3} em");
    }
    // Nor after one.
    let c = set("他说，Risk来了。", 40.0);
    let (l, i) = find_pair(&c, "，", "R").unwrap();
    assert!(gap_after(&c, l, i).abs() < 0.01);
}

#[test]
fn defect_5_unit_signs_attach_to_their_number() {
    let text = "气温10 ℃，湿度50 ％，增长3‰，倾角30 °，又有12℃的低温和98％的高湿。";
    let c = set(text, 40.0);
    for (digit, sign) in [("0", "℃"), ("0", "％"), ("3", "‰"), ("0", "°"), ("2", "℃"), ("8", "％")] {
        let (l, i) = find_pair(&c, digit, sign).unwrap_or_else(|| panic!("{digit}{sign} in {:?}", texts(&c)));
        let gap = gap_after(&c, l, i);
        assert!(gap.abs() < 0.01, "{digit} {sign}: {gap:.3} em");
    }
    for w in 4..16 {
        let c = set(text, w as f32);
        for l in texts(&c).iter().skip(1) {
            let first = l.chars().next().unwrap();
            assert!(!"℃％‰°".contains(first), "width {w}: a line starts with {first}: {:?}", texts(&c));
        }
    }
}

#[test]
fn defect_6_justification_opens_no_gap_between_a_mark_and_its_character() {
    let text = "我们一早来到了西”。第二天参加了‘City Walk’活动，大家都说好玩。";
    let mut checked = 0;
    for w in 6..20 {
        let c = set(text, w as f32);
        for (a, b) in [("西", "”"), ("‘", "C"), ("k", "’")] {
            if let Some((l, i)) = find_pair(&c, a, b) {
                let gap = gap_after(&c, l, i);
                assert!(gap.abs() < 0.01, "width {w}: {a}{b} {gap:.3} em in {:?}", c.lines[l].text);
                checked += 1;
            }
        }
    }
    assert!(checked > 15, "{checked}");
}

#[test]
fn defect_7_western_lines_are_justified_fully() {
    let text = "The quick brown fox jumps over the lazy dog and keeps running through the dark forest until the night falls on the quiet town.";
    for w in [13.0, 15.0, 17.5] {
        let c = set(text, w);
        assert!(c.lines.len() > 3);
        for line in &c.lines[..c.lines.len() - 1] {
            let last = line.glyphs.last().unwrap();
            let end = last.offset + last.advance;
            assert!((end - w).abs() < 0.01, "width {w}: {:?} ends at {end:.3} em", line.text);
        }
    }
}

#[test]
fn defect_8_range_connectors_never_start_a_line_nor_split_a_range() {
    let text = "规划期为（2026—2028年），气温8～10℃，第3–5名都在这里接受了表彰。";
    for level in [Kinsoku::Basic, Kinsoku::Gb, Kinsoku::Strict] {
        for w in 9..24 {
            let c = compose(common::book(), &ComposeRequest { kinsoku: level, ..req(text, w as f32) });
            let t = texts(&c);
            for l in t.iter().skip(1) {
                let first = l.chars().next().unwrap();
                assert!(!"—～–".contains(first), "{level:?} width {w}: line starts with {first}: {t:?}");
            }
            for range in ["2026—2028", "8～10℃", "3–5"] {
                assert!(t.iter().any(|l| l.contains(range)), "{level:?} width {w}: {range} split in {t:?}");
            }
        }
    }
}

#[test]
fn defect_9_numbers_stay_with_their_chinese_units() {
    let text = "全年投资超过1000万元，惠及约1.2万人，1—10月累计办件3000件，12月28日起施行，已连续3个月增长15%，年满18岁的市民每次限购2个。";
    let mut breaks = 0;
    for w in 5..22 {
        let t = texts(&set(text, w as f32));
        for pair in t.windows(2) {
            let (a, b) = (pair[0].chars().last().unwrap(), pair[1].chars().next().unwrap());
            assert!(!(is_digit(a) && is_chinese_unit(b)), "width {w}: {a} / {b} in {t:?}");
            // A number's second unit may start a line only where the line would otherwise
            // have been left two ems or more loose (defect 10): "过1000万 / 元" beats "过" alone.
            if a == '万' && (b == '元' || b == '人') {
                let before_number = pair[0].trim_end_matches(|c: char| c == '万' || c.is_ascii_digit() || c == '.');
                let width = before_number.chars().count() as f32;
                assert!(width <= w as f32 - 2.0, "width {w}: {a} / {b} after {before_number:?} in {t:?}");
            }
            assert!(!(is_digit(a) && b == '%'), "width {w}: {a} / {b}");
            breaks += 1;
        }
    }
    assert!(breaks > 50);
}

#[test]
fn defect_11_urls_break_after_a_slash_or_before_a_dot_never_at_a_hyphen() {
    let url = "https://www.luzhou-dep.cn/news/2022/example-page.html";
    let text = format!("详情请访问{url}查询。");
    for w in 9..24 {
        let t = texts(&set(&text, w as f32));
        let joined: String = t.concat();
        assert!(joined.contains(url), "{joined}");
        let mut at = 0;
        for l in &t[..t.len() - 1] {
            at += l.len();
            let u = joined.find(url).unwrap();
            if at <= u || at >= u + url.len() {
                continue;
            }
            let (before, after) = (&joined[..at], &joined[at..]);
            assert!(
                before.ends_with('/') || after.starts_with('.'),
                "width {w}: URL broken at {:?} / {:?}",
                &before[before.len() - 3..],
                &after[..3]
            );
            assert!(!before.ends_with('-'), "width {w}: broken at the hyphen");
        }
    }
}

#[test]
fn defect_12_apostrophe_middle_dot_and_short_credits() {
    // The apostrophe inside a word is Western: narrow, closed up on both sides.
    let c = set("会议于十点o’clock开始。", 30.0);
    let (l, i) = find_pair(&c, "o", "’").unwrap();
    let apo = &c.lines[l].glyphs[i + 1];
    assert!(apo.advance < 0.3, "’ is {} em", apo.advance);
    assert!(gap_after(&c, l, i).abs() < 0.01 && gap_after(&c, l, i + 1).abs() < 0.01);
    // Never break at the 间隔号, nor inside a short parenthesised credit.
    let text = "据报道，约翰·李·安德森在会上发言。（本报记者 张三）又讯，李·安德森的新书出版（图）。";
    for w in 4..16 {
        let t = texts(&set(text, w as f32));
        for pair in t.windows(2) {
            let (a, b) = (pair[0].chars().last().unwrap(), pair[1].chars().next().unwrap());
            assert!(a != '·' && b != '·', "width {w}: broken at the 间隔号: {t:?}");
        }
        if w >= 9 {
            assert!(t.iter().any(|l| l.contains("（本报记者")), "width {w}: credit split in {t:?}");
        }
        assert!(t.iter().any(|l| l.contains("（图）")), "width {w}: {t:?}");
    }
}

#[test]
fn defect_13_default_ignorables_do_not_print_or_count() {
    let text = "淄\u{200D}博\u{200B}市\u{00AD}委\u{FEFF}召\u{200E}开\u{202A}会\u{202C}议\u{FE0F}。";
    let c = set(text, 20.0);
    assert_eq!(texts(&c), vec!["淄博市委召开会议。".to_string()]);
    for (i, g) in c.lines[0].glyphs.iter().take(8).enumerate() {
        assert!((g.offset - i as f32).abs() < 0.005 && (g.advance - 1.0).abs() < 0.005, "{g:?}");
    }
    let style = paiban::model::ParagraphStyle::default();
    let runs = [paiban::layout::text::shape::StyledRun {
        text,
        family: "Noto Serif SC",
        bold: false,
        size: 10.0,
        color: style.color,
    }];
    let shaped = paiban::layout::text::shape::shape_paragraph(common::book(), &style, &runs);
    assert!(shaped.missing.is_empty(), "{:?}", shaped.missing);
    assert_eq!(paiban::layout::text::flow::count_chars(&shaped, 0), 9, "字数");
}

#[test]
fn defect_speed_breaking_a_long_paragraph_is_linear() {
    let unit = "淄博市委统筹疫情防控和经济运行工作领导小组召开会议，研究部署下一步工作。";
    let para = |n: usize| unit.chars().cycle().take(n).collect::<String>();
    let time = |n: usize| {
        let text = para(n);
        let style = paiban::model::ParagraphStyle::default();
        let runs = [paiban::layout::text::shape::StyledRun {
            text: &text,
            family: "Noto Serif SC",
            bold: false,
            size: 10.5,
            color: style.color,
        }];
        let t = std::time::Instant::now();
        let shaped = paiban::layout::text::shape::shape_paragraph(common::book(), &style, &runs);
        let lines = paiban::layout::text::line::compose_paragraph(&shaped, 13.0 * 10.5, 0.0, style.align);
        assert!(lines.len() >= n / 15);
        t.elapsed().as_secs_f64()
    };
    time(5_000);
    let (a, b) = (time(20_000), time(80_000));
    assert!(b < a * 8.0 + 0.05, "20k: {a:.3} s, 80k: {b:.3} s");
}

#[test]
fn defect_2_headings_keep_with_the_next_two_lines() {
    let body = "淄博市委统筹疫情防控和经济运行工作领导小组召开会议研究部署下一步工作全市各级要认真贯彻落实";
    let mut checked = 0;
    for k in (60..230).step_by(5) {
        let first: String = body.chars().cycle().take(k).collect();
        let json = format!(
            r#"{{"format":1,"styles":{{"正文":{{"font":"Noto Serif SC","size":10,"leading":15,"indent":2}},"小标题":{{"font":"Noto Sans SC Black","size":12,"leading":18,"indent":0,"space_before":3,"space_after":3}}}},
            "pages":[{{"size":[200,200],"elements":[{{"id":"t","kind":"text","x":10,"y":10,"w":100,"h":80,"columns":2,"column_gap":5}}]}}],
            "stories":[{{"id":"s","frames":["t"],"paragraphs":[{{"style":"正文","text":"{first}"}},{{"style":"小标题","text":"从严从快抓好防控"}},{{"style":"正文","text":"{body}{body}"}}]}}]}}"#
        );
        let doc = paiban::io::from_json(&json).unwrap_or_else(|e| panic!("{e}"));
        let pages = paiban::layout::layout_document(&doc, common::book(), std::path::Path::new("."));
        let lines = &pages[0].lines;
        let Some(h) = lines.iter().position(|l| l.text == "从严从快抓好防控") else { continue };
        let col = lines[h].measure_left.round();
        if col > 100.0 {
            // In the last column: nowhere to go.
            continue;
        }
        let same_column = lines[h + 1..].iter().take(2).filter(|l| (l.left - col).abs() < 30.0).count();
        assert!(
            h + 2 < lines.len() && same_column == 2,
            "k={k}: the subhead is left at a column foot: {:?}",
            lines.iter().skip(h.saturating_sub(1)).take(4).map(|l| (&l.text, l.left)).collect::<Vec<_>>()
        );
        checked += 1;
    }
    assert!(checked > 10, "{checked}");
}

#[test]
fn defect_1_jump_lines_take_a_line_of_their_own_column_only() {
    let body = "淄博市委统筹疫情防控和经济运行工作领导小组召开会议，研究部署下一步工作，全市各级要认真贯彻落实。";
    let text: String = body.chars().cycle().take(1500).collect();
    let json = format!(
        r#"{{"format":1,"styles":{{"正文":{{"font":"Noto Serif SC","size":10,"leading":15,"indent":2}}}},
        "pages":[{{"size":[200,200],"label":"A01","elements":[{{"id":"a","kind":"text","x":10,"y":10,"w":150,"h":60,"columns":3,"column_gap":5}}]}},
                 {{"size":[200,200],"label":"A02","elements":[{{"id":"b","kind":"text","x":10,"y":10,"w":150,"h":150,"columns":3,"column_gap":5}}]}}],
        "stories":[{{"id":"s","frames":["a","b"],"jump_lines":true,"paragraphs":[{{"style":"正文","text":"{text}"}}]}}]}}"#
    );
    let doc = paiban::io::from_json(&json).unwrap_or_else(|e| panic!("{e}"));
    let pages = paiban::layout::layout_document(&doc, common::book(), std::path::Path::new("."));
    // Lines per column (by left edge), with their baselines.
    let columns = |page: usize| {
        let mut cols: Vec<(f32, Vec<(f32, String)>)> = Vec::new();
        for l in &pages[page].lines {
            let x = l.measure_left.min(l.left);
            match cols.iter_mut().find(|(cx, _)| (cx - x).abs() < 30.0) {
                Some((_, v)) => v.push((l.baseline, l.text.clone())),
                None => cols.push((x, vec![(l.baseline, l.text.clone())])),
            }
        }
        cols.sort_by(|a, b| a.0.total_cmp(&b.0));
        cols.into_iter().map(|(_, v)| v).collect::<Vec<_>>()
    };
    let a = columns(0);
    assert_eq!(
        a.len(),
        3,
        "{:?}",
        pages[0].lines.iter().map(|l| (l.measure_left, l.left, &l.text)).collect::<Vec<_>>()
    );
    let jump = a[2].last().unwrap();
    assert!(jump.1.contains("下转第A02版"), "{:?}", a[2]);
    // The other columns keep every line: as many as the jump line's column holds with it.
    assert_eq!(a[0].len(), a[2].len(), "{:?} / {:?}", a[0].last(), a[2].last());
    assert_eq!(a[1].len(), a[2].len());
    assert!((a[0].last().unwrap().0 - jump.0).abs() < 0.01, "the first column ends on the jump line's baseline");
    let b = columns(1);
    assert!(b[0][0].1.contains("上接第A01版"), "{:?}", b[0][0]);
    for col in &b[1..] {
        assert!((col[0].0 - b[0][0].0).abs() < 0.01, "column starts below a blank line: {:?}", col[0]);
    }
}

#[test]
fn defect_2_a_subhead_on_the_grid_takes_two_body_lines_not_three() {
    let json = r#"{"format":1,"styles":{"正文":{"font":"Noto Serif SC","size":10.5,"leading":15.5,"indent":2},"小标题":{"font":"Noto Sans SC","bold":true,"size":12,"leading":18,"indent":0,"space_before":2,"space_after":1.5}},
        "pages":[{"size":[200,200],"elements":[{"id":"t","kind":"text","x":10,"y":10,"w":48.154,"h":150,"grid":true}]}],
        "stories":[{"id":"s","frames":["t"],"paragraphs":[{"style":"正文","text":"淄博市委统筹疫情防控和经济运行工作领导小组召开会议。"},{"style":"小标题","text":"重点项目加快推进"},{"style":"正文","text":"在位于淄博高新区的一处施工现场，塔吊林立、车辆穿梭。"}]}]}"#;
    let doc = paiban::io::from_json(json).unwrap_or_else(|e| panic!("{e}"));
    let pages = paiban::layout::layout_document(&doc, common::book(), std::path::Path::new("."));
    let lines = &pages[0].lines;
    let h = lines.iter().position(|l| l.text == "重点项目加快推进").unwrap();
    let (before, after) = (lines[h - 1].baseline, lines[h + 1].baseline);
    let slots = (after - before) / 15.5;
    assert!((slots - 3.0).abs() < 0.01, "the subhead and its spaces take {} body lines", slots - 1.0);
    for l in lines {
        let k = (l.baseline - lines[0].baseline) / 15.5;
        assert!((k - k.round()).abs() < 0.01, "{:?} is off the grid", l.text);
    }
}

#[test]
fn defect_3_beside_a_chinese_mark_the_mark_takes_up_the_grid_overshoot() {
    let lines = grid_lines("记者获悉，2026年一季度同比增长23%。全省", 30.0);
    let line = &lines[0];
    let at = |ch: &str| line.iter().position(|b| b.ch == ch).unwrap();
    let (six, nian) = (&line[at("6")], &line[at("年")]);
    let gap = nian.x - (six.x + six.w);
    assert!((0.2..0.3).contains(&gap), "2026→年 {gap:.3} em");
    let (pct, stop) = (&line[at("%")], &line[at("。")]);
    assert!((stop.x - (pct.x + pct.w)).abs() < 0.01, "% → 。");
    for b in [nian, &line[at("全")]] {
        assert!((b.x - b.x.round()).abs() < 0.01, "{} off the grid at {}", b.ch, b.x);
    }
}

#[test]
fn defect_10_no_line_is_left_loose_before_a_word_that_does_not_fit() {
    // GDP's first letter does not fit after 庚辛壬 at natural width. Greedy breaking left that
    // line 0.8 em loose; now either the word is pulled in (the 、 give up their blank halves) or
    // the paragraph's breaks share the space out: no gap between Han characters opens to a
    // tenth of an em, and every line but the last ends on the measure.
    for w in [12.8, 12.9] {
        let c = set("甲乙、丙丁、戊己、庚辛壬GDP比重达到百分之八点六，成为拉动增长的主要力量。", w);
        let t = texts(&c);
        assert!(t.iter().any(|l| l.contains("GDP")), "width {w}: GDP split: {t:?}");
        for (l, line) in c.lines.iter().enumerate().take(c.lines.len() - 1) {
            let g = &line.glyphs;
            for i in 0..g.len() - 1 {
                let gap = gap_after(&c, l, i);
                let han = |s: &str| s.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
                if han(&g[i].char) && han(&g[i + 1].char) {
                    assert!(gap < 0.1, "{}→{}: {gap:.3} em on {:?}", g[i].char, g[i + 1].char, t[l]);
                }
            }
            let last = g.last().unwrap();
            assert!((last.offset + last.advance - w).abs() < 0.01, "{:?} ends short of {w}", t[l]);
        }
    }
}

#[test]
fn defect_3_a_range_with_its_unit_sign_shares_the_grid_space_on_both_sides() {
    let lines = grid_lines("白天气温在12～18℃之间，适合施工。", 30.0);
    let line = &lines[0];
    let at = |ch: &str| line.iter().position(|b| b.ch == ch).unwrap();
    let (zai, one) = (&line[at("在")], &line[at("1")]);
    let (deg, zhi) = (&line[at("℃")], &line[at("之")]);
    let (before, after) = (one.x - (zai.x + zai.w), zhi.x - (deg.x + deg.w));
    assert!((before - after).abs() < 0.01, "{before:.3} em before 12～18℃, {after:.3} after");
    assert!((zhi.x - zhi.x.round()).abs() < 0.01);
}

#[test]
fn han_latin_space_floor_no_tight_line_closes_the_space_between_han_and_a_number() {
    // On the grid, tight lines shrink the Han–Latin space: never below ⅛ em ("达到12386个").
    let text = "固定资产投资超过1000万元的在建项目达到12386个，较去年同期增加1024个。今年1—3月，全省累计完成技术改造投资2315亿元，带动就业约1.2万人，企业和群众可拨打12345热线咨询，对列入省级重点的600个项目实行专班推进。";
    let mut checked = 0;
    for w in [10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 17.0] {
        for line in grid_lines(text, w) {
            for p in line.windows(2) {
                let (a, b) = (p[0].ch.chars().next().unwrap(), p[1].ch.chars().next().unwrap());
                let han = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
                if (han(a) && b.is_ascii_digit()) || (a.is_ascii_digit() && han(b)) {
                    let gap = p[1].x - (p[0].x + p[0].w);
                    let t: String = line.iter().map(|b| b.ch.as_str()).collect();
                    assert!(gap > 0.124, "width {w}: {a}{b} {gap:.3} em on {t:?}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 50, "{checked}");
}

#[test]
fn defect_10_a_number_with_two_units_goes_on_a_loose_line_as_far_as_its_first_unit() {
    // "32.6万户，" does not fit after 省新登记市场主体 on 12 字; breaking before the number would
    // leave the line four ems loose, so it breaks between the units instead.
    let lines = grid_lines("省新登记市场主体32.6万户，同比增长9.4%。", 12.0);
    let text = |l: &Vec<Boxed>| l.iter().map(|b| b.ch.as_str()).collect::<String>();
    assert_eq!(text(&lines[0]), "省新登记市场主体32.6万", "{:?}", lines.iter().map(text).collect::<Vec<_>>());
    let last = lines[0].last().unwrap();
    assert!((last.x + last.w - 12.0).abs() < 0.01, "the line is full");
    // Where the line is not loose, the units stay together.
    let lines = grid_lines("全省新登记市场主体达到32.6万户，同比增长9.4%。", 12.0);
    assert!(lines.iter().all(|l| !text(l).ends_with('万')), "{:?}", lines.iter().map(text).collect::<Vec<_>>());
}

/// The lines of a one-paragraph story in a frame `width_em` wide, its body style given `style`.
fn lines_with_style(text: &str, width_em: f32, style: &str) -> Vec<String> {
    let mm = width_em * 10.0 * 25.4 / 72.0 + 0.01;
    let json = format!(
        r#"{{"format":1,"styles":{{"正文":{{"font":"Noto Serif SC","size":10,"leading":15,"indent":0{style}}}}},
        "pages":[{{"size":[300,200],"elements":[{{"id":"t","kind":"text","x":10,"y":10,"w":{mm},"h":150}}]}}],
        "stories":[{{"id":"s","frames":["t"],"paragraphs":[{{"style":"正文","text":{}}}]}}]}}"#,
        serde_json::to_string(text).unwrap()
    );
    let doc = paiban::io::from_json(&json).unwrap_or_else(|e| panic!("{e}"));
    let again = paiban::io::from_json(&paiban::io::to_json(&doc)).unwrap();
    assert_eq!(again.styles, doc.styles, "the setting is saved");
    let pages = paiban::layout::layout_document(&doc, common::book(), std::path::Path::new("."));
    pages[0].lines.iter().map(|l| l.text.clone()).collect()
}

#[test]
fn defect_9_keeping_numbers_with_their_units_is_a_body_style_setting_on_by_default() {
    let text = "全年投资超过1000万元，惠及约1.2万人，1—10月累计办件3000件，12月28日起施行，已连续3个月增长。";
    let splits = |style: &str| {
        (6..20)
            .map(|w| {
                let t = lines_with_style(text, w as f32, style);
                t.windows(2)
                    .filter(|p| p[0].ends_with(|c: char| c.is_ascii_digit()) && p[1].starts_with(is_chinese_unit))
                    .count()
            })
            .sum::<usize>()
    };
    assert_eq!(splits(""), 0, "on by default");
    assert_eq!(splits(r#","keep_units":true"#), 0);
    assert!(splits(r#","keep_units":false"#) > 0, "off, a number may end a line before its unit");
}

#[test]
fn defect_10_a_line_left_short_by_a_number_shares_its_space_with_the_lines_above() {
    // Greedily, 吸引了来自全国各地的 is left three ems short of 13 字 (1500余名 does not fit after
    // it) and spread to a third of an em between characters. Broken as a whole paragraph, the
    // lines above give it characters: no gap reaches a fifth of an em.
    let text = "本报讯 4月6日上午9点，“City Walk 城市漫步”主题活动在大明湖景区启动。活动为期3天，设置了10条线路，吸引了来自全国各地的1500余名游客参加，其中年满60岁的老年人占三成。";
    let lines = grid_lines(text, 13.0);
    let han = |c: &str| c.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    for line in &lines[..lines.len() - 1] {
        let t: String = line.iter().map(|b| b.ch.as_str()).collect();
        for w in line.windows(2) {
            let gap = w[1].x - (w[0].x + w[0].w);
            if han(&w[0].ch) && han(&w[1].ch) {
                assert!(gap < 0.2, "{}{} {gap:.3} em in {t:?}", w[0].ch, w[1].ch);
            }
        }
    }
    let texts: Vec<String> = lines.iter().map(|l| l.iter().map(|b| b.ch.as_str()).collect()).collect();
    assert!(texts.iter().any(|t| t.starts_with("1500余名")), "{texts:?}");
}

/// A Western comma or full stop typed in Chinese text (pasted copy is full of them) sits tight
/// against the Han on both sides: Han–Latin space is for letters and figures (rule 21).
#[test]
fn ascii_sentence_marks_between_han_take_no_han_latin_space() {
    let c = set("到位,分级分类.科学R精准", 30.0);
    let g = &c.lines[0].glyphs;
    let at = |i: usize| (g[i].offset, g[i].advance);
    for comma in [2, 7] {
        let (before, (x, w), (after, _)) = (at(comma - 1), at(comma), at(comma + 1));
        assert!((x - (before.0 + before.1)).abs() < 0.01, "gap before mark {comma}: {g:?}");
        assert!((after - (x + w)).abs() < 0.01, "gap after mark {comma}: {g:?}");
    }
    // A letter still takes its space.
    let (r, (han, w)) = (at(10).0, at(9));
    assert!(r - (han + w) > 0.1, "R keeps its Han–Latin space: {g:?}");
}
