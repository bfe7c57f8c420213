//! QR codes as vector modules: the symbol is encoded with the `qrcode` crate and drawn as
//! rectangles, the quiet zone kept inside the element's frame.

use crate::model::{EcLevel, QrCode};
use crate::units::Rect;

/// Encodes the payload: ASCII as the crate segments it; anything else as UTF-8 bytes marked
/// with ECI 26, so readers decode 新闻 as 新闻 rather than guessing a legacy charset. The
/// smallest version that holds it is used.
fn encode(payload: &str, level: qrcode::EcLevel) -> qrcode::types::QrResult<qrcode::QrCode> {
    if payload.is_ascii() {
        return qrcode::QrCode::with_error_correction_level(payload.as_bytes(), level);
    }
    let mut last = qrcode::types::QrError::DataTooLong;
    for v in 1..=40 {
        let mut bits = qrcode::bits::Bits::new(qrcode::Version::Normal(v));
        let pushed = bits
            .push_eci_designator(26)
            .and_then(|()| bits.push_byte_data(payload.as_bytes()))
            .and_then(|()| bits.push_terminator(level));
        match pushed {
            Ok(()) => return qrcode::QrCode::with_bits(bits, level),
            Err(e) => last = e,
        }
    }
    Err(last)
}

type Symbol = std::sync::Arc<Vec<bool>>;

/// The symbol's width in modules and which are dark, encoded once per payload and level (the
/// encoder tries every mask: too slow to run on every layout pass while typing).
fn symbol(payload: &str, level: qrcode::EcLevel) -> qrcode::types::QrResult<(usize, Symbol)> {
    type Memo = std::collections::HashMap<(String, u8), qrcode::types::QrResult<(usize, Symbol)>>;
    thread_local! {
        static MEMO: std::cell::RefCell<Memo> = Default::default();
    }
    let key = (payload.to_string(), level as u8);
    if let Some(hit) = MEMO.with(|m| m.borrow().get(&key).cloned()) {
        return hit;
    }
    let made = encode(payload, level).map(|code| {
        let dark = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
        (code.width(), std::sync::Arc::new(dark))
    });
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= 64 {
            m.clear();
        }
        m.insert(key, made.clone());
    });
    made
}

/// The dark modules of a QR code laid into `frame` (square, centred), and the module size in pt.
pub fn qr_modules(qr: &QrCode, frame: Rect) -> Result<(Vec<Rect>, f32), super::problem::LayoutProblem> {
    let level = match qr.ec_level {
        EcLevel::L => qrcode::EcLevel::L,
        EcLevel::M => qrcode::EcLevel::M,
        EcLevel::Q => qrcode::EcLevel::Q,
        EcLevel::H => qrcode::EcLevel::H,
    };
    let (n, dark) = symbol(&qr.payload, level).map_err(super::problem::LayoutProblem::QrEncode)?;
    let total = n + 2 * qr.quiet_zone as usize;
    let side = frame.w.min(frame.h);
    let module = side / total as f32;
    let x0 = frame.x + (frame.w - side) / 2.0 + qr.quiet_zone as f32 * module;
    let y0 = frame.y + (frame.h - side) / 2.0 + qr.quiet_zone as f32 * module;
    let mut rects = Vec::new();
    for y in 0..n {
        // Merge horizontal runs of dark modules into one rectangle each.
        let mut x = 0;
        while x < n {
            if dark[y * n + x] {
                let start = x;
                while x < n && dark[y * n + x] {
                    x += 1;
                }
                rects.push(Rect::new(
                    x0 + start as f32 * module,
                    y0 + y as f32 * module,
                    (x - start) as f32 * module,
                    module,
                ));
            } else {
                x += 1;
            }
        }
    }
    Ok((rects, module))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::Color;

    #[test]
    fn quiet_zone_stays_inside_frame() {
        let qr = QrCode {
            payload: "https://example.org/baoliao".into(),
            ec_level: EcLevel::M,
            quiet_zone: 4,
            color: Color::BLACK,
        };
        let frame = Rect::new(10.0, 20.0, 100.0, 100.0);
        let (rects, module) = qr_modules(&qr, frame).unwrap();
        assert!(!rects.is_empty());
        for r in &rects {
            assert!(r.x >= frame.x + 4.0 * module - 1e-3 && r.right() <= frame.right() - 4.0 * module + 1e-3);
            assert!(r.y >= frame.y + 4.0 * module - 1e-3 && r.bottom() <= frame.bottom() - 4.0 * module + 1e-3);
        }
    }
}
