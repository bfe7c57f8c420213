//! Finishing a PDF for its preset on the lopdf document printpdf builds: page boxes (BleedBox
//! besides printpdf's MediaBox/TrimBox), the document information (Title, dates, Trapped and
//! for PDF/X GTS_PDFXVersion/GTS_PDFXConformance), the OutputIntent with its ICC profile under
//! /DestOutputProfile, an XMP packet that repeats the information, page labels, and a file ID
//! derived from the content so the same layout always gives the same bytes.
//!
//! printpdf 0.12.8's own PDF/X support is not used: it files the profile under
//! /DestinationOutputProfile, writes X-1a with no OutputIntent and leaves XMP values unescaped.

use lopdf::{Dictionary, Object, Stream, StringFormat};

use super::marks::PageBoxes;
use super::pdf::{PdfError, PdfOptions};

pub const PDFX_VERSION: &str = "PDF/X-1:2001";
pub const PDFX_CONFORMANCE: &str = "PDF/X-1a:2001";

/// Stands in for the file ID until the bytes it is derived from are known (same length).
const ID_PLACEHOLDER: &[u8; 32] = b"paiban-file-id-placeholder-00000";

/// Completes `doc` for `opts.preset` and serialises it.
pub fn finish(mut doc: lopdf::Document, opts: &PdfOptions, boxes: &[PageBoxes]) -> Result<Vec<u8>, PdfError> {
    let pdfx = opts.preset.pdfx;
    doc.version = if pdfx.is_some() { "1.3" } else { "1.4" }.into();
    let date = opts.date();
    let producer = format!("paiban {}", env!("CARGO_PKG_VERSION"));

    for ((_, page_id), b) in doc.get_pages().into_iter().zip(boxes) {
        let page = doc.get_dictionary_mut(page_id).map_err(write_error)?;
        page.set("MediaBox", pdf_box(b.media_box()));
        page.set("CropBox", pdf_box(b.media_box()));
        page.set("BleedBox", pdf_box(b.bleed_box()));
        page.set("TrimBox", pdf_box(b.trim_box()));
    }

    let mut info = Dictionary::new();
    info.set("Title", text_string(&opts.title));
    info.set("Creator", text_string("paiban"));
    info.set("Producer", text_string(&producer));
    info.set("CreationDate", Object::string_literal(pdf_date(date)));
    info.set("ModDate", Object::string_literal(pdf_date(date)));
    info.set("Trapped", Object::Name(b"False".to_vec()));
    if pdfx.is_some() {
        info.set("GTS_PDFXVersion", Object::string_literal(PDFX_VERSION));
        info.set("GTS_PDFXConformance", Object::string_literal(PDFX_CONFORMANCE));
    }
    // printpdf's own Info dictionary is replaced, not left behind unreferenced.
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            doc.objects.insert(id, Object::Dictionary(info));
        }
        Err(_) => {
            let id = doc.add_object(info);
            doc.trailer.set("Info", id);
        }
    }

    let xmp = xmp_packet(&opts.title, date, &producer, pdfx.is_some());
    let mut meta = Dictionary::new();
    meta.set("Type", Object::Name(b"Metadata".to_vec()));
    meta.set("Subtype", Object::Name(b"XML".to_vec()));
    // Left uncompressed, so that tools reading XMP without a PDF parser find it.
    let meta_id = doc.add_object(Stream::new(meta, xmp.into_bytes()).with_compression(false));

    let output_intent = pdfx.map(|cond| {
        let mut icc = Dictionary::new();
        icc.set("N", 4);
        let icc_id = doc.add_object(Stream::new(icc, cond.icc.to_vec()));
        let mut intent = Dictionary::new();
        intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
        intent.set("S", Object::Name(b"GTS_PDFX".to_vec()));
        intent.set("OutputConditionIdentifier", Object::string_literal(cond.identifier));
        intent.set("OutputCondition", Object::string_literal(cond.info));
        intent.set("Info", Object::string_literal(cond.info));
        intent.set("RegistryName", Object::string_literal(cond.registry));
        intent.set("DestOutputProfile", icc_id);
        intent
    });
    let labels = page_label_tree(&opts.labels, boxes.len());

    let root = doc.trailer.get(b"Root").and_then(Object::as_reference).map_err(write_error)?;
    let catalog = doc.get_dictionary_mut(root).map_err(write_error)?;
    catalog.set("Metadata", meta_id);
    catalog.set("PageLabels", labels);
    if let Some(intent) = output_intent {
        catalog.set("OutputIntents", vec![Object::Dictionary(intent)]);
    }

    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Literal);
    doc.trailer.set("ID", vec![placeholder.clone(), placeholder]);
    compress_streams(&mut doc);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).map_err(write_error)?;
    stamp_id(&mut bytes);
    Ok(bytes)
}

/// Deflate level for streams. Deflating the font subsets is the largest part of an export's
/// CPU: level 2 makes the sample's PDF 3.5 % larger than level 9 (lopdf's `compress`) and the
/// whole export 15 % cheaper (see docs/PERFORMANCE.md).
const DEFLATE_LEVEL: u32 = 2;

