//! Paragraph and character styles: named styles with based-on inheritance, resolved for layout.

use std::collections::BTreeMap;

use crate::color::Color;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Align {
    Left,
    Center,
    Right,
    /// Justified, the last line flush left.
    #[default]
    Justify,
    /// Every line spread to the full measure (均排), the last included.
    Distribute,
}

/// Line-breaking prohibition level (禁则, rules 11–12).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Kinsoku {
    None,
    #[default]
    Basic,
    Gb,
    Strict,
}

/// Punctuation width style (rule 20).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PunctStyle {
    /// All marks full width (全角).
    #[default]
    Full,
    /// 。！？ full width, the others half (开明).
    Kaiming,
    /// All marks half width (半角).
    Half,
}

/// Style properties as written: every one optional, so styles can inherit and override.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StyleProps {
    pub font_family: Option<String>,
    pub bold: Option<bool>,
    pub size: Option<f32>,
    /// Line pitch, baseline to baseline, in points.
    pub leading: Option<f32>,
    pub align: Option<Align>,
    /// First-line indent in em of the paragraph's size.
    pub indent: Option<f32>,
    pub space_before: Option<f32>,
    pub space_after: Option<f32>,
    pub color: Option<Color>,
    pub kinsoku: Option<Kinsoku>,
    pub punct: Option<PunctStyle>,
    /// Han–Latin spacing in em (0 turns it off).
    pub han_latin_space: Option<f32>,
    /// Hanging punctuation (rule 18): 、，。 may hang past the line's end.
    pub hanging: Option<bool>,
    /// Numbers keep their unit signs and Chinese units on their line (1000万元, 12月28日).
    pub keep_units: Option<bool>,
}

impl StyleProps {
    /// `self` with every property `over` sets replaced.
    pub fn merged(&self, over: &StyleProps) -> StyleProps {
        StyleProps {
            font_family: over.font_family.clone().or_else(|| self.font_family.clone()),
            bold: over.bold.or(self.bold),
            size: over.size.or(self.size),
            leading: over.leading.or(self.leading),
            align: over.align.or(self.align),
            indent: over.indent.or(self.indent),
            space_before: over.space_before.or(self.space_before),
            space_after: over.space_after.or(self.space_after),
            color: over.color.or(self.color),
            kinsoku: over.kinsoku.or(self.kinsoku),
            punct: over.punct.or(self.punct),
            han_latin_space: over.han_latin_space.or(self.han_latin_space),
            hanging: over.hanging.or(self.hanging),
            keep_units: over.keep_units.or(self.keep_units),
        }
    }
}

/// A paragraph style with every property decided.
#[derive(Clone, Debug, PartialEq)]
pub struct ParagraphStyle {
    pub font_family: String,
    pub bold: bool,
    pub size: f32,
    pub leading: f32,
    pub align: Align,
    pub indent: f32,
    pub space_before: f32,
    pub space_after: f32,
    pub color: Color,
    pub kinsoku: Kinsoku,
    pub punct: PunctStyle,
    pub han_latin_space: f32,
    pub hanging: bool,
    /// Numbers stay on one line with their Chinese units (on unless a style turns it off;
    /// 禁则 `none` turns it off too).
    pub keep_units: bool,
    /// Whether an opening bracket at a line's start loses its blank half (rule 17 allows it;
    /// off keeps the left edge's ink clear of the gutter).
    pub trim_line_start: bool,
}

impl Default for ParagraphStyle {
    /// 五号 Noto Serif SC body text, pitch 1.5 em, justified, 2 em indent (rules 4, 8, 22).
    fn default() -> Self {
        ParagraphStyle {
            font_family: "Noto Serif SC".into(),
            bold: false,
            size: 10.5,
            leading: 15.75,
            align: Align::Justify,
            indent: 2.0,
            space_before: 0.0,
            space_after: 0.0,
            color: Color::BLACK,
            kinsoku: Kinsoku::Basic,
            punct: PunctStyle::Full,
            han_latin_space: 0.25,
            hanging: false,
            keep_units: true,
            trim_line_start: false,
        }
    }
}

