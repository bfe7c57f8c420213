//! Inspector sections for how an element looks and sits on the page: fill and stroke in CMYK,
//! and text wrap (图文互斥) around it.

use super::fields::number;
use super::i18n::Strings;
use crate::color::Color;
use crate::model::Stroke;
use crate::units::{mm_to_pt, pt_to_mm};

pub fn color_ui(ui: &mut egui::Ui, label: &str, color: &mut Color) {
    let [c0, m0, y0, k0] = match *color {
        Color::Cmyk { c, m, y, k } => [c, m, y, k],
        Color::Gray(k) => [0.0, 0.0, 0.0, k],
        Color::Rgb { .. } => {
            let [r, g, b] = color.to_rgb8();
            let k = 100.0 - r.max(g).max(b) as f32 / 2.55;
            [0.0, 0.0, 0.0, k]
        }
    };
    let mut v = [c0, m0, y0, k0];
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let [r, g, b] = color.to_rgb8();
        let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
        ui.painter().rect_filled(rect, 2.0, egui::Color32::from_rgb(r, g, b));
        for (i, name) in ["C", "M", "Y", "K"].iter().enumerate() {
            number(ui, name, &mut v[i], 0.0..=100.0, |d| d.prefix(*name).speed(0.5).max_decimals(0))
                .labelled_by(label.id);
        }
    });
    if v != [c0, m0, y0, k0] {
        *color = Color::Cmyk { c: v[0], m: v[1], y: v[2], k: v[3] };
    }
}

pub fn optional_color(ui: &mut egui::Ui, s: &Strings, label: &str, color: &mut Option<Color>) {
    let mut on = color.is_some();
    ui.checkbox(&mut on, label);
    match (on, color.as_mut()) {
        (true, Some(c)) => color_ui(ui, s.color, c),
        (true, None) => *color = Some(Color::Cmyk { c: 0.0, m: 0.0, y: 0.0, k: 20.0 }),
        (false, _) => *color = None,
    }
}

pub fn stroke_ui(ui: &mut egui::Ui, s: &Strings, stroke: &mut Option<Stroke>) {
    let mut on = stroke.is_some();
    let label = ui.checkbox(&mut on, s.stroke);
    match (on, stroke.as_mut()) {
        (true, Some(st)) => {
            number(ui, s.stroke, &mut st.width, 0.0..=50.0, |d| d.speed(0.05).suffix(" pt")).labelled_by(label.id);
            color_ui(ui, s.color, &mut st.color);
        }
        (true, None) => *stroke = Some(Stroke { width: 0.5, color: Color::BLACK }),
        (false, _) => *stroke = None,
    }
}

/// Text wrap (图文互斥) around an element: on or off, the distance kept free on each side in mm,
/// the side text takes, and the narrowest span set beside it.
pub fn wrap_ui(ui: &mut egui::Ui, s: &Strings, element: &str, wrap: &mut Option<crate::model::Wrap>) {
    use crate::model::{Wrap, WrapSide};
    // Turned off and on again, the element's wrap comes back as it was (this session).
    let last = egui::Id::unique("last-wrap").with(element);
    let mut on = wrap.is_some();
    ui.checkbox(&mut on, s.wrap).on_hover_text(s.wrap_hint);
    match (on, wrap.as_mut()) {
        (true, Some(w)) => {
            ui.horizontal(|ui| {
                let label = ui.label(s.wrap_offset);
                for (side, pt) in s.wrap_sides.iter().zip(w.offset.iter_mut()) {
                    let mut mm = pt_to_mm(*pt);
                    let name = format!("{} {side}", s.wrap_offset);
                    number(ui, &name, &mut mm, 0.0..=1000.0, |d| d.prefix(*side).speed(0.1).max_decimals(1))
                        .labelled_by(label.id);
                    // Only a changed value is written back (mm → pt → mm is not exact).
                    if mm != pt_to_mm(*pt) {
                        *pt = mm_to_pt(mm);
                    }
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label(s.wrap_side);
                let names = [
                    (WrapSide::Largest, s.wrap_largest),
                    (WrapSide::Left, s.wrap_left),
                    (WrapSide::Right, s.wrap_right),
                ];
                let shown = names.iter().find(|(side, _)| *side == w.side).map_or("", |(_, n)| n);
                egui::ComboBox::from_id_salt("wrap-side")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for (side, name) in names {
                            ui.selectable_value(&mut w.side, side, name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                let label = ui.label(s.wrap_min_span);
                number(ui, s.wrap_min_span, &mut w.min_span, 1.0..=100.0, |d| d.speed(0.1).max_decimals(1))
                    .labelled_by(label.id);
            });
        }
        (true, None) => {
            let gap = mm_to_pt(2.0);
            let fresh = Wrap { offset: [gap; 4], side: WrapSide::Largest, min_span: Wrap::DEFAULT_MIN_SPAN };
            *wrap = Some(ui.data(|d| d.get_temp::<Wrap>(last)).unwrap_or(fresh));
        }
        (false, Some(w)) => {
            let w = *w;
            ui.data_mut(|d| d.insert_temp(last, w));
            *wrap = None;
        }
        (false, None) => {}
    }
}