/// Flate-compresses every stream that has no filter yet and allows it (the XMP packet does
/// not), where that makes it smaller.
fn compress_streams(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else { continue };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(DEFLATE_LEVEL));
        let Ok(compressed) = encoder.write_all(&stream.content).and_then(|_| encoder.finish()) else { continue };
        // Only where it pays for the `/Filter /FlateDecode` entry it adds (19 bytes).
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

fn write_error(e: impl std::fmt::Display) -> PdfError {
    PdfError::Write(e.to_string())
}

fn pdf_box(b: [f32; 4]) -> Object {
    Object::Array(b.iter().map(|v| Object::Real((v * 1000.0).round() / 1000.0)).collect())
}

/// A PDF text string: PDFDocEncoding-safe ASCII as it is, anything else UTF-16BE with a BOM.
fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Object::string_literal(s);
    }
    let mut bytes = vec![0xfe, 0xff];
    s.encode_utf16().for_each(|u| bytes.extend(u.to_be_bytes()));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// /PageLabels: each page's label as a prefix with no numbering; a page without one is given
/// its number in the file.
fn page_label_tree(labels: &[String], pages: usize) -> Dictionary {
    let mut nums = Vec::new();
    for i in 0..pages {
        let mut label = Dictionary::new();
        let own = labels.get(i).filter(|l| !l.is_empty()).cloned().unwrap_or_else(|| (i + 1).to_string());
        label.set("P", text_string(&own));
        nums.push(Object::Integer(i as i64));
        nums.push(Object::Dictionary(label));
    }
    let mut tree = Dictionary::new();
    tree.set("Nums", nums);
    tree
}

/// Replaces the placeholder ID (in the trailer, at the end of the file) with a digest of
/// everything else: the same content gives the same ID, other content another.
fn stamp_id(bytes: &mut [u8]) {
    let digest = {
        let (a, b) = (fnv1a(bytes, 0xcbf2_9ce4_8422_2325), fnv1a(bytes, 0x6c62_272e_07bb_0142));
        format!("{a:016x}{b:016x}")
    };
    let mut end = bytes.len();
    for _ in 0..2 {
        let Some(at) = bytes[..end].windows(ID_PLACEHOLDER.len()).rposition(|w| w == ID_PLACEHOLDER) else {
            return;
        };
        bytes[at..at + ID_PLACEHOLDER.len()].copy_from_slice(digest.as_bytes());
        end = at;
    }
}

fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    bytes.iter().fold(seed, |h, b| (h ^ *b as u64).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Civil date and time (UTC) of a Unix time.
fn civil(t: i64) -> (i64, u32, u32, u32, u32, u32) {
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400) as u32);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day, secs / 3600, secs / 60 % 60, secs % 60)
}

fn pdf_date(t: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(t);
    format!("D:{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z")
}

fn xmp_date(t: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(t);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// XML text with its five special characters escaped.
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The XMP packet: Dublin Core title and format, dates, tool, Trapped and the PDF/X keys.
fn xmp_packet(title: &str, date: i64, producer: &str, pdfx: bool) -> String {
    let when = xmp_date(date);
    let pdfx_keys = if pdfx {
        format!(
            "\n   <pdfxid:GTS_PDFXVersion>{PDFX_VERSION}</pdfxid:GTS_PDFXVersion>\
             \n   <pdfx:GTS_PDFXVersion>{PDFX_VERSION}</pdfx:GTS_PDFXVersion>\
             \n   <pdfx:GTS_PDFXConformance>{PDFX_CONFORMANCE}</pdfx:GTS_PDFXConformance>"
        )
    } else {
        String::new()
    };
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">
 <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">
  <rdf:Description rdf:about=\"\"
    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"
    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"
    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"
    xmlns:pdfx=\"http://ns.adobe.com/pdfx/1.3/\"
    xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
   <xmp:CreatorTool>paiban</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>{pdfx_keys}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end=\"w\"?>",
        title = xml_escape(title),
        producer = xml_escape(producer),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil_utc() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(xmp_date(1_667_260_800), "2022-11-01T00:00:00Z");
        assert_eq!(pdf_date(951_825_600 + 3661), "D:20000229130101Z");
    }

    #[test]
    fn xmp_escapes_the_title() {
        let x = xmp_packet("R&D <版> \"A\"", 0, "paiban", true);
        assert!(x.contains("R&amp;D &lt;版&gt; &quot;A&quot;"), "{x}");
        assert!(x.contains("<pdfx:GTS_PDFXConformance>PDF/X-1a:2001</pdfx:GTS_PDFXConformance>"));
        assert!(!xmp_packet("t", 0, "paiban", false).contains("GTS_PDFX"));
    }

    #[test]
    fn id_is_stamped_from_the_content() {
        let mut a = b"content A /ID [(paiban-file-id-placeholder-00000) (paiban-file-id-placeholder-00000)]".to_vec();
        let mut b = a.clone();
        b[8] = b'B';
        stamp_id(&mut a);
        stamp_id(&mut b);
        assert!(!a.windows(ID_PLACEHOLDER.len()).any(|w| w == ID_PLACEHOLDER));
        assert_ne!(a[20..], b[20..], "different content, different ID");
    }
}
