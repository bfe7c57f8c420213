//! Why a layout file was refused: one variant per rule, carrying the names and figures.
//! `Display` gives the command line's English; the editor words the same causes in its own
//! language. serde's and serde_json's errors arrive as text: they are read back into typed
//! causes here, at the boundary, and anything not recognised keeps serde's words.

use std::cell::RefCell;
use std::fmt;
use std::path::PathBuf;

use super::OutsideReason;

/// A number a layout file gives, as the errors about it name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    PageWidth,
    PageHeight,
    Margin,
    Gutter,
    GridFontSize,
    GridLeading,
    Bleed,
    X,
    Y,
    Width,
    Height,
    WrapOffset,
    MinimumSpan,
    ColumnGap,
    Inset,
    Scale,
    Offset,
    Tint,
    LineWidth,
    ColumnWidth,
    FontSize,
    BorderWidth,
    Padding,
    Leading,
    Indent,
    SpaceBefore,
    SpaceAfter,
    HanLatinSpace,
}

impl Quantity {
    /// The command line's name for it.
    pub fn en(self) -> &'static str {
        use Quantity as Q;
        match self {
            Q::PageWidth => "page width",
            Q::PageHeight => "page height",
            Q::Margin => "margin",
            Q::Gutter => "gutter",
            Q::GridFontSize => "grid font size",
            Q::GridLeading => "grid leading",
            Q::Bleed => "bleed",
            Q::X => "x",
            Q::Y => "y",
            Q::Width => "width",
            Q::Height => "height",
            Q::WrapOffset => "wrap offset",
            Q::MinimumSpan => "minimum span",
            Q::ColumnGap => "column gap",
            Q::Inset => "inset",
            Q::Scale => "scale",
            Q::Offset => "offset",
            Q::Tint => "tint",
            Q::LineWidth => "line width",
            Q::ColumnWidth => "column width",
            Q::FontSize => "font size",
            Q::BorderWidth => "border width",
            Q::Padding => "padding",
            Q::Leading => "leading",
            Q::Indent => "indent",
            Q::SpaceBefore => "space_before",
            Q::SpaceAfter => "space_after",
            Q::HanLatinSpace => "han_latin_space",
        }
    }
}

/// What is wrong with a layout file, at the JSON path its `FormatError` names.
#[derive(Clone, Debug, PartialEq)]
pub enum FormatErrorKind {
    /// The JSON text, or its shapes, as serde found them.
    Json(JsonCause),
    /// A font size or colour spelled in no way the file knows.
    Value(ValueProblem),
    /// Nothing but blanks in the file.
    Empty,
    FormatMissing,
    FormatNotWhole(String),
    FormatNewer {
        found: u32,
        reads: u32,
    },
    FormatOlder {
        found: u32,
        reads: u32,
    },
    NotANumber {
        what: Quantity,
        value: f32,
    },
    OutOfRange {
        what: Quantity,
        value: f32,
        min: f32,
        max: f32,
    },
    NotPositive(Quantity),
    SwatchUnnamed,
    SwatchNotInk,
    SwatchOfSwatch,
    SwatchTwin(String),
    NoSwatch {
        name: String,
        have: Vec<String>,
    },
    NoStyle(String),
    NoCharStyle(String),
    TextAndRuns,
    MasterUnnamed,
    NoMaster(String),
    VariableName,
    VariableTooLong {
        chars: usize,
        max: usize,
    },
    NoPages,
    PageColumns(u32),
    PageLabel,
    StoryIdTwice(String),
    StoryNoFrames,
    NotTextFrame(String),
    NoSuchElement(String),
    MasterFrameChained(String),
    FrameHeld {
        frame: String,
        story: String,
    },
    StoryTooLong(usize),
    FilledStoryTooLong(usize),
    ElementNoId,
    IdTwice(String),
    InsetTooBig,
    ColumnsTooWide(u32),
    FrameColumns(u32),
    QrNoPayload,
    QrQuietZone,
    ImageNoPath,
    PdfPage,
    TableColumns,
    TableRows,
    TableAligns,
    TableHeaderRows,
    SpanZero,
    RowTooWide {
        span: usize,
        columns: usize,
    },
    RowOverfull,
    /// An image or placed PDF whose file lies outside the layout's folder.
    LinkOutside {
        link: String,
        why: OutsideReason,
        folder: PathBuf,
    },
}

