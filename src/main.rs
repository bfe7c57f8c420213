//! The `paiban` command: the editor (no arguments: the sample layout; or a layout file), and
//! `export`, `check`, `render` for the command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use paiban::layout::frame::PageFrame;
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
    /// Export a layout as a print PDF.
    Export {
        layout: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Validate a layout and print a preflight (exit 1 if anything would print wrong).
    Check { layout: PathBuf },
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Export { layout, output }) => export(&layout, &output),
        Some(Command::Check { layout }) => check_layout(&layout),
        Some(Command::Render { layout, output, dpi, page }) => render_png(&layout, &output, dpi, page),
        None => {
            return match paiban::app::run(cli.file) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("paiban: the editor could not start: {e}");
                    ExitCode::FAILURE
                }
            };
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("paiban: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Loads a layout and lays it out.
fn laid_out(path: &Path) -> Result<(paiban::Document, FontBook, Vec<PageFrame>)> {
    let doc = io::load(path)?;
    let book = FontBook::bundled().context("loading fonts")?;
    let base = path.parent().unwrap_or(Path::new("."));
    let pages = layout::layout_document(&doc, &book, base);
    Ok((doc, book, pages))
}

fn export(path: &Path, output: &Path) -> Result<ExitCode> {
    let (doc, book, pages) = laid_out(path)?;
    let pre = check::preflight(&pages);
    for f in &pre.findings {
        eprintln!("warning: page {} {}: {}", f.page, f.element, f.message);
    }
    let opts = render::pdf::PdfOptions { title: doc.title.clone(), date: None };
    let bytes = render::pdf::write_pdf(&pages, &book, &opts)?;
    io::write_atomically(output, &bytes).with_context(|| format!("writing {}", output.display()))?;
    Ok(ExitCode::SUCCESS)
}

fn check_layout(path: &Path) -> Result<ExitCode> {
    let (_doc, _book, pages) = laid_out(path)?;
    let pre = check::preflight(&pages);
    print!("{}", check::describe(&pages, &pre));
    Ok(if pre.is_clean() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn render_png(path: &Path, output: &Path, dpi: f32, page: usize) -> Result<ExitCode> {
    anyhow::ensure!(dpi > 0.0 && dpi <= 1200.0, "--dpi must be between 0 and 1200");
    let (_doc, book, pages) = laid_out(path)?;
    let frame = pages
        .get(page.wrapping_sub(1))
        .with_context(|| format!("the layout has {} page(s); there is no page {page}", pages.len()))?;
    let png = render::png::render_png(frame, &book, dpi)?;
    io::write_atomically(output, &png).with_context(|| format!("writing {}", output.display()))?;
    Ok(ExitCode::SUCCESS)
}
