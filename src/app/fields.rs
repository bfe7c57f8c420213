//! Number fields (inspector and dialogs). A typed value applies when the field is left or Enter
//! is pressed, never half-typed ("-", "150."), and Esc puts the old value back; dragging
//! applies as it goes. A typed value past the field's range keeps the nearest allowed one, and
//! text that is no number changes nothing: both are noted, and the editor says them.

use std::ops::RangeInclusive;

use egui::emath::Numeric;

/// What a number field noted about what was typed into it.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldNote {
    OutOfRange { field: String, typed: f64, min: f64, max: f64 },
    NotANumber { field: String, text: String },
}

fn notes_id() -> egui::Id {
    egui::Id::unique("paiban-field-notes")
}

/// A number field named `field` (for what is said about it) holding `value` within `range`;
/// `style` sets its speed, decimals, suffix.
pub fn number<'a, N: Numeric>(
    ui: &mut egui::Ui,
    field: &str,
    value: &'a mut N,
    range: RangeInclusive<N>,
    style: impl FnOnce(egui::DragValue<'a>) -> egui::DragValue<'a>,
) -> egui::Response {
    // egui takes a field's text one or two frames after Esc let go of it (it counts a field
    // focused two frames ago as just left): for those frames the old value stands.
    let id = ui.next_auto_id();
    let cancelled_at = id.with("cancelled");
    let pass = ui.ctx().cumulative_pass_nr();
    let cancelled = ui.data(|d| d.get_temp::<u64>(cancelled_at)).is_some_and(|at| pass <= at + 2);
    let old = value.to_f64();
    let typed = std::rc::Rc::new(std::cell::RefCell::new(None::<(String, Option<f64>)>));
    let seen = typed.clone();
    let field_value = style(egui::DragValue::new(value))
        .range(range.clone())
        .update_while_editing(false)
        .custom_parser(move |text| {
            if cancelled {
                return Some(old);
            }
            let parsed = parse(text);
            *seen.borrow_mut() = Some((text.to_string(), parsed));
            parsed
        });
    let response = ui.add(field_value);
    if ui.input(|i| i.key_pressed(egui::Key::Escape)) && ui.memory(|m| m.had_focus_last_frame(id)) {
        ui.data_mut(|d| d.insert_temp(cancelled_at, pass));
    }
    let (min, max) = (range.start().to_f64(), range.end().to_f64());
    let note = match typed.borrow_mut().take() {
        Some((text, None)) => Some(FieldNote::NotANumber { field: field.to_string(), text: text.trim().to_string() }),
        Some((_, Some(typed))) if typed < min || typed > max => {
            Some(FieldNote::OutOfRange { field: field.to_string(), typed, min, max })
        }
        _ => None,
    };
    if let Some(note) = note {
        ui.ctx().data_mut(|d| d.get_temp_mut_or_default::<Vec<FieldNote>>(notes_id()).push(note));
    }
    response
}

/// The notes the fields made this frame (each said once).
pub fn take_notes(ctx: &egui::Context) -> Vec<FieldNote> {
    ctx.data_mut(|d| d.remove_temp::<Vec<FieldNote>>(notes_id())).unwrap_or_default()
}

/// A typed number: a unit after it (mm, pt, %) and full-width digits, signs and points are
/// taken.
fn parse(text: &str) -> Option<f64> {
    let ascii: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            other => other,
        })
        .collect();
    let number = ascii.trim().trim_end_matches(|c: char| c.is_alphabetic() || c == '%' || c.is_whitespace());
    number.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// What a note says, in the UI's language.
pub fn say(s: &super::i18n::Strings, note: &FieldNote) -> String {
    use super::i18n::fill;
    let short = |v: f64| format!("{}", (v * 100.0).round() / 100.0);
    match note {
        FieldNote::OutOfRange { field, typed, min, max } => {
            let kept = typed.clamp(*min, *max);
            fill(&fill(&fill(&fill(s.field_out_of_range, field), short(*min)), short(*max)), short(kept))
        }
        FieldNote::NotANumber { field, text } => fill(&fill(s.field_not_a_number, field), text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_take_units_and_full_width_digits() {
        assert_eq!(parse("150.5"), Some(150.5));
        assert_eq!(parse(" -50 "), Some(-50.0));
        assert_eq!(parse("12 mm"), Some(12.0));
        assert_eq!(parse("10.5pt"), Some(10.5));
        assert_eq!(parse("１２．５"), Some(12.5));
        assert_eq!(parse("abc"), None);
        assert_eq!(parse("1e999"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn notes_say_the_field_its_range_and_what_was_kept() {
        let note = FieldNote::OutOfRange { field: "宽".into(), typed: 99999.0, min: 1.0, max: 5000.0 };
        assert_eq!(say(&super::super::i18n::ZH, &note), "宽只能在 1 到 5000 之间，已取 5000");
        let note = FieldNote::NotANumber { field: "Width".into(), text: "abc".into() };
        assert_eq!(say(&super::super::i18n::EN, &note), "Width: “abc” is not a number; not changed");
    }
}