impl fmt::Display for FormatErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use FormatErrorKind as K;
        match self {
            K::Json(c) => c.fmt(f),
            K::Value(v) => v.fmt(f),
            K::Empty => f.write_str("the file is empty: there is no layout in it"),
            K::FormatMissing => f.write_str("missing: a layout file starts with \"format\": 1"),
            K::FormatNotWhole(v) => write!(f, "expected a whole number, found {v}"),
            K::FormatNewer { found, reads } => {
                write!(f, "format {found} is newer than this paiban reads ({reads}); update paiban")
            }
            K::FormatOlder { found, reads } => write!(f, "format {found} is not supported (this paiban reads {reads})"),
            K::NotANumber { what, value } => write!(f, "{} must be a number, found {value}", what.en()),
            K::OutOfRange { what, value, min, max } => {
                write!(f, "{} {value} is out of range ({min} to {max})", what.en())
            }
            K::NotPositive(what) => write!(f, "{} must be greater than 0", what.en()),
            K::SwatchUnnamed => f.write_str("a swatch needs a name of its own"),
            K::SwatchNotInk => f.write_str("a swatch is an ink: give it in CMYK or grey"),
            K::SwatchOfSwatch => f.write_str("a swatch is a colour value, not another swatch"),
            K::SwatchTwin(name) => {
                write!(f, "the same colour as swatch \"{name}\"; colours are tied to swatches by value")
            }
            K::NoSwatch { name, have } => write!(f, "no swatch named \"{name}\" (have: {})", have.join(", ")),
            K::NoStyle(name) => write!(f, "no style named \"{name}\""),
            K::NoCharStyle(name) => write!(f, "no character style named \"{name}\""),
            K::TextAndRuns => f.write_str("give either \"text\" or \"runs\", not both"),
            K::MasterUnnamed => f.write_str("a master page needs an id of its own"),
            K::NoMaster(m) => write!(f, "no master page \"{m}\""),
            K::VariableName => f.write_str("a variable's name has no braces and is not empty"),
            K::VariableTooLong { chars, max } => {
                write!(f, "the value has {chars} characters, more than {max}; a field is a date or a name, not a story")
            }
            K::NoPages => f.write_str("a layout needs at least one page"),
            K::PageColumns(n) => write!(f, "{n} columns: use 1 to 60"),
            K::PageLabel => f.write_str("a page label has 1 to 32 characters"),
            K::StoryIdTwice(id) => write!(f, "story id \"{id}\" is used twice"),
            K::StoryNoFrames => f.write_str("a story needs at least one text frame to flow into"),
            K::NotTextFrame(id) => write!(f, "\"{id}\" is not a text frame"),
            K::NoSuchElement(id) => write!(f, "\"{id}\" is no element's id"),
            K::MasterFrameChained(id) => write!(f, "\"{id}\" is on a master page: its story flows into it alone"),
            K::FrameHeld { frame, story } => write!(f, "frame \"{frame}\" already holds story \"{story}\""),
            K::StoryTooLong(max) => {
                write!(f, "the story passes {max} characters here; split it into stories of its own")
            }
            K::FilledStoryTooLong(max) => write!(
                f,
                "with its fields ({{…}}) filled in, the story passes {max} characters here; use fewer or shorter fields"
            ),
            K::ElementNoId => f.write_str("an element needs a non-empty id"),
            K::IdTwice(id) => write!(f, "id \"{id}\" is used twice"),
            K::InsetTooBig => f.write_str("the inset leaves no room for text"),
            K::ColumnsTooWide(n) => write!(f, "{n} columns with this gap do not fit in the frame's width"),
            K::FrameColumns(n) => write!(f, "{n} columns: use 1 to 20"),
            K::QrNoPayload => f.write_str("a QR code needs a payload"),
            K::QrQuietZone => f.write_str("quiet zone over 40 modules"),
            K::ImageNoPath => f.write_str("an image needs a file path"),
            K::PdfPage => f.write_str("page must be from 1 to 100000"),
            K::TableColumns => f.write_str("a table needs 1 to 100 columns"),
            K::TableRows => f.write_str("a table needs 1 to 10000 rows"),
            K::TableAligns => f.write_str("more alignments than columns"),
            K::TableHeaderRows => f.write_str("more header rows than rows"),
            K::SpanZero => f.write_str("spans start at 1"),
            K::RowTooWide { span, columns } => write!(f, "{span} cells wide, but the table has {columns} columns"),
            K::RowOverfull => f.write_str("more cells than the columns left free by spans from rows above"),
            K::LinkOutside { link, why, folder } => {
                let why = match why {
                    OutsideReason::Absolute => "is an absolute path".to_string(),
                    OutsideReason::ParentDir => "goes up out of the folder (..)".to_string(),
                    OutsideReason::ThroughLink(real) => format!("leads through a link to {}", real.display()),
                };
                write!(
                    f,
                    "\"{link}\" {why}; a layout reads files only inside its folder ({}) and its subfolders (allow others with --allow-links-outside)",
                    folder.display()
                )
            }
        }
    }
}

