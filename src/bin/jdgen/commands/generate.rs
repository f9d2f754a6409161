//! `jdgen generate`: one job description, to standard output, a file, or a folder of formats.

use std::path::{Path, PathBuf};

use super::{exit, write_stdout};
use crate::cli::GenerateArgs;
use jdgen::catalog::{Catalog, Need};
use jdgen::error::{Error, Result};
use jdgen::posting::Spelling;
use jdgen::render::{self, Format};
use jdgen::resolve::{self, Sources};
use jdgen::{fsio, names, posting};

/// Resolves the posting's layers, renders the chosen formats and writes them.
pub fn run(catalog_dir: Option<&Path>, args: &GenerateArgs) -> Result<u8> {
    let formats = formats(args)?;
    let layers = Sources::from_files(args.company.as_deref(), args.job.as_deref(), &args.set)?.layers();
    // The facts say which role and level: load only those of the catalog.
    let facts = posting::validate(&layers)?;
    let role = args.role.as_deref().or(facts.role.as_deref());
    let level = args.level.as_deref().or(facts.level.as_deref());
    let need = match (role, level) {
        (Some(role), Some(level)) => Need::Posting {
            role,
            level,
            us_spelling: facts.spelling() == Spelling::Us,
        },
        _ => Need::Everything,
    };
    let catalog = &Catalog::load_for(catalog_dir, need)?;
    super::detail_stale_copies(catalog.stale_copies());
    let job = resolve::resolve(catalog, &layers, args.role.as_deref(), args.level.as_deref())?;
    let options = super::render_options(&args.look, &formats)?;
    let outputs = render::render_formats_with(catalog, &job, &formats, &options)?;

    match (&args.output, &args.out_dir) {
        (Some(path), _) => fsio::write_atomic(path, &outputs[0].bytes)?,
        (None, Some(dir)) => {
            let stem = match &args.name {
                Some(name) => {
                    names::check_stem(name).map_err(|why| Error::Usage(format!("--name {name}: {why}")))?;
                    name.clone()
                }
                None => job.posting.id.clone().unwrap_or_else(|| names::slug_of(&job.title)),
            };
            std::fs::create_dir_all(dir).map_err(|e| Error::Write {
                path: dir.clone(),
                reason: e.to_string(),
            })?;
            for output in &outputs {
                fsio::write_atomic(
                    &dir.join(format!("{stem}.{}", output.format.extension())),
                    &output.bytes,
                )?;
            }
        }
        (None, None) => write_stdout(&outputs[0].bytes)?,
    }
    if args.lint {
        let markdown = render::markdown_of(catalog, &job, &outputs)?;
        let name = args
            .output
            .as_ref()
            .map_or(job.title.clone(), |p| p.display().to_string());
        if super::lint::lint_generated(catalog_dir, &layers, &markdown, &job.posting, &name)? {
            return Ok(exit::FINDINGS);
        }
    }
    Ok(exit::SUCCESS)
}

/// The formats asked for, checked against where they can go.
fn formats(args: &GenerateArgs) -> Result<Vec<Format>> {
    let formats = match (&args.format, &args.output) {
        (Some(list), _) => Format::parse_list(list)?,
        // `-o posting.docx` says the format by its extension.
        (None, Some(path)) => vec![format_of_path(path)?],
        (None, None) => vec![Format::Markdown],
    };
    match (&args.output, &args.out_dir) {
        (Some(_), _) if formats.len() > 1 => Err(Error::Usage(
            "-o writes one file; for several formats use --out-dir DIR".into(),
        )),
        (None, None) if formats.len() > 1 || !formats[0].is_text() => Err(Error::Usage(format!(
            "only a single md, html or json output goes to standard output; write {} with -o FILE or --out-dir DIR",
            formats.iter().map(|f| f.name()).collect::<Vec<_>>().join(",")
        ))),
        _ => Ok(formats),
    }
}

fn format_of_path(path: &Path) -> Result<Format> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("md");
    extension.parse().map_err(|_| {
        Error::Usage(format!(
            "cannot tell the format of {} from its extension; add --format",
            PathBuf::from(path).display()
        ))
    })
}
