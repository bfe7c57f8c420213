//! The `paiban` command: the editor (no arguments: the sample layout; or a layout file), and
//! `export`, `check`, `upgrade`, `render` and `compose` for the command line.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use paiban::layout::frame::PageFrame;
use paiban::render::preset::Preset;
use paiban::{FontBook, check, io, layout, render};

#[derive(Parser)]
#[command(name = "paiban", version, about = "Page layout for Chinese print: layouts in JSON, print-ready PDF out")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A layout file to open in the editor.
    file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Export a layout as a PDF for print (newsprint, coated) or the screen.
    Export {
        layout: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        /// newsprint (PDF/X-1a, no bleed, 240 % ink), coated (PDF/X-1a, 3 mm bleed, marks) or
        /// screen (RGB).
        #[arg(long, default_value = "newsprint")]
        preset: String,
        /// One PDF per page, named OUTPUT-LABEL.pdf (the page's label, else its number).
        #[arg(long)]
        split: bool,
        /// Export even when the preflight finds errors (missing images, glyphs no font has…),
        /// and over an existing file that is not a PDF.
        #[arg(long)]
        force: bool,
        /// Read images and placed PDFs from outside the layout's folder too.
        #[arg(long)]
        allow_links_outside: bool,
    },
    /// Validate a layout and print a preflight (exit 1 if anything would print wrong).
    Check {
        layout: PathBuf,
        /// The export preset whose limits the preflight holds the layout to.
        #[arg(long, default_value = "newsprint")]
        preset: String,
        /// Read images and placed PDFs from outside the layout's folder too.
        #[arg(long)]
        allow_links_outside: bool,
    },
    /// Rewrite a layout in the current format, through the editor's save (the old file is kept
    /// as FILE.bak).
    Upgrade { layout: PathBuf },
    /// Render a page of a layout as PNG.
    Render {
        layout: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        #[arg(long, default_value_t = 100.0)]
        dpi: f32,
        /// Page number, from 1.
        #[arg(long, default_value_t = 1)]
        page: usize,
        /// The preset whose preflight is printed.
        #[arg(long, default_value = "newsprint")]
        preset: String,
        /// Render even when the preflight finds errors, and over an existing file that is not
        /// a PNG.
        #[arg(long)]
        force: bool,
        /// Read images and placed PDFs from outside the layout's folder too.
        #[arg(long)]
        allow_links_outside: bool,
    },
    /// Compose text at a measure, without a layout file, and print the lines as JSON.
    Compose {
        /// Font family (or a face's full name), e.g. "Noto Serif SC".
        #[arg(long, default_value = "Noto Serif SC")]
        font: String,
        /// Size in points.
        #[arg(long, default_value_t = 10.5)]
        size: f32,
        /// The measure in em.
        #[arg(long)]
        width_em: f32,
        /// 禁则 level: none, basic, gb or strict.
        #[arg(long, default_value = "basic")]
        kinsoku: String,
        /// Punctuation style: full (全角), kaiming (开明) or half (半角).
        #[arg(long, default_value = "full")]
        punct: String,
        /// Set vertically (竖排).
        #[arg(long)]
        vertical: bool,
        /// First-line indent in em.
        #[arg(long, default_value_t = 0.0)]
        indent: f32,
        text: String,
    },
}

fn main() -> ExitCode {
    // clap's own errors quote the arguments: they are escaped too.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            say(e.to_string().trim_end());
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
        Err(e) => e.exit(),
    };
    let result = match cli.command {
        Some(Command::Export { layout, output, preset, split, force, allow_links_outside }) => {
            export(&layout, &output, &preset, split, force, allow_links_outside)
        }
        Some(Command::Check { layout, preset, allow_links_outside }) => {
            check_layout(&layout, &preset, allow_links_outside)
        }
        Some(Command::Upgrade { layout }) => {
            // Upgrading reads no image, so links out of the folder leak nothing: kept as they are.
            let opts = io::LoadOptions { allow_links_outside: true };
            io::load_with(&layout, opts)
                .and_then(|doc| io::save(&doc, &layout))
                .map(|()| ExitCode::SUCCESS)
                .map_err(Into::into)
        }
        Some(Command::Render { layout, output, dpi, page, preset, force, allow_links_outside }) => {
            let opts = RenderOptions { dpi, page, preset, force, allow_links_outside };
            render_png(&layout, &output, &opts)
        }
        Some(Command::Compose { font, size, width_em, kinsoku, punct, vertical, indent, text }) => {
            compose(font, size, width_em, &kinsoku, &punct, vertical, indent, text)
        }
        #[cfg(not(feature = "editor"))]
        None => {
            let _ = cli.file;
            say("paiban: this build has no editor (built without the \"editor\" feature); see --help");
            return ExitCode::FAILURE;
        }
        #[cfg(feature = "editor")]
        None => {
            return match paiban::app::run(cli.file) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    say(&format!("paiban: the editor could not start: {e}"));
                    ExitCode::FAILURE
                }
            };
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // The causes, each once (an error that already says its cause is not told twice).
            let mut message = String::new();
            for cause in e.chain().map(|c| c.to_string()) {
                if !message.contains(&cause) {
                    message += if message.is_empty() { "" } else { ": " };
                    message += &cause;
                }
            }
            say(&format!("paiban: {message}"));
            ExitCode::FAILURE
        }
    }
}

