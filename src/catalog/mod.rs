//! The catalog: seniority profiles, role templates and the role × level cells, built-in or from a user's folder, compiled once per run.

mod cell;
mod files;
pub mod matrix;
mod precompiled;
pub mod profile;
pub mod role;
pub mod spelling;
mod starter;

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Located, Origin, Result};
use crate::render::markdown::{TemplateEngine, TemplateSource};
use crate::{suggest, yaml};

pub use cell::{BulletItem, RoleLevel};
pub use files::{builtin_files, layered_files, stale_copies, CatalogFile, Provenance, StaleCopy};
pub use matrix::RoleAtLevel;
pub use profile::{Bullets, Section, SeniorityProfile, Years};
pub use role::{split_front_matter, CoreBullets, Occupation, RoleMeta, Variant};
pub use spelling::UsSpelling;
pub use starter::starter_files;

/// The catalog file of the US spelling list.
pub const US_SPELLING_FILE: &str = "spelling/en-us.yaml";

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

/// A role × level cell, with where it came from.
#[derive(Debug, Clone)]
pub struct Cell {
    pub data: RoleLevel,
    pub provenance: Provenance,
    /// The catalog path, e.g. `roles/product-manager/head.yaml`.
    pub path: String,
}

/// Everything needed to render: roles, levels, cells and the compiled templates.
pub struct Catalog {
    roles: Vec<RoleTemplate>,
    levels: Vec<Level>,
    /// By (role id, level id).
    cells: BTreeMap<(String, String), Cell>,
    us_spelling: UsSpelling,
    engine: TemplateEngine,
    /// Files of the user's folder that are the same as the built-in ones, or older.
    stale: Vec<StaleCopy>,
    /// Whether a user folder was layered in (an unknown name then cannot be "forgot --catalog").
    has_user_folder: bool,
}

/// What a command needs of the catalog. One posting needs one role, one level, one cell
/// and the partials its template uses: loading only those is most of the speed of a single
/// `jdgen generate` (parsing YAML and compiling templates is nearly all its work).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need<'a> {
    /// Every file: `check`, `batch`, `list`, `compare`, `new`.
    Everything,
    /// One posting of `role` at `level` (names as given: ids, aliases or variants), in US
    /// spelling or not. A name that is not a file's id loads every file of its kind to find it.
    Posting {
        role: &'a str,
        level: &'a str,
        us_spelling: bool,
    },
}

/// Which files of the catalog to load, from a [`Need`].
struct Selection {
    /// Role template stems to load; `None` for all.
    roles: Option<String>,
    /// Profile stems to load; `None` for all.
    levels: Option<String>,
    /// Which spellings to compile the templates in.
    spellings: Spellings,
}

/// The spellings a selection compiles templates in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spellings {
    /// British only: one non-US posting.
    British,
    /// US only, under the templates' own names: one US posting.
    Us,
    /// Both, the US copies under `<name>@us`: a batch may hold either.
    Both,
}

/// The stem of the file that `name` means: the file named so, else the one whose `id`,
/// `aliases` or `variants` include the name (read leniently: the real load reports problems).
/// `None` when no file answers to it (the load then reads every file of the kind and says
/// "unknown role", with the names it has).
fn stem_named(files: &BTreeMap<String, CatalogFile>, prefix: &str, suffix: &str, name: &str) -> Option<String> {
    let name = name.trim().to_lowercase();
    if files.contains_key(&format!("{prefix}{name}{suffix}")) {
        return Some(name);
    }
    files.iter().find_map(|(path, file)| {
        let stem = path
            .strip_prefix(prefix)?
            .strip_suffix(suffix)
            .filter(|s| !s.contains('/'))?;
        let answers = match precompiled::names(&file.text) {
            Some(names) => names.iter().any(|n| n.to_lowercase() == name),
            None => names_in(path, &file.text)?.iter().any(|n| n.to_lowercase() == name),
        };
        answers.then(|| stem.to_owned())
    })
}

/// The names a role template or profile answers to: its `id`, `aliases` and variants' ids,
/// read leniently (`None` when they cannot be read).
fn names_in(path: &str, text: &str) -> Option<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Names {
        #[serde(default)]
        id: String,
        #[serde(default)]
        aliases: Vec<String>,
        #[serde(default)]
        variants: Vec<VariantName>,
    }
    #[derive(serde::Deserialize)]
    struct VariantName {
        id: String,
    }
    let yaml = match path.starts_with("templates/") {
        true => split_front_matter(text)?.front_matter,
        false => text.to_owned(),
    };
    let names: Names = yaml::from_str(&Origin::File(path.to_owned()), &yaml).ok()?;
    let variants = names.variants.into_iter().map(|v| v.id);
    Some(std::iter::once(names.id).chain(names.aliases).chain(variants).collect())
}

