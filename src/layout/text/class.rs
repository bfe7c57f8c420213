//! Character classes for Chinese composition and the 禁则 tables (CHINESE-TYPESETTING.md rules
//! 11–13, 19–21). Pure functions over `char`: the line breaker and the punctuation sizer ask here.

use crate::model::Kinsoku;

/// What a character is, as far as composition cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Han ideographs, kana, Hangul, full-width letters: set solid, 1 em each.
    Han,
    /// Latin letters, European digits and other proportional characters.
    Latin,
    /// A Western word space.
    Space,
    /// U+3000, a fixed 1 em space.
    IdeographicSpace,
    /// Full-width opening brackets and quotes: ink at the right of the em box.
    Open,
    /// Full-width closing brackets and quotes: ink at the left.
    Close,
    /// ，、 — ink at the lower left.
    Comma,
    /// 。 — ink at the lower left.
    Stop,
    /// ：；— ink at the left.
    Colon,
    /// ？！ — ink at the left.
    Question,
    /// · (U+00B7, U+30FB): ½ em, centred.
    MiddleDot,
    /// — (U+2014, U+2E3A): half of a 2 em dash.
    Dash,
    /// … (U+2026): half of a 2 em ellipsis.
    Ellipsis,
}

impl Class {
    /// Full-width punctuation whose width the engine controls.
    pub fn is_cjk_punct(self) -> bool {
        matches!(
            self,
            Class::Open
                | Class::Close
                | Class::Comma
                | Class::Stop
                | Class::Colon
                | Class::Question
                | Class::MiddleDot
                | Class::Dash
                | Class::Ellipsis
        )
    }

    /// Characters of the CJK world (set on the em grid), as opposed to Western text.
    pub fn is_cjk(self) -> bool {
        matches!(self, Class::Han | Class::IdeographicSpace) || self.is_cjk_punct()
    }

    /// Where the glyph's ink sits in its em box, so the engine can trim the blank half.
    pub fn ink(self) -> Ink {
        match self {
            Class::Open => Ink::Right,
            Class::Close | Class::Comma | Class::Stop | Class::Colon | Class::Question => Ink::Left,
            Class::MiddleDot | Class::Dash | Class::Ellipsis => Ink::Center,
            _ => Ink::Natural,
        }
    }
}

/// Where a punctuation glyph's ink sits in its box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ink {
    /// Drawn at its own advance from the box's left.
    Natural,
    Left,
    Right,
    Center,
}

pub fn classify(c: char) -> Class {
    match c {
        ' ' | '\t' | '\u{00A0}' | '\u{2009}' => Class::Space,
        '\u{3000}' => Class::IdeographicSpace,
        '“' | '‘' | '（' | '【' | '《' | '〈' | '「' | '『' | '〔' | '〖' | '［' | '｛' | '〘' => {
            Class::Open
        }
        '”' | '’' | '）' | '】' | '》' | '〉' | '」' | '』' | '〕' | '〗' | '］' | '｝' | '〙' => {
            Class::Close
        }
        '，' | '、' => Class::Comma,
        '。' | '．' => Class::Stop,
        '：' | '；' => Class::Colon,
        '？' | '！' => Class::Question,
        '·' | '・' => Class::MiddleDot,
        '—' | '⸺' => Class::Dash,
        '…' => Class::Ellipsis,
        c if is_han_like(c) => Class::Han,
        _ => Class::Latin,
    }
}

/// Ideographs, kana, Hangul, CJK symbols and full-width forms that are not punctuation.
fn is_han_like(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3005..=0x3007    // 々〆〇
        | 0x3021..=0x3029    // Hangzhou numerals
        | 0x3040..=0x30FF    // kana
        | 0x3100..=0x312F    // bopomofo
        | 0x3190..=0x31FF
        | 0x3200..=0x33FF    // enclosed CJK, compatibility
        | 0x3400..=0x4DBF    // Ext A
        | 0x4E00..=0x9FFF    // unified
        | 0xAC00..=0xD7AF    // Hangul
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF10..=0xFF19    // full-width digits
        | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A // full-width letters
        | 0x20000..=0x3FFFF  // Ext B and beyond
    ) || matches!(c, '①'..='⑳' | '№' | '℃' | '％' | '～')
}

