//! Issue 13, files: nothing lost (outputs never over the layout or a stranger's file, saves
//! through links, modes kept, read-only refused, concurrent saves keep the old `.bak`) and
//! nothing leaked or hung (links out of the layout's folder refused, special files never read),
//! and no terminal escapes echoed.

mod common;

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{paiban, path_str};

fn said(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// The sample in `dir` as compact JSON (so `upgrade` changes it) under `name`.
fn compact_sample(dir: &Path, name: &str) -> PathBuf {
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(common::sample()).unwrap()).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, v.to_string()).unwrap();
    path
}

fn refused(o: &Output, what: &str) {
    let text = said(o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(!text.contains("panicked"), "{text}");
    assert!(text.contains(what), "does not say {what:?}: {text}");
}

#[test]
fn an_output_that_is_the_layout_is_refused_even_through_a_link() {
    let dir = common::scratch("hardening-same");
    let layout = compact_sample(&dir, "page.json");
    let before = std::fs::read(&layout).unwrap();
    std::os::unix::fs::symlink("page.json", dir.join("link.pdf")).unwrap();
    for out in [layout.clone(), dir.join("link.pdf"), dir.join("./page.json")] {
        refused(&paiban(&["export", path_str(&layout), "-o", path_str(&out)]), "itself");
        refused(&paiban(&["export", path_str(&layout), "-o", path_str(&out), "--force"]), "itself");
        refused(&paiban(&["render", path_str(&layout), "-o", path_str(&out), "--dpi", "10"]), "itself");
    }
    assert_eq!(std::fs::read(&layout).unwrap(), before, "the layout is untouched");
}

#[test]
fn an_existing_file_of_another_kind_is_kept_unless_forced() {
    let dir = common::scratch("hardening-other");
    let notes = dir.join("notes.txt");
    std::fs::write(&notes, "my notes").unwrap();
    refused(&paiban(&["export", common::SAMPLE, "-o", path_str(&notes)]), "is not a PDF file");
    refused(&paiban(&["render", common::SAMPLE, "-o", path_str(&notes), "--dpi", "10"]), "is not a PNG file");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes");
    // A PDF over a PDF, a PNG over a PNG, anything with --force.
    let pdf = dir.join("out.pdf");
    for _ in 0..2 {
        assert!(paiban(&["export", common::SAMPLE, "-o", path_str(&pdf)]).status.success());
    }
    let png = dir.join("out.png");
    for _ in 0..2 {
        assert!(paiban(&["render", common::SAMPLE, "-o", path_str(&png), "--dpi", "10"]).status.success());
    }
    refused(&paiban(&["render", common::SAMPLE, "-o", path_str(&pdf), "--dpi", "10"]), "is not a PNG file");
    assert!(paiban(&["export", common::SAMPLE, "-o", path_str(&notes), "--force"]).status.success());
    assert!(std::fs::read(&notes).unwrap().starts_with(b"%PDF-"));
    // A folder is never an output.
    refused(&paiban(&["export", common::SAMPLE, "-o", path_str(&dir), "--force"]), "is a folder");
}

#[test]
fn devices_and_pipes_are_written_into_not_replaced() {
    // /dev/full: the write fails, loudly, and the device stays a device.
    let out = paiban(&["export", common::SAMPLE, "-o", "/dev/full"]);
    refused(&out, "No space left on device");
    assert!(std::fs::metadata("/dev/full").unwrap().file_type().is_char_device());
    // /dev/null takes it all and stays a device (as root it used to be replaced by a file).
    let out = paiban(&["export", common::SAMPLE, "-o", "/dev/null"]);
    assert!(out.status.success(), "{}", said(&out));
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(null.file_type().is_char_device() || null.len() == 0, "/dev/null was replaced");
    // /dev/stdout: the PNG comes out of the standard output (a pipe here).
    let out = paiban(&["render", common::SAMPLE, "-o", "/dev/stdout", "--dpi", "10"]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(out.stdout.starts_with(b"\x89PNG\r\n\x1a\n"), "{} bytes on stdout", out.stdout.len());
    // /dev/stdout redirected to a file: the file gets it.
    let dir = common::scratch("hardening-stdout");
    let file = dir.join("page.png");
    let status = Command::new(env!("CARGO_BIN_EXE_paiban"))
        .args(["render", common::SAMPLE, "-o", "/dev/stdout", "--dpi", "10"])
        .current_dir(common::root())
        .stdout(std::fs::File::create(&file).unwrap())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(std::fs::read(&file).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn saving_through_a_link_saves_its_target_and_keeps_mode() {
    let dir = common::scratch("hardening-link-save");
    std::fs::create_dir(dir.join("real")).unwrap();
    let target = compact_sample(&dir.join("real"), "page.json");
    let old = std::fs::read(&target).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o664)).unwrap();
    let link = dir.join("page.json");
    std::os::unix::fs::symlink("real/page.json", &link).unwrap();
    let out = paiban(&["upgrade", path_str(&link)]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
    let new = std::fs::read(&target).unwrap();
    assert_ne!(new, old, "the target was saved");
    assert!(paiban::io::load(&target).is_ok());
    let bak = paiban::io::backup_path(&target);
    assert!(std::fs::symlink_metadata(&bak).unwrap().is_file(), ".bak is a file beside the target");
    assert_eq!(std::fs::read(&bak).unwrap(), old);
    assert!(!paiban::io::backup_path(&link).exists(), "no .bak beside the link");
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o664, "mode kept: {mode:o}");
}

#[test]
fn saving_keeps_the_owner_where_allowed() {
    use std::os::unix::fs::MetadataExt;
    let dir = common::scratch("hardening-owner");
    let path = compact_sample(&dir, "page.json");
    // Only root may give a file away; elsewhere the owner is the saver anyway.
    if std::os::unix::fs::chown(&path, Some(65534), Some(65534)).is_err() {
        return;
    }
    let out = paiban(&["upgrade", path_str(&path)]);
    assert!(out.status.success(), "{}", said(&out));
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534), "owner kept");
    assert_ne!(std::fs::read(&path).unwrap(), std::fs::read(paiban::io::backup_path(&path)).unwrap());
}

