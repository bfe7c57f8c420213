//! How the editor words what went wrong with a file — a layout it could not read or write, a
//! layout file's content it refused (or a setting that would make one), a file it could not
//! import, copy or export — in the UI's language. The errors are typed (`io::FileError`,
//! `io::FormatErrorKind`, `io::FileRefusal`, `AppError`); their `Display` is the English.

use super::errors::AppError;
use super::i18n::Lang;
use crate::io::{FileKind, FileRefusal, FormatErrorKind, JsonCause, OutsideReason, Quantity, Syntax, ValueProblem};

/// A layout file that could not be read or written, in the UI's language (the reason found in
/// a file's JSON keeps its JSON path).
pub fn file_error(lang: Lang, e: &crate::io::FileError) -> String {
    use crate::io::FileError as F;
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        F::Read { file, source } => format!("无法读取 {}：{}", file.display(), io_why_zh(source)),
        F::Write { file, source } => format!("无法写入 {}：{}", file.display(), io_why_zh(source)),
        F::Invalid { file, error } => format!("{} 有误：{}", file.display(), format_error(lang, error)),
    }
}

/// Why a layout file (or a setting that would make one) is refused, with where in the file:
/// in Chinese `原因（位置）`, in English the command line's words.
pub fn format_error(lang: Lang, e: &crate::io::FormatError) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    let path = Some(e.path.as_str()).filter(|p| !p.is_empty() && *p != ".");
    // serde_json's column 0 is the start of a line (where a file that ends early ends).
    let line = e.line.map(|(l, c)| if c == 0 { format!("第 {l} 行") } else { format!("第 {l} 行第 {c} 列") });
    let at = match (line, path) {
        (Some(l), Some(p)) => format!("{l}，{p}"),
        (Some(l), None) => l,
        (None, Some(p)) => p.to_string(),
        // The whole file (as when it is empty).
        (None, None) => return cause_zh(&e.kind),
    };
    format!("{}（{at}）", cause_zh(&e.kind))
}

/// Why a change was refused (it would make a file the loader refuses): in Chinese the element
/// by name and the rule, in English the command line's words.
pub fn refusal(lang: Lang, e: &crate::io::FormatError, doc: &crate::model::Document) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match element_at(doc, &e.path) {
        Some(name) => format!("{name}：{}", cause_zh(&e.kind)),
        None => cause_zh(&e.kind),
    }
}

/// The name of the element a JSON path starts in (`pages[i].elements[j]…`).
fn element_at(doc: &crate::model::Document, path: &str) -> Option<String> {
    let (page, rest) = path.strip_prefix("pages[")?.split_once(']')?;
    let (index, _) = rest.strip_prefix(".elements[")?.split_once(']')?;
    let el = doc.pages.get(page.parse::<usize>().ok()?)?.elements.get(index.parse::<usize>().ok()?)?;
    Some(el.name.clone())
}

/// A file the editor could not import, copy, export or paste, in the UI's language.
pub fn app_error(lang: Lang, e: &AppError) -> String {
    use AppError as A;
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        A::Read { file, source } => format!("无法读取 {}：{}", file.display(), io_why_zh(source)),
        A::Import { file, error } => format!("无法导入 {}：{}", file.display(), import_zh(error)),
        A::NotImportable(file) => {
            format!("{}：paiban 可导入 .txt、.docx、.csv、.tsv、.png、.jpg 和 .pdf 文件", file.display())
        }
        A::NotAFile(file) => format!("{} 不是文件", file.display()),
        A::Copy { file, source } => format!("无法复制到 {}：{}", file.display(), io_why_zh(source)),
        A::Export { file, error } => format!("无法导出 {}：{}", file.display(), pdf_zh(error)),
        A::ExportWrite { file, source } => format!("无法写入 {}：{}", file.display(), io_why_zh(source)),
        A::Output(refusal) => output_zh(refusal),
        A::ExportStopped(file) => format!("{}：导出意外中止", file.display()),
        A::Paste(error) => format!("无法粘贴：{}", format_error(lang, error)),
    }
}

/// Why the system (or paiban's own rules for files) refused a read or a write, in Chinese.
fn io_why_zh(source: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if let Some(refusal) = FileRefusal::of(source) {
        return refusal_zh(refusal);
    }
    match source.kind() {
        K::NotFound => "文件或文件夹不存在".to_string(),
        K::PermissionDenied => "没有权限".to_string(),
        K::IsADirectory => "这是一个文件夹".to_string(),
        K::StorageFull => "磁盘已满".to_string(),
        K::ReadOnlyFilesystem => "文件系统是只读的".to_string(),
        _ => source.to_string(),
    }
}

