//! Pictures in frames: cropping inside the frame (scale and offset, clipped, in the PNG render
//! and the PDF), placed PDF pages (ads) exported as vectors, preflight of a placed PDF, broken
//! files refused, and huge images kept under 1 GB.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{paiban, path_str, tool};
use serde_json::{Value, json};

fn said(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", said(&o));
    said(&o)
}

/// An A4 page with `elements`, and the stories given.
fn layout(elements: Vec<Value>, stories: Vec<Value>) -> Value {
    json!({
        "format": 1,
        "title": "placed",
        "styles": {"正文": {"font": "Noto Serif SC", "size": "五号", "leading": 15.5}},
        "pages": [{
            "size": [210, 297],
            "margins": {"top": 10, "bottom": 10, "left": 10, "right": 10},
            "columns": 2,
            "gutter": 5,
            "elements": elements
        }],
        "stories": stories
    })
}

fn write(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p
}

/// A 200 × 200 px picture in four quadrants: red, green / blue, yellow.
fn quadrants(dir: &Path) {
    let img = image::RgbImage::from_fn(200, 200, |x, y| match (x >= 100, y >= 100) {
        (false, false) => image::Rgb([255, 0, 0]),
        (true, false) => image::Rgb([0, 255, 0]),
        (false, true) => image::Rgb([0, 0, 255]),
        (true, true) => image::Rgb([255, 255, 0]),
    });
    img.save(dir.join("q.png")).unwrap();
}

/// A 30 mm photo frame at (20, 100) mm showing q.png at `scale` % moved by `offset` mm.
fn photo(scale: f32, offset: [f32; 2]) -> Value {
    json!({"id": "photo", "kind": "image", "path": "q.png", "x": 20, "y": 100, "w": 30, "h": 30,
           "scale": scale, "offset": offset})
}

fn render(layout: &Path, dpi: u32) -> image::RgbaImage {
    let png = layout.with_extension("png");
    ok(paiban(&["render", path_str(layout), "-o", path_str(&png), "--dpi", &dpi.to_string()]));
    image::open(&png).unwrap().to_rgba8()
}

/// The pixel at (x, y) mm.
fn at(img: &image::RgbaImage, dpi: u32, x: f32, y: f32) -> [u8; 3] {
    let px = |mm: f32| (mm / 25.4 * dpi as f32) as u32;
    let p = img.get_pixel(px(x), px(y)).0;
    [p[0], p[1], p[2]]
}

fn near(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 24)
}

/// The operators of page 1's content stream (nested forms not followed).
fn page_ops(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
    content.operations.into_iter().map(|op| op.operator).collect()
}

#[test]
fn moving_the_picture_inside_its_frame_moves_what_is_visible() {
    let dir = common::scratch("placed-crop");
    quadrants(&dir);
    let centred = write(&dir, "centred.json", &layout(vec![photo(100.0, [0.0, 0.0])], vec![]));
    let moved = write(&dir, "moved.json", &layout(vec![photo(100.0, [20.0, 20.0])], vec![]));
    let (a, b) = (render(&centred, 100), render(&moved, 100));
    // Centred: the four quadrants meet in the frame's middle.
    assert!(near(at(&a, 100, 25.0, 105.0), [255, 0, 0]), "{:?}", at(&a, 100, 25.0, 105.0));
    assert!(near(at(&a, 100, 45.0, 105.0), [0, 255, 0]));
    assert!(near(at(&a, 100, 25.0, 125.0), [0, 0, 255]));
    assert!(near(at(&a, 100, 45.0, 125.0), [255, 255, 0]));
    // Moved 20 mm right and down: the red quarter fills the frame.
    for (x, y) in [(22.0, 102.0), (48.0, 102.0), (22.0, 128.0), (48.0, 128.0)] {
        assert!(near(at(&b, 100, x, y), [255, 0, 0]), "{x},{y}: {:?}", at(&b, 100, x, y));
    }
    // Clipped to the frame: the picture (70 mm wide) never shows outside it.
    for img in [&a, &b] {
        for (x, y) in [(18.0, 115.0), (52.0, 115.0), (35.0, 98.0), (35.0, 132.0), (60.0, 140.0)] {
            assert!(near(at(img, 100, x, y), [255, 255, 255]), "outside the frame at {x},{y}");
        }
    }
    // The PDF carries the whole image once, drawn inside a clip to the frame: re W n … Do.
    for (name, l) in [("centred", &centred), ("moved", &moved)] {
        let pdf = dir.join(format!("{name}.pdf"));
        ok(paiban(&["export", path_str(l), "-o", path_str(&pdf), "--preset", "screen"]));
        let ops = page_ops(&pdf);
        let draw = ops.iter().position(|o| o == "Do").expect("image drawn");
        let clip = ops[..draw].windows(3).rposition(|w| w[0] == "re" && w[1] == "W" && w[2] == "n");
        assert!(clip.is_some(), "no clip before the image: {ops:?}");
        let list = ok(tool("pdfimages", &["-list", path_str(&pdf)]));
        let rows: Vec<&str> = list.lines().skip(2).collect();
        assert_eq!(rows.len(), 1, "{list}");
        assert!(rows[0].split_whitespace().nth(3) == Some("200"), "full image, not a crop: {list}");
        common::assert_qpdf_clean(&pdf);
    }
}

