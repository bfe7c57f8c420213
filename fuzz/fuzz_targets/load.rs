//! The loader on any bytes: never a panic; what loads saves and loads back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(doc) = paiban::io::from_json(text) {
        let saved = paiban::io::to_json(&doc);
        let again = paiban::io::from_json(&saved).expect("a saved layout loads");
        assert!(paiban::io::to_json(&again) == saved, "load → save → load changed the layout");
    }
});
