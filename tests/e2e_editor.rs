//! Runs scripts/e2e-editor.sh: the real editor window under Xvfb, driven with xdotool
//! (drag the QR code, Ctrl+S, check the saved file). scripts/test installs Xvfb and xdotool.

#[test]
fn drag_and_save_in_the_real_window() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = std::process::Command::new("bash")
        .arg(format!("{root}/scripts/e2e-editor.sh"))
        .arg(env!("CARGO_BIN_EXE_paiban"))
        .output()
        .expect("bash runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "e2e script failed (needs xvfb, xdotool, x11-utils):\n{text}");
    assert!(text.contains("saved the move"), "{text}");
    assert!(text.contains("the paste and the bold run were saved"), "{text}");
}
