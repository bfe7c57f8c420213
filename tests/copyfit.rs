//! Copyfit (#11 must-show 5): 差 N 字 counts every blank line slot the story could still fill
//! in the frame where it ends — below each balanced column, not only below the last one.

mod common;

/// A 3-column balanced frame of 10 characters per line and 10 lines per column, holding 5
/// full lines of copy (2 + 2 + 1 once balanced).
fn balanced_page(balance: bool) -> paiban::model::Document {
    // 10 pt type on 15 pt leading: a column 10 em wide and 9 × 15 + 10 pt deep takes 10 × 10.
    let mm = |pt: f32| pt / 72.0 * 25.4;
    let json = format!(
        r#"{{"format":1,
        "styles":{{"正文":{{"font":"Noto Serif SC","size":10,"leading":15,"indent":0,"align":"justify"}}}},
        "pages":[{{"size":[210,297],"margins":{{"top":10,"bottom":10,"left":10,"right":10}},"columns":1,"gutter":0,
          "elements":[{{"id":"body","kind":"text","x":20,"y":20,"w":{w},"h":{h},"columns":3,"column_gap":{gap},"balance":{balance}}}]}}],
        "stories":[{{"id":"s","frames":["body"],"paragraphs":[{{"style":"正文","text":"{text}"}}]}}]}}"#,
        w = mm(3.0 * 100.0 + 2.0 * 10.0) + 0.01,
        h = mm(9.0 * 15.0 + 10.0) + 0.01,
        gap = mm(10.0),
        text = "新闻稿件内容排版测试".repeat(5),
    );
    paiban::io::from_json(&json).expect("layout")
}

#[test]
fn defect_14_copyfit_counts_the_blank_slots_below_balanced_columns() {
    for balance in [true, false] {
        let pages = common::lay_out(&balanced_page(balance));
        let report = pages[0].reports.iter().find(|r| r.element == "body").expect("report");
        assert_eq!(report.lines, 5, "balance={balance}");
        assert_eq!(report.overset_chars, 0);
        let mut columns: Vec<i32> = pages[0].lines.iter().map(|l| l.measure_left.round() as i32).collect();
        columns.dedup();
        assert_eq!(columns.len(), if balance { 3 } else { 1 }, "balance={balance}: lines in columns at {columns:?}");
        // 30 slots of 10 characters, 5 taken: 250 characters more fit, however the 5 lines
        // stand in the columns.
        assert_eq!(report.short_chars, 250, "balance={balance}");
    }
}
