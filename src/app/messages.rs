//! How the editor words what went wrong — refused edits and preflight findings — in the UI's
//! language, naming elements by their names. The library's errors and findings are typed; the
//! words are made here, at the edge (the command line words them in English itself).

use super::i18n::{Lang, Strings, fill};

/// An edit that could not be made, in the UI's language, naming elements by their names.
pub fn edit_error(s: &Strings, e: &crate::edit::EditError, doc: &crate::model::Document) -> String {
    use crate::edit::EditError as E;
    let name = |id: &str| doc.element(id).map_or(id.to_string(), |(_, el)| el.name.clone());
    match e {
        E::Locked(id) => fill(s.err_locked, name(id)),
        E::NotText(id) => fill(s.err_not_text, name(id)),
        E::LastPage => s.err_last_page.to_string(),
        E::NoElement(id) | E::NoStory(id) => fill(s.err_missing, id),
        E::DuplicateId(id) => fill(s.err_duplicate_id, id),
        E::NoPage(n) => fill(s.err_missing, n + 1),
        E::Text(_) => s.err_outside_story.to_string(),
        E::Find(e) => find_error(s, e),
    }
}

/// Why a search cannot run, in the UI's language (a bad pattern's detail is the regex crate's).
pub fn find_error(s: &Strings, e: &crate::edit::find::FindError) -> String {
    use crate::edit::find::FindError as F;
    match e {
        F::Empty => s.err_find_empty.to_string(),
        // The regex crate draws the pattern with a caret under the mistake, then says it.
        F::Pattern(detail) => {
            fill(s.err_find_pattern, detail.lines().last().unwrap_or("").trim_start_matches("error: "))
        }
        F::Text(_) => s.err_outside_story.to_string(),
    }
}

/// A preflight finding in the UI's language: severity, page, the element's name, the problem.
pub fn finding_line(lang: Lang, f: &crate::check::Finding, doc: &crate::model::Document) -> String {
    let name = doc.element(&f.element).map_or(f.element.clone(), |(_, e)| e.name.clone());
    let error = f.severity == crate::check::Severity::Error;
    match lang {
        Lang::En => format!("{}: page {} {}: {}", if error { "error" } else { "warning" }, f.page, name, f.problem),
        Lang::Zh => {
            format!("{}：第 {} 版 {}：{}", if error { "错误" } else { "提醒" }, f.page, name, problem_zh(&f.problem))
        }
    }
}

/// A preflight problem in Chinese (the figures as the English text gives them).
fn problem_zh(p: &crate::check::Problem) -> String {
    use crate::check::{Problem as P, RuleKind};
    match p {
        P::MissingGlyphs(chars) => {
            let list: Vec<String> = chars.iter().map(|c| format!("{c}（U+{:04X}）", *c as u32)).collect();
            format!("没有字体含有这些字符：{}；请加入含有它们的字体", list.join(" "))
        }
        P::Layout(p) => layout_problem_zh(p),
        P::PlacedPdf(f) => placed_pdf_zh(f),
        P::Overset(n) => format!("超 {n} 字：文字放不下，请加大文本框或删减文字"),
        P::MissingFont(family) => format!("找不到字体“{family}”，已用内置字体代替"),
        P::LowPpi { ppi, min, preset } => {
            let preset = preset_zh(preset);
            format!("图片有效分辨率 {ppi:.0} ppi，低于“{preset}”预设的 {min:.0} ppi；请缩小图片或换用更大的原图")
        }
        P::QrModuleSmall { mm, min } => {
            format!("二维码模块只有 {mm:.2} 毫米，小于 {min} 毫米（新闻纸上手机难以识别）；请放大二维码或缩短内容")
        }
        P::QrQuietZone(n) => format!("二维码静区只有 {n} 个模块，少于 4 个；请把静区设为 4"),
        P::QrInks => "二维码用了不止一种油墨（套印不准会糊）；请用单黑 K100".to_string(),
        P::TextTooSmall { pt } => format!("文字 {pt} pt 小于六号（7.5 pt）；请用六号或更大"),
        P::ReversedTooSmall { pt, min } => format!("反白文字 {pt} pt 小于 {min} pt；请加大或改用黑色"),
        P::MultiInkTooSmall { pt, inks, min } => {
            format!("{inks} 色文字 {pt} pt 小于 {min} pt（套印不准会糊）；请加大或改用单色")
        }
        P::RichBlackText => "文字用了四色黑；正文请只用 K100".to_string(),
        P::RgbColor { rgb, print } => format!("RGB 颜色 {rgb} 印刷时会转为 {print}；请直接给出 CMYK 以控制油墨"),
        P::InkOver { color, ink, preset, limit } => {
            let preset = preset_zh(preset);
            format!("{color} 总墨量 {ink:.0}%，超过“{preset}”预设的 {limit:.0}%；请减少青、品红或黄")
        }
        P::ThinRule { kind, width, min } => {
            let what = match kind {
                RuleKind::MultiInk => "多色线条",
                RuleKind::Tinted => "网线线条",
                RuleKind::Solid => "实地线条",
            };
            format!("{what}粗 {width} pt，细于 {min} pt；请加粗")
        }
        P::PageTooSmall { index, w, h, min } => {
            format!("第 {} 版只有 {w:.3} × {h:.3} 毫米，边长小于 {min} 毫米；请给出实际尺寸", index + 1)
        }
        P::GridLeading { index, leading, size } => {
            format!("第 {} 版正文网格行距 {leading} pt 不到字号 {size} pt 的一半：行会叠印", index + 1)
        }
        P::OffPage => "元素完全在版面之外，不会印出；请移回版面或删除".to_string(),
        P::TightLeading { story, paragraph, more, leading, size, .. } => {
            let more = if *more > 0 { format!("（另有 {more} 段）") } else { String::new() };
            format!(
                "文章 {story} 第 {} 段{more}：行距 {leading} pt 不到字号 {size} pt 的一半，行会叠印；请把行距设为至少 {} pt（正文一般为字号的 1.2 到 1.6 倍）",
                paragraph + 1,
                size * crate::check::MIN_LEADING_RATIO
            )
        }
    }
}

