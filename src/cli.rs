//! The command line, as clap definitions only: a literal copy of the flags, no I/O.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  jdgen list roles
  jdgen generate --role product-manager --level senior
  jdgen generate --role project-manager --level expert --job job.yaml -o posting.md
  jdgen generate --job job.yaml --company company.yaml --set salary.min=90000 --set salary.max=110000

Exit codes: 0 success; 1 some jobs failed or lint findings; 2 bad input or usage.";

/// Writes job descriptions for Product Managers, Project Owners, Product Owners and Scrum Masters.
#[derive(Debug, Parser)]
#[command(name = "jdgen", version, about, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    /// A catalog folder whose profiles/ and templates/ override the built-in ones file by file.
    #[arg(long, global = true, env = "JDGEN_CATALOG", value_name = "DIR")]
    pub catalog: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write one job description.
    #[command(after_help = GENERATE_EXAMPLES)]
    Generate(Box<GenerateArgs>),
    /// Show the roles or levels the catalog has.
    #[command(after_help = LIST_EXAMPLES)]
    List {
        /// What to list.
        what: ListWhat,
    },
}

const GENERATE_EXAMPLES: &str = "\
Examples:
  jdgen generate --role product-manager --level senior
  jdgen generate --role scrum-master --level lead --job job.yaml -o scrum-master.md
  jdgen generate --job job.yaml --company company.yaml --set workplace=remote

Facts are layered, later wins: company file < job file < --set < --role/--level.";

const LIST_EXAMPLES: &str = "\
Examples:
  jdgen list roles
  jdgen list levels";

/// `jdgen generate` flags.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The role, by id or alias (see `jdgen list roles`); overrides the job file's `role`.
    #[arg(long, short)]
    pub role: Option<String>,
    /// The level, by id or alias (see `jdgen list levels`); overrides the job file's `level`.
    #[arg(long, short)]
    pub level: Option<String>,
    /// A job file (YAML) with the posting's facts.
    #[arg(long, short, value_name = "FILE")]
    pub job: Option<PathBuf>,
    /// A company file (YAML): company block, default benefits and statements.
    #[arg(long, short, value_name = "FILE")]
    pub company: Option<PathBuf>,
    /// Override one field, with a dotted name (repeatable): --set salary.min=90000.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Output formats, comma-separated (md, docx). Default: md, or the extension of -o FILE.
    #[arg(long, short, value_name = "LIST")]
    pub format: Option<String>,
    /// Write to FILE instead of standard output (one format).
    #[arg(long, short, value_name = "FILE", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Write one file per format into DIR, named after the title or --name.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// The file name (without extension) for --out-dir.
    #[arg(long, value_name = "NAME", requires = "out_dir")]
    pub name: Option<String>,
    /// DOCX paper size. Default: letter for postings located in the US or Canada, else a4.
    #[arg(long, value_enum, value_name = "SIZE")]
    pub page: Option<crate::render::docx::PageSize>,
}

/// What `jdgen list` shows.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListWhat {
    Roles,
    Levels,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
