//! `jdgen list roles|levels`: what the catalog has, and where each entry comes from.

use super::{exit, write_stdout};
use crate::cli::ListWhat;
use jdgen::catalog::Catalog;
use jdgen::error::Result;

/// Prints the roles (with what sets them apart) or the levels (in rank order).
pub fn run(catalog: &Catalog, what: ListWhat) -> Result<u8> {
    let text = match what {
        ListWhat::Roles => roles(catalog),
        ListWhat::Levels => levels(catalog),
    };
    write_stdout(text.as_bytes())?;
    Ok(exit::SUCCESS)
}

fn aliases(aliases: &[String]) -> String {
    match aliases.is_empty() {
        true => String::new(),
        false => format!(" (alias: {})", aliases.join(", ")),
    }
}

fn roles(catalog: &Catalog) -> String {
    let entries: Vec<String> = catalog
        .roles()
        .iter()
        .map(|role| {
            let meta = &role.meta;
            let variants: String = meta
                .variants
                .iter()
                .map(|v| format!(" (also: {}, with its own titles)", v.id))
                .collect();
            let titles_as = |name: &str| -> String {
                let titles: Vec<String> = catalog
                    .levels()
                    .iter()
                    .map(|level| catalog.at_level(role, level, name).title())
                    .collect();
                titles.join(", ")
            };
            let mut titles = titles_as(&meta.id);
            for variant in &meta.variants {
                titles.push_str(&format!("\n    as {}: {}", variant.id, titles_as(&variant.id)));
            }
            format!(
                "{}{}{variants}: {}\n    titles:     {}\n    focus:      {}\n    owns:       {}\n    horizon:    {}\n    works with: {}\n    source:     {}\n",
                meta.id,
                aliases(&meta.aliases),
                meta.title,
                titles,
                meta.focus,
                meta.owns,
                meta.horizon,
                meta.works_with.join(", "),
                role.provenance
            )
        })
        .collect();
    entries.join("\n")
}

fn levels(catalog: &Catalog) -> String {
    let entries: Vec<String> = catalog
        .levels()
        .iter()
        .map(|level| {
            let p = &level.profile;
            let years = match p.years.max {
                Some(max) => format!("{}–{max} years", p.years.min),
                None => format!("{}+ years", p.years.min),
            };
            format!(
                "{}{}: {}\n    title:      {}\n    experience: {years}\n    scope:      {}\n    leadership: {}\n    horizon:    {}\n    source:     {}\n",
                p.id,
                aliases(&p.aliases),
                p.summary,
                p.title,
                p.scope,
                p.people_leadership,
                p.horizon,
                level.provenance
            )
        })
        .collect();
    entries.join("\n")
}