/// The role a template file is for (`templates/<role>.md.hbs`, not a partial).
fn role_of(path: &str) -> Option<&str> {
    path.strip_prefix("templates/")?
        .strip_suffix(".md.hbs")
        .filter(|stem| !stem.contains('/'))
}

impl Selection {
    fn new(need: Need, files: &BTreeMap<String, CatalogFile>) -> Selection {
        match need {
            Need::Everything => Selection {
                roles: None,
                levels: None,
                spellings: Spellings::Both,
            },
            Need::Posting {
                role,
                level,
                us_spelling,
            } => Selection {
                roles: stem_named(files, "templates/", ".md.hbs", role),
                levels: stem_named(files, "profiles/", ".yaml", level),
                spellings: match us_spelling {
                    true => Spellings::Us,
                    false => Spellings::British,
                },
            },
        }
    }

    fn wants(wanted: &Option<String>, stem: &str) -> bool {
        wanted.as_deref().is_none_or(|w| w == stem)
    }

    /// The catalog files this selection loads: the chosen roles, levels and cells, the
    /// partials the chosen role templates use (and the partials those use), the lint files
    /// never (they load with the lint rules), the spelling list when US spelling is needed.
    fn files<'f>(&self, files: &'f BTreeMap<String, CatalogFile>) -> Vec<(&'f String, &'f CatalogFile)> {
        let mut partials = std::collections::BTreeSet::new();
        let mut queue: Vec<&str> = files
            .iter()
            .filter(|(path, _)| role_of(path).is_some_and(|stem| Self::wants(&self.roles, stem)))
            .map(|(_, file)| &*file.text)
            .collect();
        while let Some(text) = queue.pop() {
            for (_, name) in crate::render::structure::partial_calls(text) {
                let path = format!("templates/partials/{name}.md.hbs");
                if let Some(file) = files.get(&path) {
                    if partials.insert(path) {
                        queue.push(&file.text);
                    }
                }
            }
        }
        files
            .iter()
            .filter(|(path, _)| {
                if let Some(stem) = role_of(path) {
                    return Self::wants(&self.roles, stem);
                }
                if let Some(stem) = path.strip_prefix("profiles/").and_then(|p| p.strip_suffix(".yaml")) {
                    return Self::wants(&self.levels, stem);
                }
                if let Some((role, level)) = path
                    .strip_prefix("roles/")
                    .and_then(|p| p.strip_suffix(".yaml"))
                    .and_then(|p| p.split_once('/'))
                {
                    return Self::wants(&self.roles, role) && Self::wants(&self.levels, level);
                }
                if path.starts_with("templates/partials/") {
                    return self.roles.is_none() || partials.contains(path.as_str());
                }
                path.as_str() == US_SPELLING_FILE && self.spellings != Spellings::British
            })
            .collect()
    }
}

impl Catalog {
    /// The built-in catalog, layered under `user_dir` if given; fails on the first problem.
    pub fn load(user_dir: Option<&Path>) -> Result<Catalog> {
        Catalog::load_for(user_dir, Need::Everything)
    }

    /// What `need` asks of the catalog, layered under `user_dir`; fails on the first problem
    /// in the files it loads (a broken file it does not need is left for `jdgen check`).
    pub fn load_for(user_dir: Option<&Path>, need: Need) -> Result<Catalog> {
        let (catalog, mut problems) = Catalog::load_selected(user_dir, need)?;
        match problems.is_empty() {
            true => Ok(catalog),
            false => Err(problems.remove(0)),
        }
    }

    /// Loads what can be loaded and returns every problem found, for `jdgen check`.
    /// Only an unreadable catalog folder is an immediate error.
    pub fn load_collecting(user_dir: Option<&Path>) -> Result<(Catalog, Vec<Error>)> {
        Catalog::load_selected(user_dir, Need::Everything)
    }