#[test]
fn effective_ppi_follows_the_scale() {
    let dir = common::scratch("placed-ppi");
    quadrants(&dir);
    for (scale, ppi) in [(100.0, 72), (50.0, 144), (25.0, 288)] {
        let l = write(&dir, "ppi.json", &layout(vec![photo(scale, [0.0, 0.0])], vec![]));
        let out = said(&paiban(&["check", path_str(&l)]));
        assert!(out.contains(&format!("image {ppi} ppi")), "scale {scale}: {out}");
    }
    // An old file without scale or offset loads as before: fit.
    let mut old = photo(100.0, [0.0, 0.0]);
    old.as_object_mut().unwrap().retain(|k, _| k != "scale" && k != "offset");
    let l = write(&dir, "old.json", &layout(vec![old], vec![]));
    let out = said(&paiban(&["check", path_str(&l)]));
    assert!(out.contains("image 169 ppi"), "{out}");
    // Out of range is refused at its path.
    let l = write(&dir, "bad.json", &layout(vec![photo(0.0, [0.0, 0.0])], vec![]));
    let out = said(&paiban(&["check", path_str(&l)]));
    assert!(out.contains("pages[0].elements[0].scale"), "{out}");
}

const AD_TEXT: &str = "淄博广告测试春季大促销欢迎光临";

/// A 100 × 50 mm ad made with paiban itself, exported under `preset`.
fn make_ad(dir: &Path, name: &str, preset: &str) -> PathBuf {
    let mut ad = layout(
        vec![json!({"id": "copy", "kind": "text", "x": 5, "y": 5, "w": 90, "h": 40})],
        vec![json!({"id": "s", "frames": ["copy"], "paragraphs": [{"style": "正文", "text": AD_TEXT}]})],
    );
    ad["pages"][0]["size"] = json!([100, 50]);
    ad["pages"][0]["margins"] = json!({"top": 5, "bottom": 5, "left": 5, "right": 5});
    ad["pages"][0]["columns"] = json!(1);
    let src = write(dir, &format!("{name}.json"), &ad);
    let pdf = dir.join(format!("{name}.pdf"));
    ok(paiban(&["export", path_str(&src), "-o", path_str(&pdf), "--preset", preset]));
    pdf
}

fn ad_element(file: &str) -> Value {
    json!({"id": "ad", "kind": "pdf", "path": file, "page": 1, "x": 20, "y": 150, "w": 100, "h": 50})
}