#[test]
fn a_read_only_layout_is_not_replaced() {
    let dir = common::scratch("hardening-read-only");
    let path = compact_sample(&dir, "page.json");
    let old = std::fs::read(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    refused(&paiban(&["upgrade", path_str(&path)]), "is read-only (mode 444)");
    assert_eq!(std::fs::read(&path).unwrap(), old);
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o444);
    let pdf = dir.join("out.pdf");
    assert!(paiban(&["export", common::SAMPLE, "-o", path_str(&pdf)]).status.success());
    std::fs::set_permissions(&pdf, std::fs::Permissions::from_mode(0o444)).unwrap();
    refused(&paiban(&["export", common::SAMPLE, "-o", path_str(&pdf)]), "is read-only");
    // The library's save says the same.
    let doc = paiban::io::load(&common::sample()).unwrap();
    let err = paiban::io::save(&doc, &path).unwrap_err().to_string();
    assert!(err.contains("read-only"), "{err}");
}

#[test]
fn concurrent_upgrades_keep_the_previous_version_as_bak() {
    let dir = common::scratch("hardening-concurrent");
    for round in 0..4 {
        let path = compact_sample(&dir, "page.json");
        let _ = std::fs::remove_file(paiban::io::backup_path(&path));
        let original = std::fs::read(&path).unwrap();
        let children: Vec<_> = (0..6)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_paiban"))
                    .args(["upgrade", path_str(&path)])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: {}", String::from_utf8_lossy(&out.stderr));
        }
        assert!(paiban::io::load(&path).is_ok());
        assert_eq!(
            std::fs::read(paiban::io::backup_path(&path)).unwrap(),
            original,
            "round {round}: .bak is the original"
        );
        let mut names: Vec<String> =
            std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(names, ["page.json", "page.json.bak"], "round {round}: no staged files left");
    }
}

/// A layout in `dir/job/` with one image element whose path is `image`.
fn layout_with_image(dir: &Path, image: &str) -> PathBuf {
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(common::sample()).unwrap()).unwrap();
    v["pages"][0]["elements"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "photo", "kind": "image", "x": 20, "y": 300, "w": 40, "h": 30, "path": image}));
    let path = dir.join("job/page.json");
    std::fs::write(&path, v.to_string()).unwrap();
    path
}

fn png(path: &Path) {
    image::RgbImage::from_pixel(40, 30, image::Rgb([200, 30, 30])).save(path).unwrap();
}

#[test]
fn images_outside_the_layouts_folder_are_refused_unless_allowed() {
    let dir = common::scratch("hardening-links");
    std::fs::create_dir_all(dir.join("job/photos")).unwrap();
    png(&dir.join("secret.png"));
    png(&dir.join("job/photos/ok.png"));
    std::os::unix::fs::symlink("../../secret.png", dir.join("job/photos/link.png")).unwrap();
    let secret = dir.join("secret.png");
    for (image, why) in [
        (path_str(&secret).to_string(), "is an absolute path"),
        ("../secret.png".to_string(), "goes up out of the folder"),
        ("photos/../../secret.png".to_string(), "goes up out of the folder"),
        ("photos/link.png".to_string(), "leads through a link to"),
    ] {
        let layout = layout_with_image(&dir, &image);
        let pdf = dir.join("out.pdf");
        for args in [
            vec!["check", path_str(&layout)],
            vec!["export", path_str(&layout), "-o", path_str(&pdf), "--force"],
            vec!["render", path_str(&layout), "-o", "/dev/null", "--force"],
        ] {
            let out = paiban(&args);
            refused(&out, why);
            assert!(
                said(&out).contains("pages[0].elements[19].path") || said(&out).contains(".path"),
                "{}",
                said(&out)
            );
        }
        assert!(!pdf.exists(), "{image}: nothing exported");
        let err = paiban::io::load(&layout).unwrap_err().to_string();
        assert!(err.contains(why), "{err}");
        // Allowed, it loads and the picture is placed.
        let opts = paiban::io::LoadOptions { allow_links_outside: true };
        assert!(paiban::io::load_with(&layout, opts).is_ok(), "{image}");
        let out = paiban(&["export", path_str(&layout), "-o", path_str(&pdf), "--allow-links-outside"]);
        assert!(out.status.success(), "{image}: {}", said(&out));
        // Upgrade reads no image: it keeps such a link as it is.
        let out = paiban(&["upgrade", path_str(&layout)]);
        assert!(out.status.success(), "{image}: {}", said(&out));
        let _ = std::fs::remove_file(&pdf);
    }
    // Inside the folder is fine.
    let layout = layout_with_image(&dir, "photos/ok.png");
    let out = paiban(&["check", path_str(&layout)]);
    assert!(!said(&out).contains("outside"), "{}", said(&out));
    assert!(paiban::io::load(&layout).is_ok());
}

