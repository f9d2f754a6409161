//! `jdgen check`'s work: every problem in a catalog (schemas, template syntax, partials, strict rendering), each located.

use std::collections::BTreeSet;
use std::path::Path;

use crate::catalog::{layered_files, Catalog};
use crate::error::{Error, Located, Origin, Result};
use crate::posting::{self, Layer, PostingFile};
use crate::render::render_markdown;
use crate::render::structure::{mustaches, Positions, MAX_BLOCK_DEPTH};
use crate::resolve::Job;
use crate::yaml;

/// Sample postings every role × level must render with: every optional fact
/// present (twice, to take both sides of the either/or facts) and none.
const SAMPLE_POSTINGS: [(&str, &str); 3] = [
    (
        "every fact, remote, apply by web",
        r#"
company: {name: "Sample & Co <Labs>", website: "https://sample.example", about: "We make samples.\n\nTwo paragraphs."}
team: "A team of six."
reports_to: "Vice President of Samples"
direct_reports: "4 sample managers"
team_size: 8
tools: [Jira, Figma]
languages: [{language: English, level: fluent}, "German (B2)"]
travel: "Up to 15% travel"
location: {city: Berlin, region: Berlin, country: DE}
workplace: remote
remote: {countries: [DE, AT], timezones: "CET ± 2 hours"}
employment_type: full-time
salary: {min: 70000, max: 90000, currency: EUR, period: year}
benefits: [Pension, Learning budget]
responsibilities: [Own the sample roadmap.]
requirements: [Experience with samples.]
nice_to_have: [German.]
hiring_process: [A call., A conversation.]
apply: {url: "https://sample.example/jobs/1"}
date_posted: 2026-01-05
valid_through: 2026-02-05
equal_opportunity: "We welcome everyone."
"#,
    ),
    (
        "every fact, on-site in the US, a contract, apply by e-mail",
        r#"
company: {name: "Sample Co", website: "https://sample.example", about: "We make samples."}
team: "A team of six."
reports_to: "The CEO"
direct_reports: 0
team_size: 1
tools: [Jira]
languages: ["Spanish (conversational)"]
travel: "None"
location: {city: New York, region: NY, country: US}
workplace: onsite
employment_type: contract
salary: {min: 600, max: 600, currency: USD, period: day}
benefits: [Pension]
responsibilities: [Own the sample roadmap.]
requirements: [Experience with samples.]
nice_to_have: [French.]
hiring_process: [A call.]
apply: {email: "jobs@sample.example"}
date_posted: 2026-01-05
valid_through: 2026-02-05
equal_opportunity: "We welcome everyone."
"#,
    ),
    ("no optional facts", "{}"),
];

/// What `check` found.
pub struct CheckReport {
    /// Every problem, in catalog file order, duplicates removed.
    pub problems: Vec<Error>,
    /// Catalog files looked at (built-in and user).
    pub files: usize,
    /// Of those, files from the user's folder.
    pub user_files: usize,
    pub roles: usize,
    pub levels: usize,
    /// Sample postings each role × level was rendered with.
    pub samples: usize,
    /// Files of the user's folder that are the same as the built-in ones, or older.
    pub stale: Vec<crate::catalog::StaleCopy>,
}

