//! Sharper paths for errors inside flattened or tagged parts of the file (an element's
//! kind-specific fields, a style's or paragraph's properties), where serde stops at the
//! enclosing object: the object is read again on its own to find the field at fault.

use serde::de::DeserializeOwned;

use super::file::{FileImage, FileQr, FileShape, FileStyleProps, FileTable, FileText};

/// The full path of an error reported at `path`, when the object there tells more.
pub fn refine(text: &str, path: &str) -> Option<String> {
    let root: serde_json::Value = serde_json::from_str(text).ok()?;
    let mut object = at(&root, path)?.as_object()?.clone();
    let parts: Vec<&str> = path.split('.').collect();
    let inner = if object.contains_key("kind") && parts.last()?.starts_with("elements[") {
        for common in ["id", "name", "x", "y", "w", "h", "locked", "hidden"] {
            object.remove(common);
        }
        let kind = object.remove("kind")?;
        let value = serde_json::Value::Object(object);
        match kind.as_str()? {
            "text" => field_at::<FileText>(value),
            "table" => field_at::<FileTable>(value),
            "qr" => field_at::<FileQr>(value),
            "image" => field_at::<FileImage>(value),
            "shape" => field_at::<FileShape>(value),
            _ => None,
        }
    } else if parts.first() == Some(&"styles") || parts.last()?.starts_with("paragraphs[") {
        for own in ["based_on", "style", "text", "runs"] {
            object.remove(own);
        }
        field_at::<FileStyleProps>(serde_json::Value::Object(object))
    } else {
        None
    }?;
    Some(format!("{path}.{inner}"))
}

/// The path within `value` at which reading it as `T` fails.
fn field_at<T: DeserializeOwned>(value: serde_json::Value) -> Option<String> {
    let err = serde_path_to_error::deserialize::<_, T>(value).err()?;
    let p = err.path().to_string();
    (!p.is_empty() && p != ".").then_some(p)
}

/// The value at a path like `pages[0].elements[3]` or `styles.正文`.
fn at<'a>(root: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    let mut v = root;
    for part in path.split('.') {
        let (key, indices) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            v = v.get(key)?;
        }
        for index in indices.split(['[', ']']).filter(|s| !s.is_empty()) {
            v = v.get(index.parse::<usize>().ok()?)?;
        }
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_field_inside_an_element_and_a_style() {
        let text = r#"{"pages": [{"elements": [{"id": "q", "kind": "qr", "x": 0, "y": 0, "w": 9, "h": 9,
            "payload": "p", "ec": "Z"}]}], "styles": {"正文": {"based_on": "x", "size": "八号"}}}"#;
        assert_eq!(refine(text, "pages[0].elements[0]").as_deref(), Some("pages[0].elements[0].ec"));
        assert_eq!(refine(text, "styles.正文").as_deref(), Some("styles.正文.size"));
        assert_eq!(refine(text, "pages[0]"), None);
    }
}