/// Runs paiban with a time limit; a blocked read is a failure, not a hung test.
fn within(limit: Duration, args: &[&str]) -> Output {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_paiban"))
        .args(args)
        .current_dir(common::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("`paiban {}` took more than {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn special_files_are_never_read_as_layouts_or_images() {
    let dir = common::scratch("hardening-special");
    std::fs::create_dir_all(dir.join("job")).unwrap();
    let fifo = dir.join("job/pipe.json");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let second = Duration::from_secs(1);
    refused(&within(second, &["check", path_str(&fifo)]), "it is a FIFO, not a regular file");
    for dev in ["/dev/zero", "/dev/urandom"] {
        refused(&within(second, &["check", dev]), "it is a device, not a regular file");
    }
    refused(&within(second, &["check", "/proc/self/status"]), "is a system file, not read");
    // A 3 GB sparse file is refused by its size, unread.
    let sparse = dir.join("job/huge.json");
    std::fs::File::create(&sparse).unwrap().set_len(3 << 30).unwrap();
    refused(&within(second, &["check", path_str(&sparse)]), "more than 64 MB");
    // A FIFO as an image: an error naming it, at once (the layout loads; the image does not).
    let img_fifo = dir.join("job/photo.png");
    assert!(Command::new("mkfifo").arg(&img_fifo).status().unwrap().success());
    let layout = layout_with_image(&dir, "photo.png");
    let out = within(second, &["check", path_str(&layout)]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    assert!(said(&out).contains("photo"), "{}", said(&out));
    // A device as an image, allowed outside the folder: still never read.
    let layout = layout_with_image(&dir, "/dev/zero");
    let out = within(second, &["check", path_str(&layout), "--allow-links-outside"]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    assert!(said(&out).contains("photo"), "{}", said(&out));
}

#[test]
fn control_characters_in_a_layout_are_escaped_in_every_message() {
    let dir = common::scratch("hardening-escape");
    let evil = "t\u{1b}]0;pwned\u{7}\u{1b}[2J\u{0}\u{9b}31m";
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(common::sample()).unwrap()).unwrap();
    // A text frame whose id carries escapes, with overset text: check lists it, export warns.
    v["pages"][0]["elements"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": evil, "kind": "text", "x": 20, "y": 300, "w": 20, "h": 5}));
    v["stories"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "s-evil", "frames": [evil], "paragraphs": [{"text": "字".repeat(200)}]}));
    let path = dir.join("evil.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let check = paiban(&["check", path_str(&path)]);
    let export = paiban(&["export", path_str(&path), "-o", path_str(&dir.join("out.pdf"))]);
    // A bad file: the error quotes the id (a frame named by a story that is missing).
    v["stories"].as_array_mut().unwrap().last_mut().unwrap()["frames"] = serde_json::json!([format!("{evil}-x")]);
    let bad = dir.join("bad.json");
    std::fs::write(&bad, v.to_string()).unwrap();
    let error = paiban(&["check", path_str(&bad)]);
    for out in [&check, &export, &error] {
        let raw = [&out.stdout[..], &out.stderr[..]].concat();
        assert!(!raw.iter().any(|&b| b == 0x1b || b == 0x07 || b == 0), "raw control bytes: {}", said(out));
        assert!(!String::from_utf8_lossy(&raw).contains('\u{9b}'), "raw C1 control: {}", said(out));
        let text = said(out);
        assert!(text.contains(r"t\u{1b}]0;pwned\u{7}\u{1b}[2J\u{0}\u{9b}31m"), "{text}");
    }
}

#[test]
fn command_line_errors_escape_their_arguments_too() {
    for (args, echoed) in [
        (vec!["check", "x\u{1b}[2J.json"], true),
        // clap's own messages: it drops escape sequences from what it quotes.
        (vec!["render", "a.json", "-o", "b.png", "--dpi", "\u{1b}[2J"], false),
        (vec!["--bogus\u{1b}]0;t\u{7}"], false),
    ] {
        let out = paiban(&args);
        assert_ne!(out.status.code(), Some(0));
        assert!(!out.stderr.iter().any(|&b| b == 0x1b || b == 0x07), "{}", said(&out));
        assert!(!echoed || said(&out).contains(r"\u{1b}[2J"), "{}", said(&out));
    }
}