fn refusal_zh(r: &FileRefusal) -> String {
    use FileRefusal as R;
    match r {
        R::NotWritable { path, kind } => {
            format!("{} 不是普通文件（是{}）；请写到普通文件", path.display(), kind_zh(*kind))
        }
        R::ReadOnly { path, mode } => {
            format!("{} 是只读文件（权限 {mode:o}）；要替换它，请先改为可写（chmod u+w）", path.display())
        }
        R::LinkLoop(path) => format!("{}：符号链接层数太多", path.display()),
        R::NotRegular(kind) => format!("这是{}，不是普通文件", kind_zh(*kind)),
        R::SystemFile(path) => format!("{} 是系统文件，不读取", path.display()),
        R::TooLarge { mb, max_mb } => format!("文件有 {mb} MB，超过 {max_mb} MB"),
        R::GrewTooLarge { max_mb } => format!("文件超过 {max_mb} MB"),
        R::Swapped => "这不是普通文件".to_string(),
        R::NotUtf8 => "文件不是 UTF-8 文本".to_string(),
    }
}

/// Why an export was not written there, in Chinese.
fn output_zh(refusal: &crate::io::OutputRefusal) -> String {
    use crate::io::OutputRefusal as R;
    match refusal {
        R::IsTheLayout { output, .. } => {
            format!("未导出：{} 就是版面文件本身，不能覆盖；请换一个文件名", output.display())
        }
        R::NotAFile { output, kind } => format!("未导出：{} 是{}，不是可写入的文件", output.display(), kind_zh(*kind)),
        R::OtherKind { output, kind } => format!(
            "未导出：{} 已存在且不是 {} 文件，不会覆盖；请换一个文件名（如 .{}）",
            output.display(),
            kind.name(),
            kind.name().to_lowercase()
        ),
    }
}

fn kind_zh(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Folder => "文件夹",
        FileKind::Device => "设备",
        FileKind::Fifo => "管道（FIFO）",
        FileKind::Socket => "套接字",
        FileKind::SymbolicLink => "符号链接",
        FileKind::Regular => "普通文件",
    }
}

fn import_zh(e: &crate::import::ImportError) -> String {
    use crate::import::ImportError as I;
    match e {
        I::Encoding => "文件既不是 UTF-8 也不是 GB18030 文本".into(),
        I::OpenQuote { line } => format!("第 {line} 行：引号没有闭合"),
        I::Empty => "没有可导入的文字".into(),
        I::Docx(detail) => format!("不是 Word 文档（{detail}）"),
    }
}

fn pdf_zh(e: &crate::render::pdf::PdfError) -> String {
    use crate::render::pdf::PdfError as P;
    match e {
        P::Subset { family, message } => format!("字体“{family}”无法取子集（{message}）"),
        P::Image { path, message } => format!("图片 {path} 无法写入（{message}）"),
        P::Write(message) => format!("写 PDF 时出错（{message}）"),
    }
}