/// A value with more than one spelling (`value.rs`) that matches none of them.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueProblem {
    UnknownSizeName(String),
    /// A size that is neither a number nor a string (the JSON found).
    SizeType(String),
    SwatchNameNotString,
    /// A swatch's tint outside 0–100 (the JSON found).
    TintNotPercent(String),
    SwatchColourKey(String),
    /// A colour component outside 0–100 (the JSON found).
    NotPercent(String),
    BadHex(String),
    CmykNotFour,
    ColourShape,
    /// A colour of the wrong JSON type (the JSON found).
    ColourType(String),
    /// A style, character style or variable name given twice.
    DefinedTwice(String),
}

/// How a colour may be written, for the errors about colours.
const HINT: &str = "a colour is \"#rrggbb\", {\"cmyk\": [c, m, y, k]}, {\"gray\": k} (percentages) or {\"swatch\": name, \"tint\": percent}";

impl fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ValueProblem as V;
        match self {
            V::UnknownSizeName(s) => {
                write!(f, "unknown size name \"{s}\" (use points or a 号 name such as 五号, 小初)")
            }
            V::SizeType(found) => write!(f, "expected a size in points or a 号 name, found {found}"),
            V::SwatchNameNotString => write!(f, "a swatch is named by a string; {HINT}"),
            V::TintNotPercent(t) => write!(f, "tint {t} is not a percentage from 0 to 100"),
            V::SwatchColourKey(k) => write!(f, "unknown key \"{k}\" in a swatch colour; {HINT}"),
            V::NotPercent(x) => write!(f, "{x} is not a percentage from 0 to 100; {HINT}"),
            V::BadHex(s) => write!(f, "\"{s}\": {HINT}"),
            V::CmykNotFour => write!(f, "cmyk takes four numbers; {HINT}"),
            V::ColourShape => f.write_str(HINT),
            V::ColourType(found) => write!(f, "{found}: {HINT}"),
            V::DefinedTwice(name) => write!(f, "\"{name}\" is defined twice; give each name once"),
        }
    }
}

thread_local! {
    /// The typed cause of the newest custom serde error made on this thread (serde keeps only
    /// its text): read back when the text is the same.
    static LAST_CUSTOM: RefCell<Option<ValueProblem>> = const { RefCell::new(None) };
}

/// A serde error for `p`, remembered so the loader can report it typed.
pub(crate) fn custom<E: serde::de::Error>(p: ValueProblem) -> E {
    let e = E::custom(&p);
    LAST_CUSTOM.with(|last| *last.borrow_mut() = Some(p));
    e
}

/// Forgets any remembered custom error (before a new file is read).
pub(crate) fn forget_custom() {
    LAST_CUSTOM.with(|last| last.borrow_mut().take());
}

/// A serde_json syntax error (the JSON text itself is broken).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    EofInList,
    EofInObject,
    EofInString,
    EofInValue,
    ExpectedColon,
    ExpectedCommaOrBracket,
    ExpectedCommaOrBrace,
    ExpectedIdent,
    ExpectedValue,
    ExpectedQuote,
    InvalidEscape,
    InvalidNumber,
    NumberOutOfRange,
    InvalidCodePoint,
    ControlCharacter,
    KeyNotString,
    LoneSurrogate,
    TrailingComma,
    TrailingCharacters,
    HexEscapeEnd,
    RecursionLimit,
}

