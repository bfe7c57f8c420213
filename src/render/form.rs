//! Placed PDF pages in the export: each becomes a Form XObject copied from its source file with
//! lopdf — the page's content stream as it is, its resources (fonts, images, colour spaces,
//! nested forms) copied object by object under new object numbers. The form carries its own
//! `/Resources`, so its names (`/F1`, `/Im0`…) live in their own scope and cannot clash with the
//! page's; `/BBox` is the placed box (TrimBox, else CropBox, else MediaBox), so nothing outside
//! it shows, and `/Matrix` maps that box, turned by the page's `/Rotate`, to the unit square,
//! so the page places it exactly as it places an image.
//!
//! printpdf knows nothing of this: the writer registers a marked placeholder XObject per placed
//! page and `inject` replaces it in the lopdf document printpdf builds.

use std::collections::{BTreeMap, HashMap};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use printpdf as pp;

use crate::layout::placed_pdf::PlacedPdf;

/// The key that marks a placeholder, with the placed page's index as its value.
const MARKER: &str = "PaibanPlaced";

/// A placeholder XObject for placed page `n`, replaced by `inject`.
pub fn placeholder(n: usize) -> pp::XObject {
    let mut dict = BTreeMap::new();
    dict.insert("Type".to_string(), pp::DictItem::Name(b"XObject".to_vec()));
    dict.insert("Subtype".to_string(), pp::DictItem::Name(b"Form".to_vec()));
    let unit = [0, 0, 1, 1].map(pp::DictItem::Int).to_vec();
    dict.insert("BBox".to_string(), pp::DictItem::Array(unit));
    dict.insert(MARKER.to_string(), pp::DictItem::Int(n as i64));
    pp::XObject::External(pp::ExternalXObject {
        stream: pp::ExternalStream { dict, content: Vec::new(), compress: false },
        width: None,
        height: None,
        dpi: None,
    })
}

/// Replaces each placeholder in `doc` by the form of `placed[n]`.
pub fn inject(doc: &mut Document, placed: &[&PlacedPdf]) {
    let targets: Vec<(ObjectId, usize)> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let n = o.as_stream().ok()?.dict.get(MARKER.as_bytes()).ok()?.as_i64().ok()?;
            Some((*id, usize::try_from(n).ok()?))
        })
        .collect();
    for (id, n) in targets {
        let Some(pdf) = placed.get(n) else { continue };
        let form = form_xobject(doc, pdf);
        doc.objects.insert(id, Object::Stream(form));
    }
}

fn form_xobject(doc: &mut Document, pdf: &PlacedPdf) -> Stream {
    let mut copier = Copier { src: &pdf.doc, map: HashMap::new() };
    let [x0, y0, x1, y1] = pdf.bbox;
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set("FormType", 1);
    dict.set("BBox", [x0, y0, x1, y1].map(Object::Real).to_vec());
    dict.set("Matrix", pdf.unit_matrix().map(Object::Real).to_vec());
    let resources = copier.copy(doc, &pdf.resources);
    if !matches!(resources, Object::Null) {
        dict.set("Resources", resources);
    }
    if let Some(group) = &pdf.group {
        let group = copier.copy(doc, group);
        dict.set("Group", group);
    }
    Stream::new(dict, pdf.content.clone())
}

/// Copies objects from a source document, each once, under new numbers in the target.
struct Copier<'a> {
    src: &'a Document,
    map: HashMap<ObjectId, ObjectId>,
}

impl Copier<'_> {
    fn copy(&mut self, dst: &mut Document, obj: &Object) -> Object {
        match obj {
            Object::Reference(id) => {
                if let Some(new) = self.map.get(id) {
                    return Object::Reference(*new);
                }
                let new = dst.new_object_id();
                self.map.insert(*id, new);
                let copied = match self.src.get_object(*id) {
                    Ok(o) => self.copy(dst, o),
                    Err(_) => Object::Null,
                };
                dst.objects.insert(new, copied);
                Object::Reference(new)
            }
            Object::Dictionary(d) => Object::Dictionary(self.copy_dict(dst, d)),
            Object::Array(a) => Object::Array(a.iter().map(|o| self.copy(dst, o)).collect()),
            Object::Stream(s) => {
                let mut stream = Stream::new(self.copy_dict(dst, &s.dict), s.content.clone());
                stream.allows_compression = s.allows_compression;
                Object::Stream(stream)
            }
            other => other.clone(),
        }
    }

    /// A dictionary's entries copied; links back up the source's page tree are dropped.
    fn copy_dict(&mut self, dst: &mut Document, d: &Dictionary) -> Dictionary {
        let mut out = Dictionary::new();
        for (k, v) in d.iter() {
            if k == b"Parent" || k == b"P" || k == b"StructParent" || k == b"StructParents" {
                continue;
            }
            out.set(k.clone(), self.copy(dst, v));
        }
        out
    }
}