/// The cause in Chinese.
pub fn cause_zh(kind: &FormatErrorKind) -> String {
    use FormatErrorKind as K;
    match kind {
        K::Json(c) => json_zh(c),
        K::Value(v) => value_zh(v),
        K::Empty => "文件是空的，里面没有版面".into(),
        K::FormatMissing => "缺少格式版本：版面文件以 \"format\": 1 开头".into(),
        K::FormatNotWhole(v) => format!("格式版本应是整数，实际是 {v}"),
        K::FormatNewer { found, reads } => {
            format!("文件格式 {found} 比这个 paiban 能读的（{reads}）新；请更新 paiban")
        }
        K::FormatOlder { found, reads } => format!("不支持文件格式 {found}（这个 paiban 读格式 {reads}）"),
        K::NotANumber { what, value } => format!("{}应是数字，实际是 {value}", quantity_zh(*what)),
        K::OutOfRange { what, value, min, max } => {
            format!("{} {value} 超出范围（{min} 到 {max}）", quantity_zh(*what))
        }
        K::NotPositive(what) => format!("{}必须大于 0", quantity_zh(*what)),
        K::SwatchUnnamed => "色板需要自己的名称".into(),
        K::SwatchNotInk => "色板是油墨：请用 CMYK 或灰度".into(),
        K::SwatchOfSwatch => "色板应是颜色值，不能引用另一个色板".into(),
        K::SwatchTwin(name) => format!("与色板“{name}”颜色相同；颜色按数值对应色板，不能重复"),
        K::NoSwatch { name, have } => format!("没有名为“{name}”的色板（现有：{}）", have.join("、")),
        K::NoStyle(name) => format!("没有名为“{name}”的段落样式"),
        K::NoCharStyle(name) => format!("没有名为“{name}”的字符样式"),
        K::TextAndRuns => "\"text\" 和 \"runs\" 只能给一个".into(),
        K::MasterUnnamed => "主页需要自己的 id".into(),
        K::NoMaster(m) => format!("没有主页“{m}”"),
        K::VariableName => "变量名不能为空，也不能含花括号".into(),
        K::VariableTooLong { chars, max } => {
            format!("变量值有 {chars} 字，超过 {max} 字；变量用于日期或人名，不用于稿件")
        }
        K::NoPages => "版面至少要有一版".into(),
        K::PageColumns(n) => format!("{n} 栏：请用 1 到 60 栏"),
        K::PageLabel => "版号须有 1 到 32 个字".into(),
        K::StoryIdTwice(id) => format!("稿件 id“{id}”用了两次"),
        K::StoryNoFrames => "稿件至少要排入一个文本框".into(),
        K::NotTextFrame(id) => format!("“{id}”不是文本框"),
        K::NoSuchElement(id) => format!("没有 id 为“{id}”的元素"),
        K::MasterFrameChained(id) => format!("“{id}”在主页上：它的稿件只能排在这一个框里"),
        K::FrameHeld { frame, story } => format!("文本框“{frame}”已排入稿件“{story}”"),
        K::StoryTooLong(max) => format!("稿件到这里超过 {max} 字；请拆成几篇稿件"),
        K::FilledStoryTooLong(max) => {
            format!("填入变量（{{…}}）后，稿件到这里超过 {max} 字；请少用或缩短变量")
        }
        K::ElementNoId => "元素需要非空的 id".into(),
        K::IdTwice(id) => format!("id“{id}”用了两次"),
        K::InsetTooBig => "内边距太大，框里没有地方排字".into(),
        K::ColumnsTooWide(n) => format!("{n} 栏加上栏间距超出了文本框的宽度"),
        K::FrameColumns(n) => format!("{n} 栏：请用 1 到 20 栏"),
        K::QrNoPayload => "二维码需要内容".into(),
        K::QrQuietZone => "静区超过 40 个模块".into(),
        K::ImageNoPath => "图片需要文件路径".into(),
        K::PdfPage => "页码须在 1 到 100000 之间".into(),
        K::TableColumns => "表格须有 1 到 100 列".into(),
        K::TableRows => "表格须有 1 到 10000 行".into(),
        K::TableAligns => "对齐方式比列多".into(),
        K::TableHeaderRows => "表头行比表格的行多".into(),
        K::SpanZero => "跨行、跨列数从 1 起".into(),
        K::RowTooWide { span, columns } => format!("这一行有 {span} 格宽，但表格只有 {columns} 列"),
        K::RowOverfull => "这一行的单元格比上面跨行单元格留下的空列多".into(),
        K::LinkOutside { link, why, folder } => {
            let why = match why {
                OutsideReason::Absolute => "是绝对路径".to_string(),
                OutsideReason::ParentDir => "用“..”跳出了文件夹".to_string(),
                OutsideReason::ThroughLink(real) => format!("经符号链接指向 {}", real.display()),
            };
            format!("“{link}”{why}；版面只读取它所在文件夹（{}）及其子文件夹里的文件", folder.display())
        }
    }
}

/// The name of a number in the file, as the inspector and a designer call it.
fn quantity_zh(q: Quantity) -> &'static str {
    use Quantity as Q;
    match q {
        Q::PageWidth => "页面宽度",
        Q::PageHeight => "页面高度",
        Q::Margin => "页边距",
        Q::Gutter => "栏间距",
        Q::GridFontSize => "网格字号",
        Q::GridLeading => "网格行距",
        Q::Bleed => "出血",
        Q::X => "横坐标",
        Q::Y => "纵坐标",
        Q::Width => "宽度",
        Q::Height => "高度",
        Q::WrapOffset => "绕排距离",
        Q::MinimumSpan => "绕排最小宽度",
        Q::ColumnGap => "栏间距",
        Q::Inset => "内边距",
        Q::Scale => "缩放",
        Q::Offset => "图片偏移",
        Q::Tint => "色调",
        Q::LineWidth => "线宽",
        Q::ColumnWidth => "列宽",
        Q::FontSize => "字号",
        Q::BorderWidth => "边框线宽",
        Q::Padding => "单元格内边距",
        Q::Leading => "行距",
        Q::Indent => "首行缩进",
        Q::SpaceBefore => "段前距",
        Q::SpaceAfter => "段后距",
        Q::HanLatinSpace => "中西文间距",
    }
}