/// Checks the catalog layered under `user_dir`; only a missing or unreadable folder is an error.
pub fn check_catalog(user_dir: Option<&Path>) -> Result<CheckReport> {
    let files = layered_files(user_dir)?;
    let (mut catalog, mut problems) = Catalog::load_collecting(user_dir)?;

    for (relative, file) in &files {
        if relative.starts_with("templates/") && relative.ends_with(".md.hbs") {
            let name = file.display_name(relative);
            if let Some(block) = unclosed_block(&file.text) {
                problems.push(Error::template(
                    &name,
                    format!("the `{{{{#{}}}}}` block opened here is never closed", block.name),
                    Some(format!("close it with {{{{/{}}}}}", block.name)),
                    Some(Located::at(&name, &file.text, block.line, block.column)),
                ));
            }
            for reference in partial_references(&file.text) {
                let partial_path = format!("templates/partials/{}.md.hbs", reference.name);
                if !files.contains_key(&partial_path) {
                    // An empty stand-in, so rendering goes on to find the template's other problems.
                    let _ = catalog.engine_mut().register(&reference.name, &partial_path, "");
                    problems.push(Error::template(
                        &name,
                        format!("the partial `{}` does not exist", reference.name),
                        Some(format!(
                            "add {partial_path} to the catalog, or use one of: {}",
                            partial_names(&files)
                        )),
                        Some(Located::at(&name, &file.text, reference.line, reference.column)),
                    ));
                }
            }
        }
    }
    if let Some(dir) = user_dir {
        problems.extend(ignored_files(dir)?);
    }
    // The lint rules are catalog files too (lint/*.yaml): they must parse.
    if let Err(error) = crate::lint::LintRules::from_files(&files) {
        problems.push(error);
    }

    let samples = sample_layers()?;
    // A template that runs away runs to the render budget each time: once is enough to say so.
    let mut runaway = false;
    for role in catalog.roles() {
        // Aliases render exactly as the id; variants have their own titles.
        let names = std::iter::once(&role.meta.id).chain(role.meta.variants.iter().map(|v| &v.id));
        for name in names {
            for level in catalog.levels() {
                for layer in &samples {
                    if runaway && std::ptr::eq(layer, samples.last().expect("there are samples")) {
                        continue;
                    }
                    let posting = posting::validate(std::slice::from_ref(layer))?;
                    let job = Job::new(&catalog, role, level, name, posting);
                    match render_markdown(&catalog, &job) {
                        // The partial scan above already names a missing partial, once, where it is used.
                        Err(Error::Template { message, .. })
                            if message.starts_with("the partial `") && message.ends_with("does not exist") => {}
                        Err(error) => {
                            runaway |= crate::render::limits::exceeded().is_some();
                            problems.push(error)
                        }
                        Ok(_) => {}
                    }
                }
            }
        }
    }

    // One broken partial breaks every role × level: say it once.
    let mut seen = BTreeSet::new();
    problems.retain(|problem| seen.insert(problem.to_string()));
    Ok(CheckReport {
        problems,
        files: files.len(),
        user_files: files
            .values()
            .filter(|f| matches!(f.provenance, crate::catalog::Provenance::Folder(_)))
            .count(),
        roles: catalog.roles().len(),
        levels: catalog.levels().len(),
        samples: samples.len(),
        stale: crate::catalog::stale_copies(&files),
    })
}

/// Items in each list of the "long lists" sample: a posting may well list 100 benefits, and a
/// template that loops inside a loop inside a loop over one list (a million iterations) is
/// caught here, by the render budget, rather than by a recruiter's long posting.
const LONG_LIST: usize = 100;

fn sample_layers() -> Result<Vec<Layer>> {
    let list: Vec<String> = (1..=LONG_LIST).map(|i| format!("Item {i}.")).collect();
    let long_lists = format!(
        "{{benefits: [{0}], responsibilities: [{0}], requirements: [{0}], nice_to_have: [{0}], hiring_process: [{0}]}}",
        list.join(", ")
    );
    SAMPLE_POSTINGS
        .iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .chain([(format!("long lists ({LONG_LIST} items each)"), long_lists)])
        .map(|(name, text)| {
            let origin = Origin::File(format!("<sample posting: {name}>"));
            let facts = yaml::from_str::<PostingFile>(&origin, &text)?;
            Ok(Layer::new(origin, text.into(), facts))
        })
        .collect()
}

