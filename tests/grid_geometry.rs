//! One owner for the line grid and the columns (issue 11): a grid frame's lines sit on the
//! baselines `layout::grid` gives — the page's grid when it has one, whatever the frame's top,
//! so lines line up across frames — which are the ones the editor draws; column rules stand in
//! the middle of the gaps between the columns the text is set in, and a vertical frame (one
//! column of text) has none.

mod common;

use paiban::layout::frame::{FrameItem, PathShape};
use paiban::layout::grid::{LineGrid, frame_grid};

const BODY: &str =
    "淄博市委统筹疫情防控和经济运行工作领导小组召开会议，研究部署下一步工作，全市各级要认真贯彻落实2022年11月的要求。";

fn layout(baseline: &str, frames: &str) -> paiban::model::Document {
    let body = serde_json::to_string(&BODY.repeat(3)).unwrap();
    let json = format!(
        r#"{{"format":1,"styles":{{"正文":{{"font":"Noto Serif SC","size":10,"leading":15,"indent":2}}}},
        "pages":[{{"size":[297,420],"margins":{{"top":15,"bottom":15,"left":15,"right":15}}{baseline},
        "elements":[{frames}]}}],
        "stories":[{{"id":"a","frames":["a"],"paragraphs":[{{"style":"正文","text":{body}}}]}},
                   {{"id":"b","frames":["b"],"paragraphs":[{{"style":"正文","text":{body}}}]}}]}}"#
    );
    paiban::io::from_json(&json).unwrap_or_else(|e| panic!("{e}"))
}

const TWO_FRAMES: &str = r#"{"id":"a","kind":"text","x":15,"y":37.3,"w":120,"h":80,"columns":3,"column_gap":4,"grid":true},
    {"id":"b","kind":"text","x":150,"y":52.1,"w":120,"h":80,"columns":2,"column_gap":4,"grid":true}"#;

fn on(grid: &LineGrid, y: f32) -> bool {
    let k = (y - grid.origin) / grid.pitch;
    (k - k.round()).abs() < 1e-3
}

#[test]
fn grid_frames_set_their_lines_on_the_pages_grid_whatever_their_tops() {
    let doc = layout(r#","baseline":{"size":10,"leading":15}"#, TWO_FRAMES);
    let grid = LineGrid::of_page(&doc.pages[0]).expect("the page's grid");
    for id in ["a", "b"] {
        let story = &doc.stories.iter().find(|s| s.id == id).unwrap();
        assert_eq!(frame_grid(&doc, story, id), Some(grid), "frame {id} snaps to the page's grid");
    }
    let pages = common::lay_out(&doc);
    let lines: Vec<_> = pages[0].lines.iter().collect();
    assert!(lines.len() > 20, "{}", lines.len());
    for l in &lines {
        assert!(on(&grid, l.baseline), "{} line {} at {:.3} is off the page's grid", l.element, l.line, l.baseline);
    }
    // The grid the editor draws is the same baselines.
    let area = doc.pages[0].type_area();
    let drawn: Vec<f32> = grid.baselines(area.y, area.bottom()).collect();
    for l in &lines {
        assert!(drawn.iter().any(|y| (y - l.baseline).abs() < 1e-3), "{:.3} is not a drawn baseline", l.baseline);
    }
}

#[test]
fn without_a_page_grid_a_grid_frame_keeps_its_own_from_its_top() {
    let doc = layout("", TWO_FRAMES);
    assert!(LineGrid::of_page(&doc.pages[0]).is_none());
    let pages = common::lay_out(&doc);
    for id in ["a", "b"] {
        let story = &doc.stories.iter().find(|s| s.id == id).unwrap();
        let grid = frame_grid(&doc, story, id).expect("a grid frame");
        let (_, el) = doc.element(id).unwrap();
        assert!((grid.origin - (el.frame.y + 0.88 * 10.0)).abs() < 1e-3);
        for l in pages[0].lines.iter().filter(|l| l.element == id) {
            assert!(on(&grid, l.baseline), "{id} line {} at {:.3}", l.line, l.baseline);
        }
    }
}

#[test]
fn column_rules_stand_between_the_columns_the_text_is_set_in() {
    let rule = r#","column_rule":{"width":0.25,"color":{"gray":100}}"#;
    let frames = format!(
        r#"{{"id":"a","kind":"text","x":15,"y":40,"w":120,"h":80,"columns":3,"column_gap":6{rule}}},
        {{"id":"b","kind":"text","x":150,"y":40,"w":60,"h":80,"columns":3,"column_gap":6,"vertical":true{rule}}}"#
    );
    let doc = layout("", &frames);
    let pages = common::lay_out(&doc);
    let rules = |id: &str| -> Vec<f32> {
        pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                FrameItem::Path(p) if p.element == id => match p.shape {
                    PathShape::Line { x1, .. } => Some(x1),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    };
    let xs = rules("a");
    assert_eq!(xs.len(), 2, "{xs:?}");
    // Every line of column k lies between rule k-1 and rule k.
    for l in pages[0].lines.iter().filter(|l| l.element == "a") {
        let between =
            std::iter::once(f32::MIN).chain(xs.iter().copied()).chain(std::iter::once(f32::MAX)).collect::<Vec<_>>();
        assert!(between.windows(2).any(|w| w[0] < l.left && l.right < w[1]), "{} crosses a rule", l.text);
    }
    let (_, a) = doc.element("a").unwrap();
    let col = (a.frame.w - 2.0 * paiban::units::mm_to_pt(6.0)) / 3.0;
    assert!((xs[0] - (a.frame.x + col + paiban::units::mm_to_pt(3.0))).abs() < 0.01, "{xs:?}");
    assert!(rules("b").is_empty(), "a vertical frame sets one column: no rules");
}
