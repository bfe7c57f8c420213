//! Nothing lost: a save killed at any moment leaves the old file or the new one, whole.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::path_str;

/// A small deterministic generator for the kill moments.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

#[test]
fn upgrade_killed_at_random_moments_always_leaves_a_loadable_file() {
    let dir = common::scratch("kill-upgrade");
    let path = dir.join("page.json");
    // The old version is compact JSON; `upgrade` rewrites it pretty, so old and new differ.
    let doc = paiban::io::load(&common::sample()).unwrap();
    let old =
        serde_json::to_vec(&serde_json::from_str::<serde_json::Value>(&paiban::io::to_json(&doc)).unwrap()).unwrap();
    let new = paiban::io::to_json(&doc).into_bytes();
    assert_ne!(old, new);
    let upgrade = || {
        Command::new(env!("CARGO_BIN_EXE_paiban"))
            .args(["upgrade", path_str(&path)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run paiban upgrade")
    };
    // How long one upgrade takes here (the median of five), to spread the kills over it.
    let mut times: Vec<u64> = (0..5)
        .map(|_| {
            std::fs::write(&path, &old).unwrap();
            let t = Instant::now();
            assert!(upgrade().wait().unwrap().success());
            t.elapsed().as_micros() as u64
        })
        .collect();
    times.sort_unstable();
    let span = times[2].max(1000);
    let mut rng = Lcg(0x5eed);
    let (mut killed, mut finished) = (0, 0);
    for round in 0..100 {
        std::fs::write(&path, &old).unwrap();
        let mut child = upgrade();
        std::thread::sleep(Duration::from_micros(rng.below(span)));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.success() {
            finished += 1
        } else {
            killed += 1
        }
        let now = std::fs::read(&path).unwrap();
        assert!(now == old || now == new, "round {round}: the file is neither the old nor the new version");
        paiban::io::load(&path).unwrap_or_else(|e| panic!("round {round}: {e}"));
    }
    assert!(killed >= 20, "only {killed} of 100 runs were killed mid-way ({finished} finished)");
    // A clean run afterwards sweeps the temporary files killed runs left behind.
    assert!(upgrade().wait().unwrap().success());
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "page.json" && n != "page.json.bak")
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    eprintln!("{killed} runs killed mid-way, {finished} finished, over a span of {span} µs");
}