impl ParagraphStyle {
    /// This style with `props` applied on top. A size given without leading keeps the pitch ratio.
    pub fn apply(&self, props: &StyleProps) -> ParagraphStyle {
        let size = props.size.unwrap_or(self.size);
        let leading =
            props.leading.unwrap_or(if props.size.is_some() { self.leading / self.size * size } else { self.leading });
        ParagraphStyle {
            font_family: props.font_family.clone().unwrap_or_else(|| self.font_family.clone()),
            bold: props.bold.unwrap_or(self.bold),
            size,
            leading,
            align: props.align.unwrap_or(self.align),
            indent: props.indent.unwrap_or(self.indent),
            space_before: props.space_before.unwrap_or(self.space_before),
            space_after: props.space_after.unwrap_or(self.space_after),
            color: props.color.unwrap_or(self.color),
            kinsoku: props.kinsoku.unwrap_or(self.kinsoku),
            punct: props.punct.unwrap_or(self.punct),
            han_latin_space: props.han_latin_space.unwrap_or(self.han_latin_space),
            hanging: props.hanging.unwrap_or(self.hanging),
            keep_units: props.keep_units.unwrap_or(self.keep_units),
            trim_line_start: self.trim_line_start,
        }
    }
}

/// Character-level settings: on a run, its named character style and overrides on it; in the
/// style sheet, a named character style's settings.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CharStyle {
    /// The named character style (强调, 数字…) under the run's own settings.
    pub name: Option<String>,
    pub font_family: Option<String>,
    pub bold: Option<bool>,
    pub size: Option<f32>,
    pub color: Option<Color>,
}

/// A named paragraph style.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct NamedStyle {
    pub based_on: Option<String>,
    /// The style of a paragraph begun by Enter at the end of one of this style (主题 → 正文).
    pub next: Option<String>,
    pub props: StyleProps,
}

/// The document's named paragraph styles.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StyleSheet {
    /// The document's defaults, under every paragraph style.
    pub defaults: StyleProps,
    pub paragraph: BTreeMap<String, NamedStyle>,
    /// Named character styles, applied to runs.
    pub character: BTreeMap<String, CharStyle>,
}

impl StyleSheet {
    /// A run's settings: its named character style, with the run's own settings over it.
    pub fn resolve_run(&self, run: &CharStyle) -> CharStyle {
        let Some(named) = run.name.as_deref().and_then(|n| self.character.get(n)) else { return run.clone() };
        CharStyle {
            name: run.name.clone(),
            font_family: run.font_family.clone().or_else(|| named.font_family.clone()),
            bold: run.bold.or(named.bold),
            size: run.size.or(named.size),
            color: run.color.or(named.color),
        }
    }

    /// The resolved style named `name` (following based-on links; cycles are cut).
    pub fn resolve(&self, name: Option<&str>, overrides: &StyleProps) -> ParagraphStyle {
        let mut chain = Vec::new();
        let mut next = name;
        while let Some(n) = next {
            if chain.len() > 16 || chain.iter().any(|(c, _): &(&str, _)| *c == n) {
                break;
            }
            match self.paragraph.get(n) {
                Some(style) => {
                    chain.push((n, &style.props));
                    next = style.based_on.as_deref();
                }
                None => break,
            }
        }
        let mut style = ParagraphStyle::default().apply(&self.defaults);
        for (_, props) in chain.iter().rev() {
            style = style.apply(props);
        }
        style.apply(overrides)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn based_on_chain_resolves_and_overrides_win() {
        let mut sheet = StyleSheet::default();
        sheet.paragraph.insert(
            "正文".into(),
            NamedStyle {
                based_on: None,
                next: None,
                props: StyleProps { size: Some(10.0), leading: Some(15.0), ..Default::default() },
            },
        );
        sheet.paragraph.insert(
            "作者".into(),
            NamedStyle {
                based_on: Some("正文".into()),
                next: None,
                props: StyleProps {
                    font_family: Some("News Kai".into()),
                    align: Some(Align::Right),
                    ..Default::default()
                },
            },
        );
        let s = sheet.resolve(Some("作者"), &StyleProps { size: Some(9.0), ..Default::default() });
        assert_eq!(s.font_family, "News Kai");
        assert_eq!(s.align, Align::Right);
        assert_eq!(s.size, 9.0);
        assert!((s.leading - 13.5).abs() < 1e-4, "leading scales with size when not given");
    }

    #[test]
    fn cyclic_based_on_does_not_loop() {
        let mut sheet = StyleSheet::default();
        sheet
            .paragraph
            .insert("a".into(), NamedStyle { based_on: Some("b".into()), next: None, props: StyleProps::default() });
        sheet
            .paragraph
            .insert("b".into(), NamedStyle { based_on: Some("a".into()), next: None, props: StyleProps::default() });
        let s = sheet.resolve(Some("a"), &StyleProps::default());
        assert_eq!(s, ParagraphStyle::default());
    }
}