/// What went wrong laying out an element, in the UI's language.
pub fn layout_problem(lang: Lang, p: &crate::layout::problem::LayoutProblem) -> String {
    match lang {
        Lang::En => p.to_string(),
        Lang::Zh => layout_problem_zh(p),
    }
}

fn layout_problem_zh(p: &crate::layout::problem::LayoutProblem) -> String {
    use crate::layout::image::ImageError as I;
    use crate::layout::problem::LayoutProblem as L;
    match p {
        L::Image(e) => match e {
            I::Missing(path) => format!("找不到图片 {}", path.display()),
            I::Unreadable { path, message } => format!("图片 {} 无法读取：{message}", path.display()),
            I::NotRegularFile(path) => format!("图片 {} 不是普通文件（设备、管道等不能当图片读）", path.display()),
            I::FileTooLarge { path, size_mb, max_mb } => {
                let size = size_mb.map_or(String::new(), |mb| format!("有 {mb} MB，"));
                format!("图片 {} 文件{size}超过 {max_mb} MB", path.display())
            }
            I::JpegTruncated(path) => {
                format!("图片 {}：JPEG 文件不完整或已损坏（数据在图像结束前就断了）；请重新索取文件", path.display())
            }
            I::TooManyPixels { path, max_mb, max_side } => format!(
                "图片 {} 太大，无法解码（像素数据超过 {max_mb} MB 或边长超过 {max_side} 像素）；请先缩小",
                path.display()
            ),
            I::NotAnImage(path) => {
                format!("图片 {} 不是 PNG、JPEG 或 PDF 文件；请另存为其中一种格式", path.display())
            }
            I::Undecodable { path, message } => {
                format!("图片 {} 已损坏或格式不受支持，无法解码（解码器：{message}）", path.display())
            }
            I::Pdf { path, error } => format!("PDF 文件 {}：{}", path.display(), pdf_load_zh(error)),
        },
        L::QrEncode(qrcode::types::QrError::DataTooLong) => {
            "二维码内容太长，最大的二维码也装不下；请缩短内容或降低纠错等级".to_string()
        }
        L::QrEncode(e) => format!("二维码内容无法编码：{e}"),
        L::TableTaller { over_mm } => format!("表格比表框高 {over_mm:.1} 毫米；请加高表框或删减内容"),
        L::JumpLineTooLong { text, column_mm, least_percent } => format!(
            "转版行{text}在 {column_mm:.1} 毫米宽的栏里一行放不下（缩到 {least_percent}% 也不行）；请加宽栏或缩短版名"
        ),
    }
}

fn pdf_load_zh(e: &crate::layout::placed_pdf::PdfLoadError) -> String {
    use crate::layout::placed_pdf::PdfLoadError as E;
    match e {
        E::NotPdf => "不是 PDF 文件（没有 %PDF- 文件头）".to_string(),
        E::Truncated => "PDF 文件不完整（末尾没有 %%EOF）；请重新索取文件".to_string(),
        E::Encrypted => "PDF 已加密；请索取未加密的文件".to_string(),
        E::Unreadable(message) => format!("PDF 无法读取：{message}"),
        E::ParserGaveUp => "PDF 无法读取（解析失败）".to_string(),
        E::TooManyObjects { count, max } => format!("PDF 有 {count} 个对象，超过 {max} 个"),
        E::NoSuchPage { count, page } => format!("PDF 只有 {count} 页，没有第 {page} 页"),
        E::BadPage { page, message } => format!("第 {page} 页无法读取：{message}"),
        E::BadRotate { page, rotate } => format!("第 {page} 页旋转 {rotate} 度，不是 90 的倍数"),
        E::NoPageBox { page } => format!("第 {page} 页没有可用的页面框"),
        E::BadContent { page, message } => format!("第 {page} 页的内容无法读取：{message}"),
    }
}

fn placed_pdf_zh(f: &crate::layout::placed_pdf::PdfFinding) -> String {
    use crate::layout::placed_pdf::PdfFinding as F;
    match f {
        F::FontsNotEmbedded { file, fonts } => {
            format!("置入的 PDF {file} 有未嵌入的字体：{}；请索取嵌入了字体的广告文件", fonts.join("、"))
        }
        F::Rgb { file } => {
            format!("置入的 PDF {file} 使用 RGB 颜色，印刷机不能照原样印刷；请索取 CMYK（PDF/X-1a）版本的广告")
        }
        F::InkOver { file, ink, limit } => {
            format!("置入的 PDF {file} 有总墨量 {ink:.0}% 的颜色，超过预设的 {limit:.0}%；请索取适合本纸张的版本")
        }
        F::Spots { file, spots } => format!("置入的 PDF {file} 使用专色（{}），会多出印版", spots.join("、")),
    }
}

/// An export preset's name in Chinese.
fn preset_zh(name: &str) -> &str {
    match name {
        "newsprint" => "新闻纸",
        "coated" => "铜版纸",
        "screen" => "屏幕",
        other => other,
    }
}