const COLOUR_FORMS: &str =
    "颜色写作 \"#rrggbb\"、{\"cmyk\": [c, m, y, k]}、{\"gray\": k}（百分比）或 {\"swatch\": 色板名, \"tint\": 百分比}";

fn value_zh(v: &ValueProblem) -> String {
    use ValueProblem as V;
    match v {
        V::UnknownSizeName(s) => format!("没有叫“{s}”的字号（请用磅值或号数，如五号、小初）"),
        V::SizeType(found) => format!("字号应是磅值或号数，实际是 {found}"),
        V::SwatchNameNotString => format!("色板名应是字符串；{COLOUR_FORMS}"),
        V::TintNotPercent(t) => format!("色调 {t} 不是 0 到 100 的百分比"),
        V::SwatchColourKey(k) => format!("色板颜色里有未知的键“{k}”；{COLOUR_FORMS}"),
        V::NotPercent(x) => format!("{x} 不是 0 到 100 的百分比；{COLOUR_FORMS}"),
        V::BadHex(s) => format!("“{s}”不是颜色；{COLOUR_FORMS}"),
        V::CmykNotFour => format!("cmyk 要四个数；{COLOUR_FORMS}"),
        V::ColourShape => COLOUR_FORMS.to_string(),
        V::ColourType(found) => format!("{found} 不是颜色；{COLOUR_FORMS}"),
        V::DefinedTwice(name) => format!("“{name}”定义了两次；每个名称只能定义一次"),
    }
}

fn json_zh(c: &JsonCause) -> String {
    use JsonCause as J;
    let list = |names: &[String]| names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join("、");
    match c {
        J::Syntax(s) => syntax_zh(*s).to_string(),
        J::WrongType { found, expected } => {
            format!("类型不对：这里应是{}，实际是{}", expected_zh(expected), found_zh(found))
        }
        J::InvalidValue { found, expected } => {
            format!("取值不对：这里应是{}，实际是{}", expected_zh(expected), found_zh(found))
        }
        J::InvalidLength { len, expected } => format!("长度不对：有 {len} 项，这里应是{}", expected_zh(expected)),
        J::UnknownField { field, expected } if expected.is_empty() => format!("未知的键“{field}”（这里不能有键）"),
        J::UnknownField { field, expected } => format!("未知的键“{field}”（可用的键：{}）", list(expected)),
        J::UnknownVariant { value, expected } => format!("未知的取值“{value}”（可用的取值：{}）", list(expected)),
        J::MissingField(name) => format!("缺少键“{name}”"),
        J::DuplicateField(name) => format!("键“{name}”出现了两次"),
        J::NoVariantMatched(_) => "单元格应是文字，或带 \"text\" 的对象".into(),
        J::Other(text) => text.clone(),
    }
}

fn syntax_zh(s: Syntax) -> &'static str {
    use Syntax as S;
    match s {
        S::EofInList => "文件在数组（[…]）中途结束，可能不完整",
        S::EofInObject => "文件在对象（{…}）中途结束，可能不完整",
        S::EofInString => "文件在字符串中途结束，缺少右引号",
        S::EofInValue => "文件在一个值之前就结束了，可能不完整",
        S::ExpectedColon => "缺少冒号“:”",
        S::ExpectedCommaOrBracket => "缺少逗号“,”或右方括号“]”",
        S::ExpectedCommaOrBrace => "缺少逗号“,”或右花括号“}”",
        S::ExpectedIdent => "无法识别的词（JSON 只认 true、false 和 null）",
        S::ExpectedValue => "这里应有一个值",
        S::ExpectedQuote => "缺少双引号“\"”",
        S::InvalidEscape => "无效的转义（“\\”后的字符）",
        S::InvalidNumber => "无效的数字",
        S::NumberOutOfRange => "数字超出范围",
        S::InvalidCodePoint => "无效的 Unicode 码位",
        S::ControlCharacter => "字符串里有控制字符（U+0000–U+001F）",
        S::KeyNotString => "键名必须是带引号的字符串",
        S::LoneSurrogate => "\\u 转义的代理码位不成对",
        S::TrailingComma => "多余的逗号",
        S::TrailingCharacters => "值结束后还有多余的内容（数组的项太多，或文件结尾有多余的字符）",
        S::HexEscapeEnd => "\\u 转义不完整",
        S::RecursionLimit => "嵌套层数太多",
    }
}

