//! Values with more than one spelling in the file: font sizes (`10.5` or `"五号"`) and colours
//! (`"#rrggbb"`, `{"cmyk": [c, m, y, k]}`, `{"gray": k}`, or a named swatch
//! `{"swatch": "报头红", "tint": 50}`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::cause::{ValueProblem, custom};

use crate::color::Color;
use crate::units;

/// A font size: points, or a 号 name. Saved as the 号 name when it is one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FontSize(pub f32);

impl<'de> Deserialize<'de> for FontSize {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::Number(n) => {
                let v = n.as_f64().unwrap_or(f64::NAN) as f32;
                Ok(FontSize(v))
            }
            serde_json::Value::String(s) => {
                units::hao_to_pt(&s).map(FontSize).ok_or_else(|| custom(ValueProblem::UnknownSizeName(s.clone())))
            }
            other => Err(custom(ValueProblem::SizeType(other.to_string()))),
        }
    }
}

impl Serialize for FontSize {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match units::pt_to_hao(self.0) {
            Some(name) => s.serialize_str(name),
            None => s.serialize_f32(round(self.0, 3)),
        }
    }
}

/// A colour as written in the file: a value, or a reference to one of the document's swatches
/// at a tint (percent).
#[derive(Clone, Debug, PartialEq)]
pub enum FileColor {
    Value(Color),
    Swatch { name: String, tint: f32 },
}

impl<'de> Deserialize<'de> for FileColor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        parse_color(&v).map_err(custom)
    }
}

fn parse_color(v: &serde_json::Value) -> Result<FileColor, ValueProblem> {
    if let Some(map) = v.as_object()
        && let Some(name) = map.get("swatch")
    {
        let name = name.as_str().filter(|n| !n.is_empty()).ok_or(ValueProblem::SwatchNameNotString)?;
        let tint = match map.get("tint") {
            None => 100.0,
            Some(t) => match t.as_f64() {
                Some(p) if (0.0..=100.0).contains(&p) => p as f32,
                _ => return Err(ValueProblem::TintNotPercent(t.to_string())),
            },
        };
        if let Some(other) = map.keys().find(|k| *k != "swatch" && *k != "tint") {
            return Err(ValueProblem::SwatchColourKey(other.clone()));
        }
        return Ok(FileColor::Swatch { name: name.to_string(), tint });
    }
    parse_value(v).map(FileColor::Value)
}

fn parse_value(v: &serde_json::Value) -> Result<Color, ValueProblem> {
    let percent = |x: &serde_json::Value| -> Result<f32, ValueProblem> {
        match x.as_f64() {
            Some(p) if (0.0..=100.0).contains(&p) => Ok(p as f32),
            _ => Err(ValueProblem::NotPercent(x.to_string())),
        }
    };
    match v {
        serde_json::Value::String(s) => Color::from_hex(s).ok_or_else(|| ValueProblem::BadHex(s.clone())),
        serde_json::Value::Object(map) if map.len() == 1 => {
            if let Some(arr) = map.get("cmyk").and_then(|a| a.as_array()) {
                if arr.len() != 4 {
                    return Err(ValueProblem::CmykNotFour);
                }
                Ok(Color::Cmyk {
                    c: percent(&arr[0])?,
                    m: percent(&arr[1])?,
                    y: percent(&arr[2])?,
                    k: percent(&arr[3])?,
                })
            } else if let Some(k) = map.get("gray") {
                Ok(Color::Gray(percent(k)?))
            } else {
                Err(ValueProblem::ColourShape)
            }
        }
        other => Err(ValueProblem::ColourType(other.to_string())),
    }
}

impl Serialize for FileColor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let color = match self {
            FileColor::Value(c) => *c,
            FileColor::Swatch { name, tint } => {
                let full = *tint >= 100.0;
                let mut m = s.serialize_map(Some(if full { 1 } else { 2 }))?;
                m.serialize_entry("swatch", name)?;
                if !full {
                    m.serialize_entry("tint", &round(*tint, 2))?;
                }
                return m.end();
            }
        };
        match color {
            Color::Rgb { r, g, b } => s.serialize_str(&format!("#{r:02x}{g:02x}{b:02x}")),
            Color::Gray(k) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("gray", &round(k, 3))?;
                m.end()
            }
            Color::Cmyk { c, m: mg, y, k } => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("cmyk", &[round(c, 3), round(mg, 3), round(y, 3), round(k, 3)])?;
                m.end()
            }
        }
    }
}

/// `v` rounded to `places` decimals (keeps saved files short and round trips exact).
pub fn round(v: f32, places: i32) -> f32 {
    let f = 10f64.powi(places);
    ((v as f64 * f).round() / f) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_accept_points_and_hao() {
        let s: FontSize = serde_json::from_str("\"小初\"").unwrap();
        assert_eq!(s.0, 36.0);
        let s: FontSize = serde_json::from_str("10").unwrap();
        assert_eq!(s.0, 10.0);
        let err = serde_json::from_str::<FontSize>("\"八号\"").unwrap_err().to_string();
        assert!(err.contains("八号"), "{err}");
        assert_eq!(serde_json::to_string(&FontSize(10.5)).unwrap(), "\"五号\"");
    }

    #[test]
    fn colours_parse_and_reject() {
        let c: FileColor = serde_json::from_str(r#"{"cmyk":[0,100,100,0]}"#).unwrap();
        assert_eq!(c, FileColor::Value(Color::Cmyk { c: 0.0, m: 100.0, y: 100.0, k: 0.0 }));
        assert!(serde_json::from_str::<FileColor>(r#"{"cmyk":[0,100,140,0]}"#).is_err());
        assert!(serde_json::from_str::<FileColor>(r#""red""#).is_err());
        let back = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<FileColor>(&back).unwrap(), c);
        let red: FileColor = serde_json::from_str(r#"{"swatch":"报头红","tint":40}"#).unwrap();
        assert_eq!(red, FileColor::Swatch { name: "报头红".into(), tint: 40.0 });
        assert_eq!(serde_json::to_string(&red).unwrap(), r#"{"swatch":"报头红","tint":40.0}"#);
        assert!(serde_json::from_str::<FileColor>(r#"{"swatch":"报头红","tint":140}"#).is_err());
        assert!(serde_json::from_str::<FileColor>(r#"{"swatch":""}"#).is_err());
    }
}