/// serde_json's words for each syntax error.
const SYNTAX: [(Syntax, &str); 21] = [
    (Syntax::EofInList, "EOF while parsing a list"),
    (Syntax::EofInObject, "EOF while parsing an object"),
    (Syntax::EofInString, "EOF while parsing a string"),
    (Syntax::EofInValue, "EOF while parsing a value"),
    (Syntax::ExpectedColon, "expected `:`"),
    (Syntax::ExpectedCommaOrBracket, "expected `,` or `]`"),
    (Syntax::ExpectedCommaOrBrace, "expected `,` or `}`"),
    (Syntax::ExpectedIdent, "expected ident"),
    (Syntax::ExpectedValue, "expected value"),
    (Syntax::ExpectedQuote, "expected `\"`"),
    (Syntax::InvalidEscape, "invalid escape"),
    (Syntax::InvalidNumber, "invalid number"),
    (Syntax::NumberOutOfRange, "number out of range"),
    (Syntax::InvalidCodePoint, "invalid unicode code point"),
    (Syntax::ControlCharacter, "control character (\\u0000-\\u001F) found while parsing a string"),
    (Syntax::KeyNotString, "key must be a string"),
    (Syntax::LoneSurrogate, "lone leading surrogate in hex escape"),
    (Syntax::TrailingComma, "trailing comma"),
    (Syntax::TrailingCharacters, "trailing characters"),
    (Syntax::HexEscapeEnd, "unexpected end of hex escape"),
    (Syntax::RecursionLimit, "recursion limit exceeded"),
];

/// What serde_json or serde's derived code refused.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonCause {
    Syntax(Syntax),
    /// A value of the wrong JSON type: what was found and what the file expects, in serde's
    /// words (`string "x"`, `f32`, `a sequence`, `struct FileElement`…).
    WrongType {
        found: String,
        expected: String,
    },
    InvalidValue {
        found: String,
        expected: String,
    },
    InvalidLength {
        len: usize,
        expected: String,
    },
    UnknownField {
        field: String,
        expected: Vec<String>,
    },
    UnknownVariant {
        value: String,
        expected: Vec<String>,
    },
    MissingField(String),
    DuplicateField(String),
    /// A table cell that is neither text nor a cell object.
    NoVariantMatched(String),
    /// Words no rule above recognises, as serde gave them.
    Other(String),
}

impl fmt::Display for JsonCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use JsonCause as J;
        match self {
            J::Syntax(s) => f.write_str(SYNTAX.iter().find(|(k, _)| k == s).map_or("", |(_, t)| t)),
            J::WrongType { found, expected } => write!(f, "invalid type: {found}, expected {expected}"),
            J::InvalidValue { found, expected } => write!(f, "invalid value: {found}, expected {expected}"),
            J::InvalidLength { len, expected } => write!(f, "invalid length {len}, expected {expected}"),
            J::UnknownField { field, expected } => write!(f, "unknown field `{field}`, {}", one_of(expected, "fields")),
            J::UnknownVariant { value, expected } => {
                write!(f, "unknown variant `{value}`, {}", one_of(expected, "variants"))
            }
            J::MissingField(name) => write!(f, "missing field `{name}`"),
            J::DuplicateField(name) => write!(f, "duplicate field `{name}`"),
            J::NoVariantMatched(name) => write!(f, "data did not match any variant of untagged enum {name}"),
            J::Other(text) => f.write_str(text),
        }
    }
}

/// serde's list of the names it expected.
fn one_of(names: &[String], things: &str) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => format!("there are no {things}"),
        [one] => format!("expected {one}"),
        [a, b] => format!("expected {a} or {b}"),
        all => format!("expected one of {}", all.join(", ")),
    }
}

/// Reads serde's list back (the inverse of `one_of`).
fn parse_one_of(rest: &str) -> Option<Vec<String>> {
    let names = if rest.starts_with("there are no ") {
        return Some(Vec::new());
    } else if let Some(list) = rest.strip_prefix("expected one of ") {
        list.split(", ").collect::<Vec<_>>()
    } else {
        let list = rest.strip_prefix("expected ")?;
        list.split(" or ").collect()
    };
    names.iter().map(|n| n.strip_prefix('`')?.strip_suffix('`').map(str::to_string)).collect()
}

impl FormatErrorKind {
    /// The typed cause of a serde_json error whose position has been taken off its text.
    pub(crate) fn from_serde(text: &str) -> FormatErrorKind {
        if let Some(p) = LAST_CUSTOM.with(|last| last.borrow_mut().take()).filter(|p| p.to_string() == text) {
            return FormatErrorKind::Value(p);
        }
        FormatErrorKind::Json(JsonCause::parse(text))
    }
}