/// serde's name for what it found (`string "x"`, `integer `3``, `sequence`…), in Chinese.
fn found_zh(found: &str) -> String {
    let ticked = |rest: &str| rest.trim_matches('`').to_string();
    if let Some(s) = found.strip_prefix("string ") {
        format!("字符串 {s}")
    } else if let Some(n) = found.strip_prefix("integer ") {
        format!("整数 {}", ticked(n))
    } else if let Some(n) = found.strip_prefix("floating point ") {
        format!("数 {}", ticked(n))
    } else if let Some(b) = found.strip_prefix("boolean ") {
        format!("布尔值 {}", ticked(b))
    } else if let Some(c) = found.strip_prefix("character ") {
        format!("字符 {}", ticked(c))
    } else {
        match found {
            "sequence" => "数组".into(),
            "map" => "对象".into(),
            "null" | "unit value" => "null".into(),
            other => other.into(),
        }
    }
}

/// serde's name for what it expected (`f32`, `a sequence`, `struct FileElement`…), in Chinese.
fn expected_zh(expected: &str) -> String {
    if let Some(n) = expected
        .strip_prefix("an array of length ")
        .or_else(|| expected.strip_prefix("tuple of ").and_then(|t| t.strip_suffix(" elements")))
    {
        return format!(" {n} 项的数组");
    }
    if expected.starts_with("struct ") || expected.starts_with("a map") || expected.starts_with("an object") {
        return "对象（{…}）".into();
    }
    match expected {
        "f32" | "f64" | "a number" => "数".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "非负整数".into(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "整数".into(),
        "a string" | "string" | "a borrowed string" | "variant identifier" | "field identifier" => "字符串".into(),
        "a boolean" | "bool" => "true 或 false".into(),
        "a sequence" => "数组（[…]）".into(),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(json: &str) -> String {
        cause_zh(&crate::io::from_json(json).unwrap_err().kind)
    }

    #[test]
    fn serde_causes_read_in_chinese() {
        assert_eq!(zh(r#"{"format": 1, "pages": ["#), "文件在数组（[…]）中途结束，可能不完整");
        assert_eq!(zh(r#"{"format": 1, "title": 3, "pages": []}"#), "类型不对：这里应是字符串，实际是整数 3");
        let unknown = zh(r#"{"format": 1, "colour": 3, "pages": []}"#);
        assert!(unknown.starts_with("未知的键“colour”（可用的键：“format”"), "{unknown}");
        assert!(!unknown.contains("expected"), "{unknown}");
    }

    #[test]
    fn the_files_own_rules_and_spellings_read_in_chinese() {
        let page = |size: &str| format!(r#"{{"format": 1, "pages": [{{"size": {size}, "elements": []}}]}}"#);
        assert_eq!(zh(&page("[20000, 400]")), "页面宽度 20000 超出范围（0 到 5000）");
        let styles =
            r#"{"format": 1, "styles": {"正文": {"size": "八号"}}, "pages": [{"size": [200, 300], "elements": []}]}"#;
        assert_eq!(zh(styles), "没有叫“八号”的字号（请用磅值或号数，如五号、小初）");
    }

    #[test]
    fn where_says_the_line_and_the_column_when_there_is_one() {
        let at = |json: &str| format_error(Lang::Zh, &crate::io::from_json(json).unwrap_err());
        assert!(
            at("{\"format\": 1, \"pages\": [").ends_with("（第 1 行第 24 列）"),
            "{}",
            at("{\"format\": 1, \"pages\": [")
        );
        assert_eq!(at(" \n"), "文件是空的，里面没有版面");
        // A file that ends early after a newline ends at column 0: the line alone.
        assert!(
            at("{\"format\": 1, \"pages\": [\n").ends_with("（第 2 行）"),
            "{}",
            at("{\"format\": 1, \"pages\": [\n")
        );
    }
}
