//! The catalog: seniority profiles and role templates, built-in or from a user's folder, compiled once per run.

mod files;
pub mod profile;
pub mod role;
mod starter;

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Located, Origin, Result};
use crate::render::markdown::TemplateEngine;
use crate::{suggest, yaml};

pub use files::{builtin_files, layered_files, CatalogFile, Provenance};
pub use profile::{Bullets, SeniorityProfile, Years};
pub use role::{split_front_matter, RoleMeta};
pub use starter::starter_files;

/// A role: its metadata, where it came from, and the name of its compiled template.
#[derive(Debug, Clone)]
pub struct RoleTemplate {
    pub meta: RoleMeta,
    pub provenance: Provenance,
    /// The catalog path, e.g. `templates/product-manager.md.hbs`.
    pub path: String,
}

/// A level, with where it came from.
#[derive(Debug, Clone)]
pub struct Level {
    pub profile: SeniorityProfile,
    pub provenance: Provenance,
}

/// Everything needed to render: roles, levels and the compiled templates.
pub struct Catalog {
    roles: Vec<RoleTemplate>,
    levels: Vec<Level>,
    engine: TemplateEngine,
    /// Whether a user folder was layered in (an unknown name then cannot be "forgot --catalog").
    has_user_folder: bool,
}

impl Catalog {
    /// The built-in catalog, layered under `user_dir` if given; fails on the first problem.
    pub fn load(user_dir: Option<&Path>) -> Result<Catalog> {
        let (catalog, mut problems) = Catalog::load_collecting(user_dir)?;
        match problems.is_empty() {
            true => Ok(catalog),
            false => Err(problems.remove(0)),
        }
    }

    /// Loads what can be loaded and returns every problem found, for `jdgen check`.
    /// Only an unreadable catalog folder is an immediate error.
    pub fn load_collecting(user_dir: Option<&Path>) -> Result<(Catalog, Vec<Error>)> {
        let files = layered_files(user_dir)?;
        let mut problems = Vec::new();
        let mut engine = TemplateEngine::new();
        let mut roles = Vec::new();
        let mut levels = Vec::new();

        for (relative, file) in &files {
            let name = file.display_name(relative);
            let origin = Origin::File(name.clone());
            if let Some(stem) = relative.strip_prefix("profiles/").and_then(|f| f.strip_suffix(".yaml")) {
                match yaml::from_str::<SeniorityProfile>(&origin, &file.text) {
                    Ok(profile) => {
                        for (field, message) in profile.problems(stem) {
                            let at = located_key(&name, &file.text, &field);
                            problems.push(Error::invalid(origin.clone(), field, message, None, at));
                        }
                        levels.push(Level {
                            profile,
                            provenance: file.provenance.clone(),
                        });
                    }
                    Err(error) => problems.push(error),
                }
            } else if let Some(partial) = relative
                .strip_prefix("templates/partials/")
                .and_then(|f| f.strip_suffix(".md.hbs"))
            {
                if let Err(error) = engine.register(partial, &name, &file.text) {
                    problems.push(error);
                }
            } else if let Some(stem) = relative
                .strip_prefix("templates/")
                .and_then(|f| f.strip_suffix(".md.hbs"))
            {
                let Some(split) = split_front_matter(&file.text) else {
                    problems.push(Error::template(
                        &name,
                        "the template has no front matter",
                        Some(
                            "start the file with a `---` block giving id, title, discipline, focus, owns, horizon"
                                .into(),
                        ),
                        Some(Located::at(&name, &file.text, 1, 1)),
                    ));
                    continue;
                };
                let meta = match yaml::from_str::<RoleMeta>(&origin, &split.front_matter) {
                    Ok(meta) => meta,
                    Err(error) => {
                        problems.push(error);
                        continue;
                    }
                };
                if meta.id != stem {
                    problems.push(Error::invalid(
                        origin.clone(),
                        "id",
                        format!("'{}' differs from the file name '{stem}'; they must match", meta.id),
                        None,
                        located_key(&name, &file.text, "id"),
                    ));
                }
                let template_name = format!("role:{stem}");
                match engine.register(&template_name, &name, &split.body) {
                    Ok(()) => roles.push(RoleTemplate {
                        meta,
                        provenance: file.provenance.clone(),
                        path: relative.clone(),
                    }),
                    Err(error) => problems.push(error),
                }
            }
        }

        problems.extend(duplicate_names(
            "role",
            roles
                .iter()
                .map(|r| (&r.meta.id, &r.meta.aliases, r.provenance.to_string())),
        ));
        problems.extend(duplicate_names(
            "level",
            levels
                .iter()
                .map(|l| (&l.profile.id, &l.profile.aliases, l.provenance.to_string())),
        ));
        levels.sort_by(|a, b| (a.profile.rank, &a.profile.id).cmp(&(b.profile.rank, &b.profile.id)));
        Ok((
            Catalog {
                roles,
                levels,
                engine,
                has_user_folder: user_dir.is_some(),
            },
            problems,
        ))
    }