    fn load_selected(user_dir: Option<&Path>, need: Need) -> Result<(Catalog, Vec<Error>)> {
        let files = layered_files(user_dir)?;
        let selection = Selection::new(need, &files);
        let mut problems = Vec::new();
        let mut roles = Vec::new();
        let mut levels = Vec::new();
        let mut cells = Vec::new();
        let mut pending = Vec::new();
        let mut us_spelling = UsSpelling::default();
        // Whether the US word list is the built-in one, whose conversions are precompiled.
        let mut built_in_spelling = false;

        for (relative, file) in selection.files(&files) {
            let name = file.display_name(relative);
            let origin = Origin::File(name.clone());
            if let Some(stem) = relative.strip_prefix("profiles/").and_then(|f| f.strip_suffix(".yaml")) {
                match read_document::<SeniorityProfile>(&origin, file, &file.text) {
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
            } else if let Some((role, level)) = relative
                .strip_prefix("roles/")
                .and_then(|f| f.strip_suffix(".yaml"))
                .and_then(|f| f.split_once('/'))
            {
                match read_document::<RoleLevel>(&origin, file, &file.text) {
                    Ok(data) => cells.push((
                        (role.to_owned(), level.to_owned()),
                        Cell {
                            data,
                            provenance: file.provenance.clone(),
                            path: relative.clone(),
                        },
                    )),
                    Err(error) => problems.push(error),
                }
            } else if relative == US_SPELLING_FILE {
                let read = match precompiled::us_spelling_words(&file.text) {
                    Some(words) => {
                        built_in_spelling = true;
                        Ok((UsSpelling::sorted(words), Vec::new()))
                    }
                    None => yaml::from_str::<spelling::UsSpellingFile>(&origin, &file.text).map(UsSpelling::new),
                };
                match read {
                    Ok((table, list_problems)) => {
                        for (field, message) in list_problems {
                            let at = located_key(&name, &file.text, &field);
                            problems.push(Error::invalid(origin.clone(), field, message, None, at));
                        }
                        us_spelling = table;
                    }
                    Err(error) => problems.push(error),
                }
            } else if let Some(partial) = relative
                .strip_prefix("templates/partials/")
                .and_then(|f| f.strip_suffix(".md.hbs"))
            {
                pending.push(TemplateSource {
                    name: partial.to_owned(),
                    file: name,
                    text: file.text.to_string(),
                    compiled: None,
                });
            } else if let Some(stem) = relative
                .strip_prefix("templates/")
                .and_then(|f| f.strip_suffix(".md.hbs"))
            {
                match role_template(stem, relative, file, &name) {
                    Ok((role, body)) => {
                        for (field, message) in role.meta.problems() {
                            let at = located_key(&name, &file.text, &field);
                            problems.push(Error::invalid(origin.clone(), field, message, None, at));
                        }
                        pending.push(TemplateSource {
                            name: format!("role:{stem}"),
                            file: name,
                            text: body,
                            compiled: None,
                        });
                        roles.push(role);
                    }
                    Err(mut errors) => problems.append(&mut errors),
                }
            }
        }

        // Every template, and its US-spelt copy where the words differ, compiled in one go;
        // a built-in template's compiled form is taken as it is.
        let mut sources = Vec::with_capacity(pending.len() * 2);
        let to_us = |text: &str| match precompiled::us_text(text).filter(|_| built_in_spelling) {
            Some(us) => us.to_owned(),
            None => us_spelling.convert_template(text),
        };
        for mut template in pending {
            match selection.spellings {
                Spellings::British => {}
                Spellings::Us => template.text = to_us(&template.text),
                Spellings::Both => {
                    let us = to_us(&template.text);
                    if us != template.text {
                        let name = format!("{}{}", template.name, spelling::US_SUFFIX);
                        sources.push(TemplateSource {
                            compiled: precompiled::template(&name, &us),
                            name,
                            file: template.file.clone(),
                            text: us,
                        });
                    }
                }
            }
            template.compiled = precompiled::template(&template.name, &template.text);
            sources.push(template);
        }
        let mut engine = TemplateEngine::new();
        let mut compiled = std::collections::BTreeSet::new();
        for (name, result) in engine.register_all(sources) {
            match result {
                Ok(()) => drop(compiled.insert(name)),
                // A US copy differs from its original only in words: the original says what is wrong.
                Err(_) if name.ends_with(spelling::US_SUFFIX) => {}
                Err(error) => problems.push(error),
            }
        }
        roles.retain(|role| compiled.contains(&format!("role:{}", role.meta.id)));

        problems.extend(duplicate_names(
            "role",
            roles
                .iter()
                .map(|r| (&r.meta.id, r.meta.names().skip(1).collect(), r.provenance.to_string())),
        ));
        problems.extend(duplicate_names(
            "level",
            levels.iter().map(|l| {
                (
                    &l.profile.id,
                    l.profile.aliases.iter().collect(),
                    l.provenance.to_string(),
                )
            }),
        ));
        levels.sort_by(|a, b| (a.profile.rank, &a.profile.id).cmp(&(b.profile.rank, &b.profile.id)));
        let catalog = Catalog {
            roles,
            levels,
            cells: cells.into_iter().collect(),
            us_spelling,
            engine,
            stale: stale_copies(&files),
            has_user_folder: user_dir.is_some(),
        };
        problems.extend(catalog.matrix_problems(&files));
        Ok((catalog, problems))
    }

    /// Problems between files: cells for unknown roles or levels, core keys that do not
    /// exist, placeholders other than `{years}`, titles for unknown levels.
    fn matrix_problems(&self, files: &BTreeMap<String, CatalogFile>) -> Vec<Error> {
        let mut problems = Vec::new();
        // Known by their files, so that a profile or template that failed to load is reported once, not again here.
        let stems = |prefix: &str, suffix: &str| -> Vec<&str> {
            files
                .keys()
                .filter_map(|path| path.strip_prefix(prefix)?.strip_suffix(suffix))
                .filter(|stem| !stem.contains('/'))
                .collect()
        };
        let level_ids = stems("profiles/", ".yaml");
        let role_ids = stems("templates/", ".md.hbs");
        let source = |path: &str| {
            let file = &files[path];
            (file.display_name(path), &*file.text)
        };
        for role in &self.roles {
            let (name, text) = source(&role.path);
            let origin = Origin::File(name.clone());
            let mut titles = vec![("titles".to_owned(), &role.meta.titles)];
            for (index, variant) in role.meta.variants.iter().enumerate() {
                titles.push((format!("variants.{index}.titles"), &variant.titles));
            }
            for (field, map) in titles {
                for level in map.keys().filter(|l| !level_ids.contains(&l.as_str())) {
                    problems.push(Error::invalid(
                        origin.clone(),
                        format!("{field}.{level}"),
                        format!("there is no level '{level}'"),
                        Some(names_help("level", level, &level_ids)),
                        located_key(&name, text, &format!("{field}.{level}")),
                    ));
                }
            }
            for section in Section::ALL {
                for (key, bullet) in role.meta.core.section(section) {
                    let field = format!("core.{}.{key}", section.key());
                    problems.extend(placeholder_problems(&origin, &name, text, &field, bullet));
                }
            }
        }
        for ((role_id, level_id), cell) in &self.cells {
            let (name, text) = source(&cell.path);
            let origin = Origin::File(name.clone());
            let Some(role) = self.roles.iter().find(|r| &r.meta.id == role_id) else {
                if role_ids.contains(&role_id.as_str()) {
                    continue; // the role's template has its own problem
                }
                problems.push(Error::invalid(
                    origin,
                    "roles/<role>/",
                    format!("the folder names no role: there is no templates/{role_id}.md.hbs"),
                    Some(names_help("role", role_id, &role_ids)),
                    None,
                ));
                continue;
            };
            if !level_ids.contains(&level_id.as_str()) {
                problems.push(Error::invalid(
                    origin,
                    "roles/<role>/<level>.yaml",
                    format!("the file names no level: there is no profiles/{level_id}.yaml"),
                    Some(names_help("level", level_id, &level_ids)),
                    None,
                ));
                continue;
            }
            let data = &cell.data;
            let texts = [("summary", &data.summary)].into_iter();
            for (field, value) in texts {
                if let Some(value) = value {
                    problems.extend(placeholder_problems(&origin, &name, text, field, value));
                }
            }
            for section in Section::ALL {
                let core = role.meta.core.section(section);
                for (index, item) in data.section(section).unwrap_or_default().iter().enumerate() {
                    let field = format!("{}.{index}", section.key());
                    match item {
                        BulletItem::Text(bullet) => {
                            problems.extend(placeholder_problems(&origin, &name, text, &field, bullet))
                        }
                        BulletItem::Core(key) if !core.contains_key(key) => {
                            let keys: Vec<&str> = core.keys().map(String::as_str).collect();
                            problems.push(Error::invalid(
                                origin.clone(),
                                field.clone(),
                                format!("the role {role_id} has no core {} bullet '{key}'", section.key()),
                                Some(match keys.is_empty() {
                                    true => format!(
                                        "its template's front matter has no core.{} bullets; write the text here",
                                        section.key()
                                    ),
                                    false => names_help("core bullet", key, &keys),
                                }),
                                located_key(&name, text, section.key()),
                            ));
                        }
                        BulletItem::Core(_) => {}
                    }
                }
            }
        }
        problems
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

    /// A role by id, alias or variant id (any case), or an error with a suggestion.
    pub fn role(&self, name: &str) -> Result<&RoleTemplate> {
        let wanted = name.trim().to_lowercase();
        self.roles
            .iter()
            .find(|r| r.meta.names().any(|n| n.to_lowercase() == wanted))
            .ok_or_else(|| {
                let names = self.roles.iter().flat_map(|r| r.meta.names());
                unknown("role", name, names.map(String::as_str).collect(), self.has_user_folder)
            })
    }

    /// The cell of a role at a level, if the catalog has one.
    pub fn cell(&self, role_id: &str, level_id: &str) -> Option<&RoleLevel> {
        self.cells
            .get(&(role_id.to_owned(), level_id.to_owned()))
            .map(|cell| &cell.data)
    }

    /// Every cell, by (role id, level id).
    pub fn cells(&self) -> &BTreeMap<(String, String), Cell> {
        &self.cells
    }

    /// A role at a level, asked for by `name` (the role's id, an alias or a variant id).
    pub fn at_level<'c>(&'c self, role: &'c RoleTemplate, level: &'c Level, name: &str) -> RoleAtLevel<'c> {
        RoleAtLevel {
            role,
            level,
            cell: self.cell(&role.meta.id, &level.profile.id),
            variant: role.meta.variant(name.trim()),
        }
    }