/// May `c` start a line at this 禁则 level? (rules 11, 12)
pub fn may_start_line(c: char, level: Kinsoku) -> bool {
    if level == Kinsoku::None {
        return true;
    }
    let basic = matches!(
        c,
        '、' | '，'
            | '。'
            | '．'
            | '；'
            | '：'
            | '！'
            | '？'
            | '”'
            | '’'
            | '）'
            | '】'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '〕'
            | '〗'
            | '］'
            | '｝'
            | '〙'
            | '·'
            | '・'
            | '～'
            | '％'
            | '℃'
            | '々'
            | '〻'
            | 'ー'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '%'
            | '‰'
            | '‱'
            | '°'
            | '′'
            | '″'
            | '℉'
            | '–'
            | '〜'
    );
    let strict = level == Kinsoku::Strict && matches!(c, '—' | '⸺' | '…');
    !(basic || strict)
}

/// May `c` end a line at this 禁则 level? (rules 11, 12)
pub fn may_end_line(c: char, level: Kinsoku) -> bool {
    if level == Kinsoku::None {
        return true;
    }
    let basic = matches!(
        c,
        '“' | '‘' | '（' | '【' | '《' | '〈' | '「' | '『' | '〔' | '〖' | '［' | '｛' | '〘' | '(' | '[' | '{'
    );
    let gb = matches!(level, Kinsoku::Gb | Kinsoku::Strict) && c == '/';
    !(basic || gb)
}

/// Whether `a` and `b` are two halves of one 2 em dash or ellipsis, which never part (rule 13).
pub fn is_paired_mark(a: char, b: char) -> bool {
    (classify(a) == Class::Dash && classify(b) == Class::Dash) || (a == '…' && b == '…')
}

/// Unicode default-ignorable code points (ZWJ, ZWSP, soft hyphen, BOM, bidi controls,
/// variation selectors, tags…): never printed, never counted, dropped when shaping.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// European and full-width digits.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Unit signs that attach to the number before them: no space, no break (℃ ％ ‰ ° ′ ″ ℉ %).
pub fn is_unit_sign(c: char) -> bool {
    matches!(c, '℃' | '℉' | '％' | '%' | '‰' | '‱' | '°' | '′' | '″')
}

/// Range connectors between two numbers (2026—2028, 8～10, 3–5).
pub fn is_range_connector(c: char) -> bool {
    matches!(c, '—' | '–' | '～' | '~' | '〜')
}

/// Chinese units and measure words a number keeps on its line (1000万元, 12月28日, 3个月).
pub fn is_chinese_unit(c: char) -> bool {
    matches!(
        c,
        '年' | '月'
            | '日'
            | '时'
            | '点'
            | '分'
            | '秒'
            | '万'
            | '亿'
            | '千'
            | '百'
            | '元'
            | '角'
            | '个'
            | '人'
            | '次'
            | '件'
            | '岁'
            | '号'
            | '天'
            | '周'
            | '倍'
            | '名'
            | '家'
            | '户'
            | '项'
            | '辆'
            | '台'
            | '位'
            | '条'
            | '座'
            | '所'
            | '亩'
            | '吨'
            | '米'
            | '克'
            | '斤'
            | '度'
            | '届'
            | '期'
            | '版'
            | '批'
            | '轮'
            | '例'
            | '股'
            | '场'
            | '篇'
            | '本'
            | '层'
            | '楼'
            | '里'
            | '公'
            | '小'
            | '余'
            | '多'
    )
}

/// Whether Han–Latin spacing (rule 21) goes between two neighbours.
pub fn wants_han_latin_space(a: Class, b: Class) -> bool {
    (a == Class::Han && b == Class::Latin) || (a == Class::Latin && b == Class::Han)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_common_marks() {
        assert_eq!(classify('淄'), Class::Han);
        assert_eq!(classify('，'), Class::Comma);
        assert_eq!(classify('“'), Class::Open);
        assert_eq!(classify('”'), Class::Close);
        assert_eq!(classify('R'), Class::Latin);
        assert_eq!(classify('9'), Class::Latin);
        assert_eq!(classify('—'), Class::Dash);
        assert_eq!(Class::Open.ink(), Ink::Right);
        assert_eq!(Class::Stop.ink(), Ink::Left);
    }

    #[test]
    fn kinsoku_levels_differ() {
        assert!(!may_start_line('，', Kinsoku::Basic));
        assert!(may_start_line('，', Kinsoku::None));
        assert!(!may_end_line('“', Kinsoku::Basic));
        assert!(may_end_line('/', Kinsoku::Basic));
        assert!(!may_end_line('/', Kinsoku::Gb));
        assert!(may_start_line('—', Kinsoku::Gb));
        assert!(!may_start_line('—', Kinsoku::Strict));
        assert!(is_paired_mark('—', '—'));
        assert!(!is_paired_mark('—', '…'));
    }
}
