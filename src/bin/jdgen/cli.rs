//! The command line, as clap definitions only: a literal copy of the flags, no I/O.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jdgen::lint::Level;
use jdgen::render::docx::PageSize;

const EXAMPLES: &str = "\
Examples:
  jdgen list roles
  jdgen generate --role product-manager --level senior
  jdgen generate --role project-manager --level expert --job job.yaml -o posting.md
  jdgen generate --job job.yaml --company company.yaml --set salary.min=90000 --set salary.max=110000

Exit codes: 0 success; 1 some jobs failed or lint findings; 2 bad input or usage;
3 a file could not be read or written (I/O failure); 4 internal error (a bug in jdgen).";

/// Writes job descriptions for Product Managers, Project Owners, Product Owners and Scrum Masters.
#[derive(Debug, Parser)]
#[command(name = "jdgen", version, about, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    /// A catalog folder whose profiles/ and templates/ override the built-in ones file by file.
    #[arg(long, global = true, env = "JDGEN_CATALOG", value_name = "DIR")]
    pub catalog: Option<PathBuf>,

    /// Say nothing but errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also say which files were read and written (on standard error).
    #[arg(long, short, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write one job description.
    #[command(after_help = GENERATE_EXAMPLES)]
    Generate(Box<GenerateArgs>),
    /// Write every job of a manifest (YAML or CSV) into a folder, in parallel.
    #[command(after_help = BATCH_EXAMPLES)]
    Batch(Box<BatchArgs>),
    /// Publish a manifest as a careers site: a page per posting, the careers page, sitemap and feeds.
    #[command(after_help = SITE_EXAMPLES)]
    Site(Box<SiteArgs>),
    /// Show the roles or levels the catalog has.
    #[command(after_help = LIST_EXAMPLES)]
    List {
        /// What to list.
        what: ListWhat,
    },
    /// Copy the built-in catalog and example files into a folder, to edit and use with --catalog.
    #[command(after_help = INIT_EXAMPLES)]
    Init {
        /// The folder to write into.
        #[arg(default_value = "jdgen", value_name = "DIR")]
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
        /// Copy only these catalog files (paths as init writes them, e.g. lint/pay-transparency.yaml).
        #[arg(long, value_name = "FILE", num_args = 1..)]
        only: Vec<String>,
    },
    /// Check the whole catalog (built-in plus --catalog DIR): every problem, with file, line and column.
    #[command(after_help = CHECK_EXAMPLES)]
    Check,
    /// Ask for a posting's facts on the terminal, then write the job file (and the description).
    #[command(
        after_help = "Example:\n  jdgen new            (answer the questions; it needs a terminal)\n  jdgen --catalog my-catalog new"
    )]
    New,
    /// Print a shell completion script.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write it and one page per subcommand into a folder.
    #[command(
        after_help = "Examples:\n  jdgen man > jdgen.1 && man ./jdgen.1\n  jdgen man --out-dir ~/.local/share/man/man1   (jdgen.1, jdgen-generate.1, ...)"
    )]
    Man {
        /// Write jdgen.1 and a page for each subcommand (jdgen-generate.1, ...) into DIR.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
    /// Check job descriptions (Markdown or DOCX) for inclusive, lawful and readable wording.
    #[command(after_help = LINT_EXAMPLES)]
    Lint(LintArgs),
    /// Which role do I need? Compare roles side by side at one level, or the levels of one role.
    #[command(after_help = COMPARE_EXAMPLES)]
    Compare(CompareArgs),
}

const COMPARE_EXAMPLES: &str = "\
Examples:
  jdgen compare product-manager project-owner
  jdgen compare product-manager product-owner scrum-master --level lead
  jdgen compare --role scrum-master senior lead principal head
  jdgen compare project-manager product-manager --format docx -o which-role.docx

Formats: text (a table for the terminal, 80 columns), md, html, docx (landscape), json.";

/// `jdgen compare` flags.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The roles to compare (ids, aliases or variants); with --role, the levels to compare.
    #[arg(required = true, num_args = 2.., value_name = "NAME")]
    pub names: Vec<String>,
    /// Compare the levels of this role instead of roles; NAME... are then levels.
    #[arg(long, short, value_name = "ROLE", conflicts_with = "level")]
    pub role: Option<String>,
    /// The level roles are compared at [default: senior].
    #[arg(long, short, value_name = "LEVEL")]
    pub level: Option<String>,
    /// Output format. Default: text, or the extension of -o FILE.
    #[arg(long, short, value_enum, value_name = "FORMAT")]
    pub format: Option<CompareFormat>,
    /// Write to FILE instead of standard output (docx must go to a file).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// DOCX paper size, turned to landscape [default: a4].
    #[arg(long, value_enum, value_name = "SIZE")]
    pub page: Option<PageArg>,
}