#[test]
fn a_placed_pdf_ad_stays_vectors_with_its_fonts_and_text() {
    let dir = common::scratch("placed-pdf");
    make_ad(&dir, "ad", "newsprint");
    let host = write(&dir, "host.json", &layout(vec![ad_element("ad.pdf")], vec![]));
    let pdf = dir.join("host.pdf");
    let out = ok(paiban(&["export", path_str(&host), "-o", path_str(&pdf), "--preset", "newsprint"]));
    assert!(!out.contains("error"), "{out}");
    let list = ok(tool("pdfimages", &["-list", path_str(&pdf)]));
    assert_eq!(list.lines().count(), 2, "the ad must not be an image: {list}");
    let fonts = ok(tool("pdffonts", &[path_str(&pdf)]));
    assert!(fonts.contains("NotoSerifSC-Regular"), "{fonts}");
    let text = ok(tool("pdftotext", &[path_str(&pdf), "-"]));
    assert!(common::normalize(&text).contains(AD_TEXT), "{text}");
    common::assert_qpdf_clean(&pdf);
    // The ad is a Form XObject with its own resources, drawn where the frame is.
    let doc = lopdf::Document::load(&pdf).unwrap();
    let forms: Vec<&lopdf::Stream> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|n| n.as_name()).ok() == Some(b"Form".as_slice()))
        .collect();
    assert_eq!(forms.len(), 1);
    assert!(forms[0].dict.has(b"Resources") && forms[0].dict.has(b"BBox"));
    // Rendered by poppler, the ad's text lands in the frame (ink between 150 and 200 mm down).
    let png = dir.join("host");
    ok(tool("pdftoppm", &["-r", "100", "-png", "-singlefile", path_str(&pdf), path_str(&png)]));
    let img = image::open(dir.join("host.png")).unwrap().to_rgba8();
    let ink = |y0: f32, y1: f32| {
        img.enumerate_pixels()
            .filter(|(_, y, p)| {
                let mm = *y as f32 / 100.0 * 25.4;
                mm > y0 && mm < y1 && p.0[0] < 160
            })
            .count()
    };
    assert!(ink(150.0, 200.0) > 50, "no ad ink in the frame");
    assert_eq!(ink(0.0, 145.0) + ink(205.0, 297.0), 0, "ink outside the frame");
    // paiban's own render shows a grey box with the file's name.
    let r = render(&host, 100);
    assert_eq!(at(&r, 100, 25.0, 175.0), [214, 214, 214]);
    assert!(near(at(&r, 100, 15.0, 175.0), [255, 255, 255]));
}

#[test]
fn an_rgb_ad_under_newsprint_is_an_error_naming_the_file() {
    let dir = common::scratch("placed-pdf-rgb");
    make_ad(&dir, "rgb-ad", "screen");
    let host = write(&dir, "host.json", &layout(vec![ad_element("rgb-ad.pdf")], vec![]));
    let run = paiban(&["check", path_str(&host), "--preset", "newsprint"]);
    let out = said(&run);
    assert_eq!(run.status.code(), Some(1), "{out}");
    assert!(out.contains("error") && out.contains("rgb-ad.pdf") && out.contains("RGB"), "{out}");
    let pdf = dir.join("out.pdf");
    let run = paiban(&["export", path_str(&host), "-o", path_str(&pdf), "--preset", "newsprint"]);
    assert!(!run.status.success() && !pdf.exists(), "{}", said(&run));
    // For the screen an RGB ad is fine.
    let out = said(&paiban(&["check", path_str(&host), "--preset", "screen"]));
    assert!(!out.contains("RGB"), "{out}");
}

#[test]
fn encrypted_truncated_and_missing_pages_are_refused_clearly() {
    let dir = common::scratch("placed-pdf-bad");
    let ad = make_ad(&dir, "ad", "newsprint");
    ok(tool("qpdf", &["--encrypt", "", "owner", "256", "--", path_str(&ad), path_str(&dir.join("enc.pdf"))]));
    let bytes = std::fs::read(&ad).unwrap();
    std::fs::write(dir.join("cut.pdf"), &bytes[..bytes.len() / 2]).unwrap();
    std::fs::write(dir.join("junk.pdf"), b"%PDF-1.4\nnot really\n%%EOF\n").unwrap();
    let mut page9 = ad_element("ad.pdf");
    page9["page"] = json!(9);
    for (el, what) in [
        (ad_element("enc.pdf"), "encrypted"),
        (ad_element("cut.pdf"), "truncated"),
        (ad_element("junk.pdf"), "not a readable PDF"),
        (page9, "no page 9"),
    ] {
        let host = write(&dir, "host.json", &layout(vec![el], vec![]));
        for args in [vec!["check", path_str(&host)], vec!["render", path_str(&host), "-o", "/dev/null"]] {
            let run = paiban(&args);
            let out = said(&run);
            assert!(!out.contains("panicked"), "{out}");
            if args[0] == "check" {
                assert_eq!(run.status.code(), Some(1), "{out}");
                assert!(out.contains(what) && out.contains("error"), "{what}: {out}");
            }
        }
    }
}