/// `text` safe to print on a terminal: control characters (ESC, BEL, NUL, CR, C1 controls) and
/// bidi overrides become `\u{1b}`… so a layout's ids, names or paths cannot retitle, clear or
/// rewrite the user's terminal. Line feeds and tabs stay. Every message goes through this.
fn escaped(text: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if !text.contains(bad) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if bad(c) { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() }).collect())
}

/// A message line on stderr, escaped.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{}", escaped(line));
}

/// Refuses to write a command's output where `io::check_output` says not to.
fn check_output(input: &Path, output: &Path, kind: io::OutputKind, force: bool) -> Result<()> {
    Ok(io::check_output(Some(input), output, kind, force)?)
}

/// Loads a layout and lays it out.
fn laid_out(path: &Path, allow_links_outside: bool) -> Result<(paiban::Document, FontBook, Vec<PageFrame>)> {
    let doc = io::load_with(path, io::LoadOptions { allow_links_outside })?;
    let book = FontBook::bundled().context("loading fonts")?;
    let base = path.parent().unwrap_or(Path::new("."));
    let pages = layout::layout_document(&doc, &book, base);
    Ok((doc, book, pages))
}

fn preset(name: &str) -> Result<Preset> {
    Preset::by_name(name).with_context(|| {
        let names: Vec<&str> = Preset::ALL.iter().map(|p| p.name).collect();
        format!("unknown --preset {name:?} ({})", names.join(", "))
    })
}

/// Progress on stderr for exports of more than one page: a bar redrawn on a terminal, a line
/// per page otherwise.
fn show_progress(done: usize, total: usize) {
    if total < 2 {
        return;
    }
    let mut err = std::io::stderr();
    if err.is_terminal() {
        let filled = done * 30 / total;
        let _ = write!(err, "\r[{}{}] {done}/{total} pages", "#".repeat(filled), " ".repeat(30 - filled));
        if done == total {
            let _ = writeln!(err);
        }
    } else {
        let _ = writeln!(err, "exported page {done}/{total}");
    }
}