    /// Roles, sorted by id.
    pub fn roles(&self) -> &[RoleTemplate] {
        &self.roles
    }

    /// Levels, most junior first.
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// The compiled templates.
    pub fn engine(&self) -> &TemplateEngine {
        &self.engine
    }

    /// The compiled templates, to change (`jdgen check` stands in empty partials for missing ones).
    pub fn engine_mut(&mut self) -> &mut TemplateEngine {
        &mut self.engine
    }

    /// A role by id or alias (any case), or an error with a suggestion.
    pub fn role(&self, name: &str) -> Result<&RoleTemplate> {
        let wanted = name.trim().to_lowercase();
        self.roles
            .iter()
            .find(|r| r.meta.id == wanted || r.meta.aliases.iter().any(|a| a.to_lowercase() == wanted))
            .ok_or_else(|| {
                let names = self
                    .roles
                    .iter()
                    .flat_map(|r| std::iter::once(&r.meta.id).chain(&r.meta.aliases));
                unknown("role", name, names.map(String::as_str).collect(), self.has_user_folder)
            })
    }

    /// A level by id or alias (any case), or an error with a suggestion.
    pub fn level(&self, name: &str) -> Result<&Level> {
        let wanted = name.trim().to_lowercase();
        self.levels
            .iter()
            .find(|l| l.profile.id == wanted || l.profile.aliases.iter().any(|a| a.to_lowercase() == wanted))
            .ok_or_else(|| {
                let names = self
                    .levels
                    .iter()
                    .flat_map(|l| std::iter::once(&l.profile.id).chain(&l.profile.aliases));
                unknown("level", name, names.map(String::as_str).collect(), self.has_user_folder)
            })
    }
}

/// Where a (dotted) key is in a YAML text, for pointing at a field serde accepted but a check did not.
fn located_key(name: &str, text: &str, field: &str) -> Option<Located> {
    let path: Vec<&str> = field.split('.').collect();
    crate::posting::locate_key(text, 0, &path).map(|(line, column)| Located::at(name, text, line, column))
}

fn unknown(kind: &'static str, name: &str, names: Vec<&str>, has_user_folder: bool) -> Error {
    let allowed = names.join(", ");
    let mut help = match suggest::closest(name, names.iter().copied()) {
        Some(best) => format!("did you mean '{best}'? {kind}s: {allowed}"),
        None => format!("{kind}s: {allowed} (see `jdgen list {kind}s`)"),
    };
    if !has_user_folder {
        help.push_str(&format!(
            "; if the {kind} is in your own catalog folder, pass --catalog DIR or set JDGEN_CATALOG"
        ));
    }
    Error::Unknown {
        kind,
        name: name.to_owned(),
        help,
    }
}

/// Ids and aliases must name one entry each; `source` says where each entry was read.
fn duplicate_names<'a>(kind: &str, entries: impl Iterator<Item = (&'a String, &'a Vec<String>, String)>) -> Vec<Error> {
    let mut seen: BTreeMap<String, (&String, String)> = BTreeMap::new();
    let mut problems = Vec::new();
    for (id, aliases, source) in entries {
        for name in std::iter::once(id).chain(aliases) {
            if let Some((other, other_source)) = seen.insert(name.to_lowercase(), (id, source.clone())) {
                problems.push(Error::Usage(format!(
                    "the {kind} name '{name}' is used twice: by '{other}' ({other_source}) and by '{id}' ({source}); \
                     each id and alias must name one {kind}"
                )));
            }
        }
    }
    problems
}
