//! A QR payload with Chinese characters is encoded as UTF-8 with ECI 26, and a reader (zbar)
//! gives back exactly the payload.

mod common;

#[test]
fn a_chinese_payload_reads_back_as_typed() {
    let dir = common::scratch("qr-utf8");
    let payload = "新闻热线：0533-3585000 https://lznews.cn/报料";
    let layout = dir.join("qr.json");
    let json = serde_json::json!({
        "format": 1,
        "pages": [{"size": [100, 100], "margins": {"top": 10, "bottom": 10, "left": 10, "right": 10},
            "elements": [{"id": "qr", "kind": "qr", "x": 20, "y": 20, "w": 60, "h": 60, "payload": payload}]}]
    });
    std::fs::write(&layout, json.to_string()).unwrap();
    let png = dir.join("qr.png");
    let out = common::paiban(&["render", common::path_str(&layout), "-o", common::path_str(&png), "--dpi", "200"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let read = common::tool("zbarimg", &["-q", "--raw", common::path_str(&png)]);
    assert_eq!(String::from_utf8_lossy(&read.stdout).trim_end(), payload);
}