    /// Files of the user's folder that gain nothing from being there: the same as the
    /// built-in ones, or dated tables older than them (see [`StaleCopy`]).
    pub fn stale_copies(&self) -> &[StaleCopy] {
        &self.stale
    }

    /// The British → US word list for US postings.
    pub fn us_spelling(&self) -> &UsSpelling {
        &self.us_spelling
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

/// Ids and other names must name one entry each; `source` says where each entry was read.
fn duplicate_names<'a>(kind: &str, entries: impl Iterator<Item = (&'a String, Vec<&'a String>, String)>) -> Vec<Error> {
    let mut seen: BTreeMap<String, (&String, String)> = BTreeMap::new();
    let mut problems = Vec::new();
    for (id, others, source) in entries {
        for name in std::iter::once(id).chain(others) {
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

/// A role template file: its front matter checked, and its body for compiling.
fn role_template(
    stem: &str,
    relative: &str,
    file: &CatalogFile,
    name: &str,
) -> Result<(RoleTemplate, String), Vec<Error>> {
    let origin = Origin::File(name.to_owned());
    let Some(split) = split_front_matter(&file.text) else {
        return Err(vec![Error::template(
            name,
            "the template has no front matter",
            Some("start the file with a `---` block giving id, title, discipline, focus, owns, horizon".into()),
            Some(Located::at(name, &file.text, 1, 1)),
        )]);
    };
    let meta = read_document::<RoleMeta>(&origin, file, &split.front_matter).map_err(|error| vec![error])?;
    if meta.id != stem {
        return Err(vec![Error::invalid(
            origin,
            "id",
            format!("'{}' differs from the file name '{stem}'; they must match", meta.id),
            None,
            located_key(name, &file.text, "id"),
        )]);
    }
    Ok((
        RoleTemplate {
            meta,
            provenance: file.provenance.clone(),
            path: relative.to_owned(),
        },
        split.body,
    ))
}

/// A catalog YAML document: a built-in one from its precompiled form, any other read.
fn read_document<T: serde::de::DeserializeOwned>(origin: &Origin, file: &CatalogFile, yaml: &str) -> Result<T> {
    let precompiled = match file.provenance {
        Provenance::BuiltIn => precompiled::document(yaml),
        Provenance::Folder(_) => None,
    };
    match precompiled {
        Some(value) => Ok(value),
        None => yaml::from_str(origin, yaml),
    }
}

/// Placeholders in catalog text that jdgen does not fill, each a problem at `field`.
fn placeholder_problems(origin: &Origin, name: &str, text: &str, field: &str, value: &str) -> Vec<Error> {
    matrix::unknown_placeholders(value)
        .into_iter()
        .map(|placeholder| {
            Error::invalid(
                origin.clone(),
                field,
                format!("unknown placeholder '{placeholder}'"),
                Some(format!(
                    "the one placeholder is {}, the years of experience the level asks",
                    matrix::YEARS_PLACEHOLDER
                )),
                located_key(name, text, field),
            )
        })
        .collect()
}

/// "did you mean" help for a name among `names`.
fn names_help(kind: &str, name: &str, names: &[&str]) -> String {
    match suggest::closest(name, names.iter().copied()) {
        Some(best) => format!("did you mean '{best}'? {kind}s: {}", names.join(", ")),
        None => format!("{kind}s: {}", names.join(", ")),
    }
}