/// What `jdgen compare` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// A table for the terminal (80 columns).
    Text,
    /// A Markdown table.
    #[value(alias = "markdown")]
    Md,
    /// A standalone HTML page.
    Html,
    /// A Word document, landscape.
    Docx,
    /// JSON, one record per role or level.
    Json,
}

const LINT_EXAMPLES: &str = "\
Examples:
  jdgen lint posting.md
  jdgen lint posting.docx --job job.yaml --company company.yaml
  jdgen generate -r product-manager -l senior | jdgen lint - --format json
  jdgen lint *.md --deny warning
  jdgen lint postings/*.md --format sarif > jdgen.sarif

Exit codes: 0 no findings at or above --deny; 1 findings; 2 bad input.
Rules and thresholds live in the catalog's lint/ folder (override with --catalog DIR);
switch rules off in a company file: `lint: {disable: [rule-id, ...]}`.";

/// `jdgen lint` flags.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// Markdown or DOCX files to check; `-` reads Markdown from standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The posting's job file (YAML): its place, pay and date enable the pay-transparency checks.
    #[arg(long, short, value_name = "FILE")]
    pub job: Option<PathBuf>,
    /// A company file (YAML): facts, and `lint: {disable: [...]}` to switch rules off.
    #[arg(long, short, value_name = "FILE")]
    pub company: Option<PathBuf>,
    /// How to show the findings.
    #[arg(long, short, value_enum, default_value_t = LintFormat::Text)]
    pub format: LintFormat,
    /// The lowest level that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = LevelArg::Error, value_name = "LEVEL")]
    pub deny: LevelArg,
}

/// How `jdgen lint` shows its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// One line per finding: file:line:column: level[rule]: message.
    Text,
    /// One JSON document (see the README's Lint section).
    Json,
    /// SARIF 2.1.0, for code-scanning services and editors that show findings inline.
    Sarif,
}

const INIT_EXAMPLES: &str = "\
Examples:
  jdgen init
  jdgen init my-catalog --force
  jdgen --catalog jdgen check";

const CHECK_EXAMPLES: &str = "\
Examples:
  jdgen check --catalog jdgen
  JDGEN_CATALOG=jdgen jdgen check

Exit codes: 0 the catalog is sound; 2 problems were found (each is listed); 3 a file could not be read.";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  jdgen completions bash > ~/.local/share/bash-completion/completions/jdgen
  jdgen completions zsh > ~/.zfunc/_jdgen
  jdgen completions fish > ~/.config/fish/completions/jdgen.fish";

const GENERATE_EXAMPLES: &str = "\
Examples:
  jdgen generate --role product-manager --level senior
  jdgen generate --role scrum-master --level lead --job job.yaml -o scrum-master.md
  jdgen generate --job job.yaml --company company.yaml --set workplace=remote
  jdgen generate --job job.yaml --format md,html,json --out-dir site/ --css brand.css

Facts are layered, later wins: company file < job file < --set < --role/--level.";

const BATCH_EXAMPLES: &str = "\
Manifest (YAML):
  company: company.yaml          # optional: a company file, relative to the manifest
  defaults: {workplace: hybrid, location: {city: Berlin, country: DE}}
  jobs:
    - {id: pm-senior, role: product-manager, level: senior}
    - {id: sm-lead, role: scrum-master, level: lead, salary: {min: 70000, max: 85000, currency: EUR}}

Manifest (CSV): a header row of dotted job-file fields, one job per row; lists separated by ';'.
  id,role,level,company.name,location.city,location.country,salary.min,salary.max,salary.currency,benefits

Examples:
  jdgen batch openings.yaml --out-dir postings
  jdgen batch openings.csv --out-dir postings --format md,docx --jobs 4 --report report.json
  jdgen batch openings.csv --out-dir site --format html --set date_posted=2026-11-02

Facts are layered, later wins: company file < defaults < --set < each job's own fields.

Exit codes: 0 every job written; 1 some jobs failed (each is listed); 2 the manifest cannot be used.";

const SITE_EXAMPLES: &str = "\
Examples:
  jdgen site openings.yaml --out-dir site
  jdgen site openings.csv --out-dir site --base-url https://careers.example.com/ --company company.yaml
  jdgen site openings.yaml --out-dir site --base-url https://example.com/jobs/ --date 2026-12-01

Writes index.html, jobs/{id}.html and filters/; with --base-url also sitemap.xml, robots.txt,
feed.xml (Atom) and feeds/indeed.xml, feeds/linkedin.xml, feeds/jobs.json.
Exit codes: 0 every open posting published; 1 some jobs failed; 2 the manifest or folder cannot be used.";

/// `jdgen site` flags.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The manifest: YAML (`defaults:` and `jobs:`) or CSV (by the .csv extension).
    #[arg(value_name = "MANIFEST")]
    pub manifest: PathBuf,
    /// The site's folder (created if missing; jdgen's from then on).
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
    /// The address the folder will be published at; needed for the sitemap and the feeds.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The build date (YYYY-MM-DD): postings whose valid_through is before it are left out [default: today].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// A company file under every job (replaces one the manifest names).
    #[arg(long, short, value_name = "FILE")]
    pub company: Option<PathBuf>,
    /// Override one field of every job, with a dotted name (repeatable): --set apply.email=jobs@example.com.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Worker threads (default: every core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Stop at the first failed job (and publish nothing).
    #[arg(long)]
    pub fail_fast: bool,
    /// Build into a non-empty folder jdgen site did not write (files are added and replaced, none removed).
    #[arg(long)]
    pub force: bool,
}

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
    /// Output formats, comma-separated (md, docx, html, json). Default: md, or the extension of -o FILE.
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
    /// Also lint the description (findings to standard error; exit 1 on an error-level finding).
    #[arg(long)]
    pub lint: bool,
    #[command(flatten)]
    pub look: LookArgs,
}

/// `jdgen batch` flags.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The manifest: YAML (`defaults:` and `jobs:`) or CSV (by the .csv extension).
    #[arg(value_name = "MANIFEST")]
    pub manifest: PathBuf,
    /// The folder to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
    /// Output formats, comma-separated.
    #[arg(long, short, value_name = "LIST", default_value = "md")]
    pub format: String,
    /// Worker threads (default: every core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Stop at the first failed job.
    #[arg(long)]
    pub fail_fast: bool,
    /// Overwrite files that exist with other content.
    #[arg(long)]
    pub force: bool,
    /// Also write a JSON report of every job (id, title, role, level, files, errors).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// A company file under every job (replaces one the manifest names).
    #[arg(long, short, value_name = "FILE")]
    pub company: Option<PathBuf>,
    /// Set one field for every job (repeatable): --set date_posted=2026-11-02. It overrides the
    /// manifest's defaults; a job's own value for the field still wins.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Lint every description (warnings and errors listed; exit 1 on an error-level finding).
    #[arg(long)]
    pub lint: bool,
    #[command(flatten)]
    pub look: LookArgs,
}

/// How the files look, for `generate` and `batch`.
#[derive(Debug, Args)]
pub struct LookArgs {
    /// A stylesheet that replaces the careers page's built-in one (html format).
    #[arg(long, value_name = "FILE")]
    pub css: Option<PathBuf>,
    /// DOCX paper size. Default: letter for postings located in the US or Canada, else a4.
    #[arg(long, value_enum, value_name = "SIZE")]
    pub page: Option<PageArg>,
}

/// `--page`: the library's [`PageSize`] as the command line offers it (the library knows no clap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PageArg {
    /// ISO A4, 210 x 297 mm.
    A4,
    /// US Letter, 8.5 x 11 in.
    Letter,
}

impl From<PageArg> for PageSize {
    fn from(page: PageArg) -> PageSize {
        match page {
            PageArg::A4 => PageSize::A4,
            PageArg::Letter => PageSize::Letter,
        }
    }
}

/// `--deny`: the library's lint [`Level`] as the command line offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    /// Worth a look; often fine (a single coded word, a long posting).
    Notice,
    /// Likely to put off applicants; fix unless there is a reason.
    Warning,
    /// Breaks a law that applies to the posting.
    Error,
}

impl From<LevelArg> for Level {
    fn from(level: LevelArg) -> Level {
        match level {
            LevelArg::Notice => Level::Notice,
            LevelArg::Warning => Level::Warning,
            LevelArg::Error => Level::Error,
        }
    }
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

    #[test]
    fn value_wrappers_name_the_librarys_values() {
        for (arg, level) in [
            (LevelArg::Notice, Level::Notice),
            (LevelArg::Warning, Level::Warning),
            (LevelArg::Error, Level::Error),
        ] {
            assert_eq!(arg.to_possible_value().unwrap().get_name(), level.name());
            assert_eq!(Level::from(arg), level);
        }
        assert_eq!(PageSize::from(PageArg::A4), PageSize::A4);
        assert_eq!(PageSize::from(PageArg::Letter), PageSize::Letter);
    }
}
