//! Every string the editor shows, in one table per language: 简体中文 (default, `zh.rs`) and
//! English (`en.rs`).

mod en;
mod zh;

pub use en::EN;
pub use zh::ZH;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// The editor's words. Add a field here, then fill it in both tables.
pub struct Strings {
    pub file: &'static str,
    pub new: &'static str,
    pub open: &'static str,
    pub recent: &'static str,
    pub save: &'static str,
    pub save_as: &'static str,
    pub export_pdf: &'static str,
    pub quit: &'static str,
    pub edit: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub cut: &'static str,
    pub copy: &'static str,
    pub paste: &'static str,
    pub duplicate: &'static str,
    pub delete: &'static str,
    pub arrange: &'static str,
    pub bring_forward: &'static str,
    pub send_backward: &'static str,
    pub bring_to_front: &'static str,
    pub send_to_back: &'static str,
    pub align_left: &'static str,
    pub align_hcenter: &'static str,
    pub align_right: &'static str,
    pub align_top: &'static str,
    pub align_vcenter: &'static str,
    pub align_bottom: &'static str,
    pub distribute_h: &'static str,
    pub distribute_v: &'static str,
    pub view: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub fit_page: &'static str,
    pub actual_size: &'static str,
    pub settings: &'static str,
    pub language: &'static str,
    pub tool_select: &'static str,
    pub tool_text: &'static str,
    pub tool_table: &'static str,
    pub tool_qr: &'static str,
    pub tool_image: &'static str,
    pub tool_rule: &'static str,
    pub tool_box: &'static str,
    pub pages: &'static str,
    pub page: &'static str,
    pub add_page: &'static str,
    pub remove_page: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub elements: &'static str,
    pub lock: &'static str,
    pub hide: &'static str,
    pub lock_short: &'static str,
    pub hide_short: &'static str,
    pub inspector: &'static str,
    pub nothing_selected: &'static str,
    pub n_selected: &'static str,
    pub name: &'static str,
    pub x: &'static str,
    pub y: &'static str,
    pub width: &'static str,
    pub height: &'static str,
    pub story_text: &'static str,
    pub paragraph_style: &'static str,
    pub character_format: &'static str,
    pub bold: &'static str,
    pub character_style: &'static str,
    pub clear_overrides: &'static str,
    pub paragraph_at_caret: &'static str,
    pub editing_text_hint: &'static str,
    pub font: &'static str,
    pub size: &'static str,
    pub leading: &'static str,
    pub alignment: &'static str,
    pub indent: &'static str,
    pub keep_units: &'static str,
    pub columns: &'static str,
    pub column_gap: &'static str,
    pub align_names: [&'static str; 5],
    pub link_next: &'static str,
    pub unlink: &'static str,
    pub linked_to: &'static str,
    pub overset: &'static str,
    pub rows: &'static str,
    pub add_row: &'static str,
    pub remove_row: &'static str,
    pub add_column: &'static str,
    pub remove_column: &'static str,
    pub header_rows: &'static str,
    pub column_widths: &'static str,
    pub borders: &'static str,
    pub cell: &'static str,
    pub payload: &'static str,
    pub ec_level: &'static str,
    pub module_size: &'static str,
    pub quiet_zone: &'static str,
    pub image_file: &'static str,
    pub choose_file: &'static str,
    pub fit_mode: &'static str,
    pub fit_names: [&'static str; 3],
    pub effective_ppi: &'static str,
    pub fill: &'static str,
    pub stroke: &'static str,
    pub color: &'static str,
    pub none: &'static str,
    pub new_document: &'static str,
    pub preset: &'static str,
    pub custom: &'static str,
    pub margins: &'static str,
    pub gutter: &'static str,
    pub create: &'static str,
    pub cancel: &'static str,
    pub ok: &'static str,
    pub unsaved_title: &'static str,
    pub unsaved_body: &'static str,
    pub discard: &'static str,
    pub qr_prompt: &'static str,
    pub saved: &'static str,
    pub exported: &'static str,
    pub error: &'static str,
    pub dismiss: &'static str,
    pub characters_over: &'static str,
    pub untitled: &'static str,
    pub export_preset: &'static str,
    pub preset_newsprint: &'static str,
    pub preset_coated: &'static str,
    pub preset_screen: &'static str,
    pub preflight: &'static str,
    pub preflight_clean: &'static str,
    pub preflight_problems: &'static str,
    pub export_anyway: &'static str,
    pub close: &'static str,
    pub exporting: &'static str,
    pub export_busy: &'static str,
    pub recover_title: &'static str,
    pub recover_body: &'static str,
    /// A copy of another file than the one being opened: its path, then the open one's.
    pub recover_other_body: &'static str,
    /// Heads the list of the other files with unsaved changes left behind.
    pub recover_others: &'static str,
    /// Element kinds in the elements list: text, table, QR code, image, shape.
    pub kinds: [&'static str; 5],
    pub restore: &'static str,
    pub throw_away: &'static str,
    pub restored: &'static str,
    pub find_replace: &'static str,
    pub find_replace_title: &'static str,
    pub find: &'static str,
    pub replace_with: &'static str,
    pub regex: &'static str,
    pub n_found: &'static str,
    pub err_locked: &'static str,
    pub err_not_text: &'static str,
    pub err_last_page: &'static str,
    pub err_missing: &'static str,
    pub err_outside_story: &'static str,
    pub err_duplicate_id: &'static str,
    pub err_find_empty: &'static str,
    pub err_find_pattern: &'static str,
    pub n_chars: &'static str,
    pub characters_short: &'static str,
    pub links: &'static str,
    pub link_ok: &'static str,
    pub link_missing: &'static str,
    pub link_outside: &'static str,
    pub relink: &'static str,
    pub picture_scale: &'static str,
    pub picture_offset: &'static str,
    pub no_file_dialog: &'static str,
    pub type_path: &'static str,
    pub outside_links_title: &'static str,
    pub outside_links_body: &'static str,
    pub allow_and_open: &'static str,
    pub dont_open: &'static str,
    pub refused: &'static str,
    /// The new-document page presets, in `files::PRESETS`' order.
    pub paper_sizes: [&'static str; 4],
    /// While 串接到… waits for the frame to thread into.
    pub link_pick: &'static str,
    /// The heading over a story's paragraph settings (which paragraph, then its style).
    pub paragraph: &'static str,
    /// A selected frame that passes its story on to the next (no 差 N 字 of its own).
    pub flows_on: &'static str,
    /// Text wrap around an element: the switch, the offsets (and their four sides), the side
    /// text takes and its names, the narrowest span.
    pub wrap: &'static str,
    pub wrap_offset: &'static str,
    pub wrap_sides: [&'static str; 4],
    pub wrap_side: &'static str,
    pub wrap_largest: &'static str,
    pub wrap_left: &'static str,
    pub wrap_right: &'static str,
    pub wrap_min_span: &'static str,
    pub wrap_hint: &'static str,
    /// A placed file that is there but cannot be used (its reason shows under the pointer).
    pub link_unusable: &'static str,
    /// A placed picture below the export preset's resolution.
    pub link_low_ppi: &'static str,
    /// The story editor asked for with no text frame selected.
    pub galley_needs_frame: &'static str,
    /// A layout the designer chose not to open: its path.
    pub not_opened: &'static str,
    /// A typed value past a field's range: the field, its least and greatest, the value kept.
    pub field_out_of_range: &'static str,
    /// Typed text that is no number: the field, the text.
    pub field_not_a_number: &'static str,
    pub find_next: &'static str,
    pub find_previous: &'static str,
    pub replace_all: &'static str,
    pub n_replaced: &'static str,
    pub from_template: &'static str,
    pub chars_page: &'static str,
    pub chars_selection: &'static str,
    pub galley: &'static str,
    pub galley_title: &'static str,
}

impl Lang {
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// Fills the first `{}` (or `{:.N}`) in a template.
pub fn fill(template: &str, value: impl std::fmt::Display) -> String {
    match (template.find('{'), template.find('}')) {
        (Some(a), Some(b)) if b > a => {
            let spec = &template[a + 1..b];
            let v = match spec.strip_prefix(":.").and_then(|p| p.parse::<usize>().ok()) {
                Some(p) => format!("{:.*}", p, value.to_string().parse::<f64>().unwrap_or(0.0)),
                None => value.to_string(),
            };
            format!("{}{}{}", &template[..a], v, &template[b + 1..])
        }
        _ => template.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill() {
        assert_eq!(fill(ZH.overset, 12), "超 12 字");
        assert_eq!(fill(EN.module_size, 0.4567), "Module size 0.46 mm");
    }
}