#[test]
fn a_truncated_jpeg_is_a_decode_error() {
    let dir = common::scratch("placed-jpeg");
    let img = image::RgbImage::from_fn(300, 200, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    img.save(dir.join("whole.jpg")).unwrap();
    let bytes = std::fs::read(dir.join("whole.jpg")).unwrap();
    std::fs::write(dir.join("q.png"), &bytes[..bytes.len() / 3]).unwrap();
    let host = write(&dir, "host.json", &layout(vec![photo(30.0, [0.0, 0.0])], vec![]));
    let run = paiban(&["check", path_str(&host)]);
    let out = said(&run);
    assert_eq!(run.status.code(), Some(1), "{out}");
    assert!(out.contains("error") && out.contains("truncated"), "{out}");
}

/// Runs paiban with its address space capped at about 1 GB.
fn capped(args: &[&str]) -> Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1000000; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_paiban"))
        .args(args)
        .current_dir(common::root())
        .output()
        .unwrap()
}

#[test]
fn a_huge_greyscale_png_renders_and_exports_under_1_gb() {
    let dir = common::scratch("placed-huge");
    let side = 20_000u32;
    {
        let file = std::io::BufWriter::new(std::fs::File::create(dir.join("q.png")).unwrap());
        let enc = image::codecs::png::PngEncoder::new_with_quality(
            file,
            image::codecs::png::CompressionType::Fast,
            image::codecs::png::FilterType::NoFilter,
        );
        let mut pixels = vec![255u8; (side * side) as usize];
        for y in 0..side as usize {
            pixels[y * side as usize + y] = 0;
        }
        image::ImageEncoder::write_image(enc, &pixels, side, side, image::ExtendedColorType::L8).unwrap();
    }
    let mut el = photo(1.0, [0.0, 0.0]);
    el["w"] = json!(150);
    el["h"] = json!(150);
    el.as_object_mut().unwrap().remove("scale");
    let host = write(&dir, "host.json", &layout(vec![el], vec![]));
    let pdf = dir.join("out.pdf");
    let png = dir.join("out.png");
    let run = capped(&["export", path_str(&host), "-o", path_str(&pdf)]);
    assert!(run.status.success(), "export: {}", said(&run));
    let run = capped(&["render", path_str(&host), "-o", path_str(&png), "--dpi", "50"]);
    assert!(run.status.success(), "render: {}", said(&run));
    // Downsampled to what print needs, still far above the press's resolution.
    let list = ok(tool("pdfimages", &["-list", path_str(&pdf)]));
    let row = list.lines().nth(2).expect("one image");
    let width: u32 = row.split_whitespace().nth(3).unwrap().parse().unwrap();
    assert!((5000..=6000).contains(&width), "{list}");
    let out = said(&paiban(&["check", path_str(&host)]));
    assert!(out.contains("image 1016 ppi"), "{out}");
}

#[test]
fn the_photo_and_ad_sample_exports_clean_with_the_ad_as_vectors() {
    let dir = common::scratch("placed-sample");
    let pdf = dir.join("photo-and-ad.pdf");
    let out = ok(paiban(&["export", "layouts/photo-and-ad.json", "-o", path_str(&pdf), "--preset", "newsprint"]));
    assert!(!out.contains("error"), "{out}");
    // The photo, whole (2600 × 1600 px), placed twice (cropped beside the ad and wrapped in the
    // lead story) from one image object; the ad adds none.
    let list = ok(tool("pdfimages", &["-list", path_str(&pdf)]));
    let rows: Vec<&str> = list.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{list}");
    assert!(rows.iter().all(|r| r.contains(" 2600  1600 ")), "{list}");
    let object = |r: &str| r.split_whitespace().nth(10).map(str::to_string);
    assert_eq!(object(rows[0]), object(rows[1]), "one image object: {list}");
    let text = common::normalize(&ok(tool("pdftotext", &[path_str(&pdf), "-"])));
    assert!(text.contains("鲁中车展") && text.contains("0533-2188888"), "the ad's text");
    let ops = page_ops(&pdf);
    assert_eq!(ops.iter().filter(|o| *o == "Do").count(), 3, "the photo twice, the ad once");
    common::assert_qpdf_clean(&pdf);
    // For the screen the cropped JPEG goes in as it is (DCT, the whole 2600 × 1600 picture).
    let screen = dir.join("screen.pdf");
    ok(paiban(&["export", "layouts/photo-and-ad.json", "-o", path_str(&screen), "--preset", "screen"]));
    let list = ok(tool("pdfimages", &["-list", path_str(&screen)]));
    let row = list.lines().nth(2).expect("the photo");
    let cols: Vec<&str> = row.split_whitespace().collect();
    assert_eq!((cols[3], cols[4], cols[8]), ("2600", "1600", "jpeg"), "{list}");
    let jpeg = std::fs::read(common::root().join("layouts/assets/photo-dusk.jpg")).unwrap();
    let doc = lopdf::Document::load(&screen).unwrap();
    assert!(doc.objects.values().filter_map(|o| o.as_stream().ok()).any(|s| s.content == jpeg), "JPEG re-encoded");
}