fn partial_names(files: &std::collections::BTreeMap<String, crate::catalog::CatalogFile>) -> String {
    files
        .keys()
        .filter_map(|path| path.strip_prefix("templates/partials/")?.strip_suffix(".md.hbs"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Files in the user's profiles/ and templates/ folders that jdgen does not read,
/// most likely a misnamed file (`staff.yml`, `manager.hbs`) the user expects to count.
fn ignored_files(dir: &Path) -> Result<Vec<Error>> {
    let mut problems = Vec::new();
    let mut folders: Vec<(String, &str)> = [
        ("profiles", ".yaml"),
        ("templates", ".md.hbs"),
        ("templates/partials", ".md.hbs"),
        ("spelling", ".yaml"),
    ]
    .map(|(sub, suffix)| (sub.to_owned(), suffix))
    .to_vec();
    let roles = dir.join("roles");
    if roles.is_dir() {
        for path in crate::fsio::read_dir_sorted(&roles)? {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            match path.is_dir() {
                true if !name.starts_with('.') => folders.push((format!("roles/{name}"), ".yaml")),
                _ if name.starts_with('.') => {}
                _ => problems.push(Error::Usage(format!(
                    "{}: jdgen ignores this file: cells live in roles/<role>/<level>.yaml",
                    path.display()
                ))),
            }
        }
    }
    for (sub, suffix) in &folders {
        let folder = dir.join(sub);
        if !folder.is_dir() {
            continue;
        }
        for path in crate::fsio::read_dir_sorted(&folder)? {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let is_partials_folder = sub == "templates" && name == "partials";
            if !name.starts_with('.') && !is_partials_folder && !name.ends_with(suffix) {
                problems.push(Error::Usage(format!(
                    "{}: jdgen ignores this file: it reads only {sub}/*{suffix}; rename it if it is meant to be part of the catalog",
                    path.display()
                )));
            }
        }
    }
    Ok(problems)
}

/// A `{{#name …}}` block left open, or a partial reference: a name and its 1-based position.
#[derive(Debug, PartialEq, Eq)]
struct Tag {
    name: String,
    line: usize,
    column: usize,
}

/// The innermost block (`{{#if}}`, `{{#each}}`, …) still open at the end of the text, if any.
/// Handlebars only says "syntax error" at the end of the file; this names the block and its line.
fn unclosed_block(text: &str) -> Option<Tag> {
    let mut open: Vec<Tag> = Vec::new();
    let mut positions = Positions::new(text);
    for (offset, tag) in mustaches(text) {
        if open.len() > MAX_BLOCK_DEPTH {
            // Compiling the template says that it nests too deeply, at the right place.
            return None;
        }
        let tag = tag.trim_start_matches(['{', '~']).trim_start();
        let word = |rest: &str| -> String {
            rest.trim_start()
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, '}' | '~'))
                .collect()
        };
        if let Some(rest) = tag.strip_prefix('#') {
            let rest = rest.strip_prefix('>').unwrap_or(rest);
            let (line, column) = positions.at(offset);
            open.push(Tag {
                name: word(rest),
                line,
                column,
            });
        } else if let Some(rest) = tag.strip_prefix('/') {
            let name = word(rest);
            match open.iter().rposition(|block| block.name == name) {
                Some(index) if index + 1 == open.len() => drop(open.pop()),
                // `{{/if}}` while an `{{#each}}` inside it is still open: that one was never closed.
                Some(_) => return open.pop(),
                None => {}
            }
        }
    }
    open.pop()
}

/// Every static partial reference in a template's text; comments are skipped.
fn partial_references(text: &str) -> Vec<Tag> {
    let mut positions = Positions::new(text);
    crate::render::structure::partial_calls(text)
        .into_iter()
        .map(|(offset, name)| {
            let (line, column) = positions.at(offset);
            Tag {
                name: name.to_owned(),
                line,
                column,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_partials_and_skips_comments() {
        let text = "a {{> one}}\n{{~> two ~}} {{#> three}}x{{/three}}\n{{!-- {{> not}} --}} {{! {{> nor}} }}\n{{> (dynamic)}}{{>four}}";
        let names: Vec<(String, usize, usize)> = partial_references(text)
            .into_iter()
            .map(|r| (r.name, r.line, r.column))
            .collect();
        assert_eq!(
            names,
            [
                ("one".into(), 1, 3),
                ("two".into(), 2, 1),
                ("three".into(), 2, 14),
                ("four".into(), 4, 16)
            ]
        );
    }

    #[test]
    fn names_the_unclosed_block() {
        let found = |text: &str| unclosed_block(text).map(|b| (b.name, b.line, b.column));
        assert_eq!(
            found("{{#if a}}\n{{#each b}}\n{{this}}\n{{/if}}\n"),
            Some(("each".into(), 2, 1))
        );
        assert_eq!(
            found("x\n{{#if a}}\n  {{#each b}}x{{/each}}\n"),
            Some(("if".into(), 2, 1))
        );
        assert_eq!(
            found("{{#if a}}{{#each b}}{{/each}}{{else}}{{/if}}{{!-- {{#if}} --}}"),
            None
        );
        assert_eq!(found("{{#> layout}}{{/layout}}{{~#if x~}}{{~/if~}}"), None);
    }

    #[test]
    fn the_samples_are_valid_postings() {
        for layer in sample_layers().unwrap() {
            posting::validate(&[layer]).unwrap();
        }
    }
}
