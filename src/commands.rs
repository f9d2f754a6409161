//! What each subcommand does, given parsed arguments; returns the exit code.

use std::io::Write;

use crate::catalog::Catalog;
use crate::cli::{Cli, Command, GenerateArgs, ListWhat};
use crate::error::{Error, Result};
use crate::{fsio, render, resolve};

/// Exit codes, documented in the README.
pub mod exit {
    /// Everything worked.
    pub const SUCCESS: i32 = 0;
    /// Some jobs failed (batch) or lint found problems.
    pub const FINDINGS: i32 = 1;
    /// Bad input or usage.
    pub const BAD_INPUT: i32 = 2;
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<i32> {
    let catalog = Catalog::load(cli.catalog.as_deref())?;
    match cli.command {
        Command::Generate(args) => generate(&catalog, &args),
        Command::List { what } => list(&catalog, what),
    }
}

fn generate(catalog: &Catalog, args: &GenerateArgs) -> Result<i32> {
    let mut layers = Vec::new();
    if let Some(path) = &args.company {
        layers.push(resolve::company_file_layer(path)?);
    }
    if let Some(path) = &args.job {
        layers.push(resolve::job_file_layer(path)?);
    }
    for flag in &args.set {
        layers.push(resolve::set_flag_layer(flag)?);
    }
    let job = resolve::resolve(catalog, &layers, args.role.as_deref(), args.level.as_deref())?;
    let markdown = render::render_markdown(catalog, &job)?;
    match &args.output {
        Some(path) => fsio::write_atomic(path, markdown.as_bytes())?,
        None => write_stdout(markdown.as_bytes())?,
    }
    Ok(exit::SUCCESS)
}

fn list(catalog: &Catalog, what: ListWhat) -> Result<i32> {
    let mut out = String::new();
    match what {
        ListWhat::Roles => {
            for role in catalog.roles() {
                let meta = &role.meta;
                let aliases = match meta.aliases.is_empty() {
                    true => String::new(),
                    false => format!(" (alias: {})", meta.aliases.join(", ")),
                };
                out.push_str(&format!("{}{aliases}: {}\n", meta.id, meta.title));
                out.push_str(&format!("    focus:      {}\n", meta.focus));
                out.push_str(&format!("    owns:       {}\n", meta.owns));
                out.push_str(&format!("    horizon:    {}\n", meta.horizon));
                out.push_str(&format!("    works with: {}\n", meta.works_with.join(", ")));
                out.push_str(&format!("    source:     {}\n\n", role.provenance));
            }
        }
        ListWhat::Levels => {
            for level in catalog.levels() {
                let p = &level.profile;
                let aliases = match p.aliases.is_empty() {
                    true => String::new(),
                    false => format!(" (alias: {})", p.aliases.join(", ")),
                };
                let years = match p.years.max {
                    Some(max) => format!("{}–{max} years", p.years.min),
                    None => format!("{}+ years", p.years.min),
                };
                out.push_str(&format!("{}{aliases}: {}\n", p.id, p.summary));
                out.push_str(&format!("    title:      {}\n", p.title));
                out.push_str(&format!("    experience: {years}\n"));
                out.push_str(&format!("    scope:      {}\n", p.scope));
                out.push_str(&format!("    leadership: {}\n", p.people_leadership));
                out.push_str(&format!("    horizon:    {}\n", p.horizon));
                out.push_str(&format!("    source:     {}\n\n", level.provenance));
            }
        }
    }
    write_stdout(out.trim_end().as_bytes())?;
    write_stdout(b"\n")?;
    Ok(exit::SUCCESS)
}

/// Writes to standard output; a closed pipe (`jdgen … | head`) is not an error worth a message.
fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Error::BrokenPipe),
        Err(e) => Err(Error::Write {
            path: "<stdout>".into(),
            reason: e.to_string(),
        }),
    }
}