fn export(
    path: &Path,
    output: &Path,
    preset_name: &str,
    split: bool,
    force: bool,
    allow_links_outside: bool,
) -> Result<ExitCode> {
    let preset = preset(preset_name)?;
    if !split {
        check_output(path, output, io::OutputKind::Pdf, force)?;
    }
    let (doc, book, pages) = laid_out(path, allow_links_outside)?;
    let pre = check::preflight_document(&doc, &pages, &preset);
    for f in &pre.findings {
        say(&check::finding_line(f, &doc));
    }
    anyhow::ensure!(
        force || !pre.has_errors(),
        "{}: not exported: the preflight found errors that would print wrong (fix them, or export with --force)",
        path.display()
    );
    let title = match doc.title.as_str() {
        "" => path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
        t => t.to_string(),
    };
    let opts = render::pdf::PdfOptions {
        title,
        date: render::pdf::source_date(Some(path)),
        preset,
        labels: render::edition::page_labels(&doc),
    };
    if split {
        let stems = render::edition::page_file_stems(&doc).map_err(anyhow::Error::msg)?;
        let stem = output.file_stem().and_then(|s| s.to_str()).unwrap_or("page");
        let files: Vec<PathBuf> =
            stems.iter().map(|page| output.with_file_name(format!("{stem}-{page}.pdf"))).collect();
        for file in &files {
            check_output(path, file, io::OutputKind::Pdf, force)?;
        }
        let pdfs = render::edition::write_split(&pages, &book, &opts, &show_progress)?;
        for (bytes, file) in pdfs.iter().zip(&files) {
            io::write_output(file, bytes).with_context(|| format!("writing {}", file.display()))?;
        }
    } else {
        let bytes = render::pdf::write_pdf_with_progress(&pages, &book, &opts, &mut show_progress)?;
        io::write_output(output, &bytes).with_context(|| format!("writing {}", output.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn check_layout(path: &Path, preset_name: &str, allow_links_outside: bool) -> Result<ExitCode> {
    let preset = preset(preset_name)?;
    let (doc, _book, pages) = laid_out(path, allow_links_outside)?;
    let pre = check::preflight_document(&doc, &pages, &preset);
    let _ = write!(std::io::stdout(), "{}", escaped(&check::describe(&doc, &pages, &pre)));
    Ok(if pre.is_clean() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

struct RenderOptions {
    dpi: f32,
    page: usize,
    preset: String,
    force: bool,
    allow_links_outside: bool,
}

/// The most pixels `render` makes (4 bytes each while drawing: 200 MB): an A3 page up to about
/// 500 dpi.
const MAX_RENDER_PIXELS: f64 = 50_000_000.0;

fn render_png(path: &Path, output: &Path, o: &RenderOptions) -> Result<ExitCode> {
    let (dpi, page) = (o.dpi, o.page);
    anyhow::ensure!(dpi > 0.0 && dpi <= 1200.0, "--dpi must be between 0 and 1200");
    let preset = preset(&o.preset)?;
    check_output(path, output, io::OutputKind::Png, o.force)?;
    let (doc, book, pages) = laid_out(path, o.allow_links_outside)?;
    let frame = pages
        .get(page.wrapping_sub(1))
        .with_context(|| format!("the layout has {} page(s); there is no page {page}", pages.len()))?;
    let scale = dpi as f64 / 72.0;
    let (w, h) = ((frame.width as f64 * scale).ceil(), (frame.height as f64 * scale).ceil());
    if w * h > MAX_RENDER_PIXELS {
        let most = (72.0 * (MAX_RENDER_PIXELS / (frame.width as f64 * frame.height as f64)).sqrt()).floor();
        anyhow::bail!(
            "--dpi {dpi} would make page {page} {w} × {h} pixels ({:.0} million), more than the {:.0} million paiban renders; use --dpi {most} or less",
            w * h / 1e6,
            MAX_RENDER_PIXELS / 1e6
        );
    }
    let pre = check::preflight_document(&doc, &pages, &preset);
    for f in &pre.findings {
        say(&check::finding_line(f, &doc));
    }
    anyhow::ensure!(
        o.force || !pre.findings.iter().any(|f| f.page == page && f.severity == check::Severity::Error),
        "{}: not rendered: the preflight found errors that would print wrong (fix them, or render with --force)",
        path.display()
    );
    let png = render::png::render_png(frame, &book, dpi)?;
    io::write_output(output, &png).with_context(|| format!("writing {}", output.display()))?;
    Ok(ExitCode::SUCCESS)
}

#[allow(clippy::too_many_arguments)]
fn compose(
    family: String,
    size: f32,
    width_em: f32,
    kinsoku: &str,
    punct: &str,
    vertical: bool,
    indent_em: f32,
    text: String,
) -> Result<ExitCode> {
    use paiban::model::{Kinsoku, PunctStyle};
    anyhow::ensure!(size > 0.0 && size <= 1000.0, "--size must be between 0 and 1000 pt");
    anyhow::ensure!((1.0..=1000.0).contains(&width_em), "--width-em must be between 1 and 1000");
    let kinsoku = match kinsoku {
        "none" => Kinsoku::None,
        "basic" => Kinsoku::Basic,
        "gb" => Kinsoku::Gb,
        "strict" => Kinsoku::Strict,
        other => anyhow::bail!("unknown --kinsoku {other:?} (none, basic, gb, strict)"),
    };
    let punct = match punct {
        "full" => PunctStyle::Full,
        "kaiming" => PunctStyle::Kaiming,
        "half" => PunctStyle::Half,
        other => anyhow::bail!("unknown --punct {other:?} (full, kaiming, half)"),
    };
    let book = FontBook::bundled().context("loading fonts")?;
    anyhow::ensure!(
        book.find(&family, false).is_some(),
        "no font family {family:?}; have: {}",
        book.families().join(", ")
    );
    anyhow::ensure!((0.0..width_em).contains(&indent_em), "--indent must be at least 0 and less than --width-em");
    let req = paiban::compose::ComposeRequest { text, family, size, width_em, kinsoku, punct, vertical, indent_em };
    let composed = paiban::compose::compose(&book, &req);
    // A closed pipe (e.g. `| head`) is not an error worth a panic.
    let _ = writeln!(std::io::stdout(), "{}", serde_json::to_string_pretty(&composed)?);
    Ok(ExitCode::SUCCESS)
}
