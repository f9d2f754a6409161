//! `jdgen completions SHELL` and `jdgen man`: the command line described for shells and `man`, from the clap definitions.

use std::path::Path;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::CommandFactory;

use super::{exit, write_stdout};
use crate::cli::Cli;
use jdgen::catalog::Catalog;
use jdgen::error::{Error, Result};
use jdgen::{fsio, ui};

/// Prints the completion script for `shell`, completing `--role`, `--level` and `compare`'s
/// names with the catalog's ids and aliases (the built-in catalog when `catalog_dir` cannot be
/// loaded; none when neither can, and the script still completes everything else).
pub fn completions(catalog_dir: Option<&Path>, shell: clap_complete::Shell) -> Result<u8> {
    let mut command = Cli::command();
    if let Some(names) = CatalogNames::of(catalog_dir) {
        command = names.offered_by(command);
    }
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "jdgen", &mut script);
    write_stdout(&script)?;
    Ok(exit::SUCCESS)
}

/// The names a shell may complete, each with what it is.
struct CatalogNames {
    roles: Vec<PossibleValue>,
    levels: Vec<PossibleValue>,
}

impl CatalogNames {
    fn of(catalog_dir: Option<&Path>) -> Option<CatalogNames> {
        let catalog = Catalog::load(catalog_dir).or_else(|_| Catalog::load(None)).ok()?;
        let mut roles = Vec::new();
        for role in catalog.roles() {
            let meta = &role.meta;
            roles.push(value(&meta.id, &meta.title));
            for alias in &meta.aliases {
                roles.push(value(alias, &meta.title));
            }
            for variant in &meta.variants {
                roles.push(value(&variant.id, &variant.title));
            }
        }
        let mut levels = Vec::new();
        for level in catalog.levels() {
            let profile = &level.profile;
            levels.push(value(&profile.id, &profile.name));
            for alias in &profile.aliases {
                levels.push(value(alias, &profile.name));
            }
        }
        Some(CatalogNames { roles, levels })
    }

    /// `command` with the names as the values its role and level arguments offer. Only the
    /// completion script sees them: the parser itself takes any name and says "did you mean".
    fn offered_by(self, command: clap::Command) -> clap::Command {
        let roles = PossibleValuesParser::new(self.roles.clone());
        let levels = PossibleValuesParser::new(self.levels.clone());
        let either = PossibleValuesParser::new(self.roles.into_iter().chain(self.levels));
        command
            .mut_subcommand("generate", |generate| {
                generate
                    .mut_arg("role", |arg| arg.value_parser(roles.clone()))
                    .mut_arg("level", |arg| arg.value_parser(levels.clone()))
            })
            .mut_subcommand("compare", |compare| {
                compare
                    .mut_arg("role", |arg| arg.value_parser(roles.clone()))
                    .mut_arg("level", |arg| arg.value_parser(levels.clone()))
                    .mut_arg("names", |arg| arg.value_parser(either))
            })
    }
}

/// A name to complete, with its title as the help zsh and fish show.
fn value(name: &str, help: &str) -> PossibleValue {
    // clap keeps names as `&'static str` unless its `string` feature is on; the completion
    // command prints its script and exits, so the few names it leaks cost nothing.
    let name: &'static str = Box::leak(name.to_owned().into_boxed_str());
    let help: &'static str = Box::leak(help.to_owned().into_boxed_str());
    PossibleValue::new(name).help(help)
}

/// Prints the man page (roff): synopsis, options, and the list of subcommands; with `out_dir`,
/// writes it and a page for each subcommand (`jdgen-generate.1`, …), which it refers to.
pub fn man(out_dir: Option<&Path>) -> Result<u8> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let Some(dir) = out_dir else {
        write_stdout(&render(command))?;
        return Ok(exit::SUCCESS);
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.to_owned(),
        reason: e.to_string(),
    })?;
    let mut pages = vec![command.clone()];
    pages.extend(command.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    for page in pages {
        let path = dir.join(clap_mangen::Man::new(page.clone()).get_filename());
        fsio::write_atomic(&path, &render(page))?;
        ui::detail(format_args!("wrote {}", path.display()));
    }
    ui::note(format_args!("wrote the man pages into {}", dir.display()));
    Ok(exit::SUCCESS)
}

fn render(command: clap::Command) -> Vec<u8> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .expect("rendering a man page into memory cannot fail");
    page
}
