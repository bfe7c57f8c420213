//! The PDF gives back the source text through the glyphs' source mapping: 縦中横 digits in a
//! vertical frame and a number in a horizontal line extract as typed (pdftotext, plain and
//! -raw), not as "10岁" or "122" (one glyph used to carry the whole number's text).

mod common;

#[test]
fn vertical_tcy_digits_and_numbers_extract_as_the_source_text() {
    let dir = common::scratch("pdf-text-mapping");
    let layout = dir.join("page.json");
    std::fs::write(
        &layout,
        r#"{"format":1,
        "styles":{"正文":{"font":"Noto Serif SC","size":"五号","leading":15.5,"indent":0,"align":"left"}},
        "pages":[{"size":[148,210],"margins":{"top":10,"bottom":10,"left":10,"right":10},"columns":1,"gutter":0,
          "elements":[
            {"id":"v","kind":"text","x":100,"y":20,"w":12,"h":80,"vertical":true},
            {"id":"h","kind":"text","x":10,"y":120,"w":80,"h":20}]}],
        "stories":[
          {"id":"v","frames":["v"],"paragraphs":[{"style":"正文","text":"老人108岁"}]},
          {"id":"h","frames":["h"],"paragraphs":[{"style":"正文","text":"共12人获奖"}]}]}"#,
    )
    .unwrap();
    let pdf = dir.join("page.pdf");
    let out = common::paiban(&["export", common::path_str(&layout), "-o", common::path_str(&pdf), "--force"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for raw in [false, true] {
        let mut args = vec![];
        if raw {
            args.push("-raw");
        }
        args.extend([common::path_str(&pdf), "-"]);
        let text = String::from_utf8(common::tool("pdftotext", &args).stdout).unwrap();
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(flat.contains("共12人获奖"), "raw={raw}: {text:?}");
        assert!(flat.contains("108岁"), "raw={raw}: {text:?}");
    }
}