impl JsonCause {
    /// Reads serde's words back into a cause; unknown words stay `Other`.
    pub fn parse(text: &str) -> JsonCause {
        Self::recognise(text).filter(|c| c.to_string() == text).unwrap_or_else(|| JsonCause::Other(text.into()))
    }

    fn recognise(text: &str) -> Option<JsonCause> {
        if let Some((s, _)) = SYNTAX.iter().find(|(_, t)| *t == text) {
            return Some(JsonCause::Syntax(*s));
        }
        let ticked = |rest: &str| -> Option<(String, String)> {
            let rest = rest.strip_prefix('`')?;
            let (name, tail) = rest.split_once("`, ")?;
            Some((name.to_string(), tail.to_string()))
        };
        let pair = |rest: &str| -> Option<(String, String)> {
            let (found, expected) = rest.rsplit_once(", expected ")?;
            Some((found.to_string(), expected.to_string()))
        };
        let single = |rest: &str| rest.strip_prefix('`')?.strip_suffix('`').map(str::to_string);
        if let Some(rest) = text.strip_prefix("invalid type: ") {
            pair(rest).map(|(found, expected)| JsonCause::WrongType { found, expected })
        } else if let Some(rest) = text.strip_prefix("invalid value: ") {
            pair(rest).map(|(found, expected)| JsonCause::InvalidValue { found, expected })
        } else if let Some(rest) = text.strip_prefix("invalid length ") {
            let (len, expected) = rest.split_once(", expected ")?;
            Some(JsonCause::InvalidLength { len: len.parse().ok()?, expected: expected.into() })
        } else if let Some(rest) = text.strip_prefix("unknown field ") {
            let (field, tail) = ticked(rest)?;
            Some(JsonCause::UnknownField { field, expected: parse_one_of(&tail)? })
        } else if let Some(rest) = text.strip_prefix("unknown variant ") {
            let (value, tail) = ticked(rest)?;
            Some(JsonCause::UnknownVariant { value, expected: parse_one_of(&tail)? })
        } else if let Some(rest) = text.strip_prefix("missing field ") {
            single(rest).map(JsonCause::MissingField)
        } else if let Some(rest) = text.strip_prefix("duplicate field ") {
            single(rest).map(JsonCause::DuplicateField)
        } else {
            let name = text.strip_prefix("data did not match any variant of untagged enum ")?;
            Some(JsonCause::NoVariantMatched(name.into()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_words_are_read_back_exactly() {
        let cases = [
            "EOF while parsing a list",
            "expected `,` or `}`",
            "trailing characters",
            "invalid type: string \"x\", expected f32",
            "invalid type: integer `3`, expected a sequence",
            "invalid value: integer `-1`, expected u32",
            "invalid length 3, expected an array of length 2",
            "unknown field `colour`, expected one of `fill`, `stroke`, `w`",
            "unknown field `x`, expected `a` or `b`",
            "unknown field `x`, expected `a`",
            "unknown field `x`, there are no fields",
            "unknown variant `circle`, expected one of `text`, `qr`, `image`",
            "missing field `pages`",
            "duplicate field `w`",
            "data did not match any variant of untagged enum FileCell",
        ];
        for text in cases {
            let cause = JsonCause::parse(text);
            assert!(!matches!(cause, JsonCause::Other(_)), "{text} was not recognised");
            assert_eq!(cause.to_string(), text);
        }
        let odd = "something serde never said";
        assert_eq!(JsonCause::parse(odd), JsonCause::Other(odd.into()));
        assert_eq!(
            JsonCause::parse("unknown field `x`, expected one of `a`, `b`, `c`"),
            JsonCause::UnknownField { field: "x".into(), expected: vec!["a".into(), "b".into(), "c".into()] }
        );
    }

    #[test]
    fn a_custom_error_comes_back_typed_only_when_its_words_match() {
        let e: serde_json::Error = custom(ValueProblem::UnknownSizeName("八号".into()));
        assert_eq!(
            FormatErrorKind::from_serde(&e.to_string()),
            FormatErrorKind::Value(ValueProblem::UnknownSizeName("八号".into()))
        );
        let _: serde_json::Error = custom(ValueProblem::CmykNotFour);
        assert!(matches!(FormatErrorKind::from_serde("missing field `w`"), FormatErrorKind::Json(_)));
    }
}