#[test]
fn unembedded_fonts_and_ink_over_the_limit_in_an_ad_are_found() {
    let dir = common::scratch("placed-pdf-crude");
    // A 400 % black box and text in Helvetica, not embedded.
    let content = b"1 1 1 1 k 0 0 200 100 re f BT /F1 24 Tf 0 0 0 0 k 20 40 Td (Rich black) Tj ET";
    common::helvetica_ad(&dir.join("crude.pdf"), content);
    let host = write(&dir, "host.json", &layout(vec![ad_element("crude.pdf")], vec![]));
    let out = said(&paiban(&["check", path_str(&host), "--preset", "newsprint"]));
    assert!(out.contains("fonts not embedded: Helvetica") && out.contains("crude.pdf"), "{out}");
    assert!(out.contains("400 % ink, over the preset's 240 %"), "{out}");
}

#[test]
fn a_rotated_ad_page_is_placed_as_it_is_shown() {
    let dir = common::scratch("placed-pdf-rotated");
    let ad = make_ad(&dir, "ad", "newsprint");
    let turned = dir.join("turned.pdf");
    ok(tool("qpdf", &["--rotate=+90:1", path_str(&ad), path_str(&turned)]));
    // Shown turned, the 100 × 50 mm ad stands 50 mm wide and 100 mm tall: at 100 % in a
    // 50 × 100 mm frame it fills it.
    let mut el = ad_element("turned.pdf");
    el["w"] = json!(50);
    el["h"] = json!(100);
    el["scale"] = json!(100);
    let host = write(&dir, "host.json", &layout(vec![el], vec![]));
    let pdf = dir.join("host.pdf");
    ok(paiban(&["export", path_str(&host), "-o", path_str(&pdf), "--preset", "newsprint"]));
    let text = ok(tool("pdftotext", &[path_str(&pdf), "-"]));
    assert!(common::normalize(&text).contains(AD_TEXT), "{text}");
    common::assert_qpdf_clean(&pdf);
    // poppler's picture: ink in a 50 mm wide column from x = 20 mm, the text running down.
    let png = dir.join("host");
    ok(tool("pdftoppm", &["-r", "100", "-png", "-singlefile", path_str(&pdf), path_str(&png)]));
    let img = image::open(dir.join("host.png")).unwrap().to_rgba8();
    let (mut x_lo, mut x_hi, mut y_lo, mut y_hi) = (f32::MAX, 0f32, f32::MAX, 0f32);
    for (x, y, p) in img.enumerate_pixels() {
        if p.0[0] < 160 {
            let (mx, my) = (x as f32 / 100.0 * 25.4, y as f32 / 100.0 * 25.4);
            (x_lo, x_hi, y_lo, y_hi) = (x_lo.min(mx), x_hi.max(mx), y_lo.min(my), y_hi.max(my));
        }
    }
    assert!(x_lo > 19.0 && x_hi < 71.0 && y_lo > 149.0 && y_hi < 251.0, "ink at {x_lo}..{x_hi} × {y_lo}..{y_hi}");
    assert!(y_hi - y_lo > 2.0 * (x_hi - x_lo), "the text runs down: {x_lo}..{x_hi} × {y_lo}..{y_hi}");
}
