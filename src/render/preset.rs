//! Export presets: what a PDF is for — newsprint, coated paper or the screen — decides its
//! colour space, PDF/X conformance and output intent, bleed, printer's marks and the limits the
//! preflight holds it to (PRINT.md).

/// How colours are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorTarget {
    /// DeviceCMYK and DeviceGray only; RGB is converted, black text and rules overprint.
    Print,
    /// DeviceRGB (CMYK and grey previewed as they print).
    Screen,
}

/// The printing condition a PDF/X file is made for (its OutputIntent).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OutputCondition {
    /// A name from the ICC characterisation registry.
    pub identifier: &'static str,
    pub info: &'static str,
    pub registry: &'static str,
    /// The CMYK output profile embedded as /DestOutputProfile.
    pub icc: &'static [u8],
}

/// Newsprint: coldset offset, CGATS/SNAP TR 002.
pub const NEWSPRINT_TR002: OutputCondition = OutputCondition {
    identifier: "CGATS TR 002",
    info: "Coldset offset on newsprint (ANSI CGATS/SNAP TR 002-2007)",
    registry: "http://www.color.org",
    icc: include_bytes!("icc/newsprint-cgats-tr002.icc"),
};

/// Coated paper: offset, FOGRA39 (ISO 12647-2:2004).
pub const COATED_FOGRA39: OutputCondition = OutputCondition {
    identifier: "FOGRA39",
    info: "Offset on coated paper (ISO 12647-2:2004, FOGRA39)",
    registry: "http://www.color.org",
    icc: include_bytes!("icc/coated-fogra39.icc"),
};

/// Everything one kind of output asks of an export.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preset {
    /// The name used on the command line (`newsprint`, `coated`, `screen`).
    pub name: &'static str,
    pub color: ColorTarget,
    /// PDF/X-1a:2001 with this output intent.
    pub pdfx: Option<OutputCondition>,
    /// Bleed: `None` for none; `Some(mm)` for each page's own, but at least that much.
    pub min_bleed_mm: Option<f32>,
    /// Crop and registration marks outside the bleed.
    pub marks: bool,
    /// Total area coverage allowed, percent.
    pub ink_limit: f32,
    /// Lowest effective image resolution, ppi.
    pub min_ppi: f32,
}

impl Preset {
    /// 新闻纸: PDF/X-1a for a newspaper plant, no bleed, 240 % ink, 200 ppi.
    pub const NEWSPRINT: Preset = Preset {
        name: "newsprint",
        color: ColorTarget::Print,
        pdfx: Some(NEWSPRINT_TR002),
        min_bleed_mm: None,
        marks: false,
        ink_limit: 240.0,
        min_ppi: 200.0,
    };
    /// 铜版纸: PDF/X-1a for commercial print, 3 mm bleed, crop and registration marks, 300 ppi.
    pub const COATED: Preset = Preset {
        name: "coated",
        color: ColorTarget::Print,
        pdfx: Some(COATED_FOGRA39),
        min_bleed_mm: Some(3.0),
        marks: true,
        ink_limit: 300.0,
        min_ppi: 300.0,
    };
    /// 屏幕: RGB for reading on screen, no marks, no bleed.
    pub const SCREEN: Preset = Preset {
        name: "screen",
        color: ColorTarget::Screen,
        pdfx: None,
        min_bleed_mm: None,
        marks: false,
        ink_limit: 400.0,
        min_ppi: 96.0,
    };

    pub const ALL: [Preset; 3] = [Preset::NEWSPRINT, Preset::COATED, Preset::SCREEN];

    /// The preset of that command-line name.
    pub fn by_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name == name)
    }

    pub fn is_print(&self) -> bool {
        self.color == ColorTarget::Print
    }
}

impl Default for Preset {
    fn default() -> Self {
        Preset::NEWSPRINT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_by_name_and_profiles_are_cmyk_output_profiles() {
        assert_eq!(Preset::by_name("coated"), Some(Preset::COATED));
        assert_eq!(Preset::by_name("glossy"), None);
        for p in Preset::ALL.iter().filter_map(|p| p.pdfx) {
            // ICC header: size, 'prtr' device class, 'CMYK' colour space, 'Lab ' PCS, 'acsp'.
            let size = u32::from_be_bytes([p.icc[0], p.icc[1], p.icc[2], p.icc[3]]) as usize;
            assert_eq!(size, p.icc.len());
            assert_eq!(&p.icc[12..16], b"prtr");
            assert_eq!(&p.icc[16..20], b"CMYK");
            assert_eq!(&p.icc[20..24], b"Lab ");
            assert_eq!(&p.icc[36..40], b"acsp");
            assert_eq!(p.icc[8], 2, "PDF 1.3 (PDF/X-1a:2001) takes ICC version 2 profiles");
        }
    }
}
