//! Turns the sources of one posting (company file, job file, --set flags, --role/--level) into one typed, validated [`Job`].

use std::path::Path;

use crate::catalog::matrix::says_none;
use crate::catalog::{spelling, Catalog, Level, RoleAtLevel, RoleLevel, RoleTemplate, Variant};
use crate::error::{Error, Origin, Result};
use crate::posting::{self, Branding, CompanyFile, DirectReports, Layer, Posting, PostingFile, Spelling};
use crate::sniff::{self, Wanted};
use crate::{fsio, yaml};

/// One posting, ready to render: its role, its level and its validated facts.
#[derive(Debug, Clone)]
pub struct Job<'c> {
    pub role: &'c RoleTemplate,
    pub level: &'c Level,
    /// The variant the role was asked for by (`project-manager`), which has its own titles.
    pub variant: Option<&'c Variant>,
    /// The catalog's cell for this role at this level, if it has one.
    pub cell: Option<&'c RoleLevel>,
    pub posting: Posting,
    /// The posting's title: the job's own, or the catalog's title for the role at this level.
    pub title: String,
    /// The company's look for DOCX output (from the company file), or the default look.
    pub branding: Branding,
}

impl<'c> Job<'c> {
    /// A job for `role` at `level` (asked for by `name`), its title from the catalog unless the posting gives one.
    pub fn new(
        catalog: &'c Catalog,
        role: &'c RoleTemplate,
        level: &'c Level,
        name: &str,
        posting: Posting,
    ) -> Job<'c> {
        let at_level = catalog.at_level(role, level, name);
        let title = match &posting.title {
            Some(title) => title.clone(),
            None => match posting.spelling() {
                Spelling::Us => catalog.us_spelling().convert(&at_level.title()).into_owned(),
                Spelling::Uk => at_level.title(),
            },
        };
        Job {
            role,
            level,
            variant: at_level.variant,
            cell: at_level.cell,
            posting,
            title,
            branding: Branding::default(),
        }
    }

    /// The role at the level, with the catalog's fallbacks.
    pub fn at_level(&self) -> RoleAtLevel<'c> {
        RoleAtLevel {
            role: self.role,
            level: self.level,
            cell: self.cell,
            variant: self.variant,
        }
    }

    /// The compiled template for this job's role, in the posting's spelling.
    pub fn template_name(&self, catalog: &Catalog) -> String {
        let name = format!("role:{}", self.role.meta.id);
        let us = format!("{name}{}", spelling::US_SUFFIX);
        match self.posting.spelling() == Spelling::Us && catalog.engine().has(&us) {
            true => us,
            false => name,
        }
    }
}

/// Reads a file where jdgen wants YAML (a job file, company file or manifest): a Word
/// document, PDF or web page given instead is named as such, with what was probably meant.
pub fn read_yaml_file(path: &Path, wanted: Wanted) -> Result<String> {
    let bytes = fsio::read_bytes(path)?;
    if let Some(kind) = sniff::binary_kind(&bytes) {
        return Err(sniff::not_what_was_wanted(path, kind, wanted));
    }
    let text = fsio::text_from_bytes(path, bytes)?;
    if sniff::is_html(&text) {
        return Err(sniff::not_what_was_wanted(path, sniff::Kind::Html, wanted));
    }
    crate::ui::detail(format_args!("read {}", path.display()));
    Ok(text)
}

/// Parses `text`, read from `path` where jdgen wanted YAML; a Markdown document is named as such.
fn parse_yaml_file<T: serde::de::DeserializeOwned>(
    path: &Path,
    origin: &Origin,
    text: &str,
    wanted: Wanted,
) -> std::result::Result<T, yaml::Partial<T>> {
    yaml::from_str_partial::<T>(origin, text).map_err(|partial| {
        match partial.rest.is_none() && sniff::is_markdown(text) {
            true => yaml::Partial {
                error: sniff::not_what_was_wanted(path, sniff::Kind::Markdown, wanted),
                rest: None,
            },
            false => partial,
        }
    })
}

/// Where one posting's facts come from. [`Sources::layers`] is the one place that stacks them,
/// for every command (generate, lint, batch, site, new), later winning:
/// company < defaults < batch `--set` < job < `--set`, and [`resolve`]'s `--role`/`--level`
/// over all. A batch's `--set` goes under each job's own fields (`shared`), generate's and
/// site's over them (`flags`), as their help says.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// A company file, or the company a manifest names or holds.
    pub company: Option<Layer>,
    /// A manifest's `defaults:`.
    pub defaults: Option<Layer>,
    /// `--set` flags under each job's own fields (`jdgen batch`).
    pub shared: Vec<Layer>,
    /// The job's own facts: a job file, one job of a manifest, the answers of `jdgen new`.
    pub job: Option<Layer>,
    /// `--set` flags over the job's own fields (`jdgen generate`, `jdgen site`).
    pub flags: Vec<Layer>,
}

impl Sources {
    /// A company file, a job file and `--set` flags (generate, lint), read and parsed.
    pub fn from_files(company: Option<&Path>, job: Option<&Path>, set: &[String]) -> Result<Sources> {
        Ok(Sources {
            company: company.map(company_file_layer).transpose()?,
            job: job.map(job_file_layer).transpose()?,
            flags: set_flag_layers(set)?,
            ..Sources::default()
        })
    }

    /// Only the job's own facts.
    pub fn job(job: Layer) -> Sources {
        Sources {
            job: Some(job),
            ..Sources::default()
        }
    }

    /// The layers, bottom first, as [`posting::validate`] and [`resolve`] read them.
    pub fn layers(self) -> Vec<Layer> {
        let mut layers = Vec::with_capacity(3 + self.shared.len() + self.flags.len());
        layers.extend(self.company);
        layers.extend(self.defaults);
        layers.extend(self.shared);
        layers.extend(self.job);
        layers.extend(self.flags);
        layers
    }
}

/// Parses `--set KEY=VALUE` flags, in order.
pub fn set_flag_layers(flags: &[String]) -> Result<Vec<Layer>> {
    flags.iter().map(|flag| set_flag_layer(flag)).collect()
}

/// Reads a job file as a layer. A file with problems gives the facts that could be read, and
/// its problems, which validation reports with its own (every problem in one run).
pub fn job_file_layer(path: &Path) -> Result<Layer> {
    let text = read_yaml_file(path, Wanted::JobFile)?;
    let origin = Origin::File(path.display().to_string());
    let read = parse_yaml_file::<PostingFile>(path, &origin, &text, Wanted::JobFile);
    Layer::partial(origin, text.into(), (0, 1), read)
}

/// Reads a company file as a layer (the bottom one).
pub fn company_file_layer(path: &Path) -> Result<Layer> {
    let text = read_yaml_file(path, Wanted::CompanyFile)?;
    let origin = Origin::File(path.display().to_string());
    let company = parse_yaml_file::<CompanyFile>(path, &origin, &text, Wanted::CompanyFile).map_err(|p| p.error)?;
    let base = path.parent().unwrap_or(Path::new("."));
    let branding = match company.branding.clone() {
        Some(facts) => Some(facts.validate(&origin, &text, base)?),
        None => None,
    };
    Ok(Layer {
        origin,
        text: text.into(),
        start: 0,
        start_line: 1,
        facts: company.as_posting(),
        branding,
        lint: company.lint,
        problems: Vec::new(),
    })
}

/// Parses one `--set KEY=VALUE` flag (dotted key, YAML scalar value) as a layer.
pub fn set_flag_layer(flag: &str) -> Result<Layer> {
    let origin = Origin::Flag(flag.to_owned());
    let (key, value) = flag
        .split_once('=')
        .ok_or_else(|| Error::Usage(format!("--set {flag}: write KEY=VALUE, e.g. --set salary.min=90000")))?;
    let path: Vec<&str> = key.trim().split('.').collect();
    if path.iter().any(|part| part.is_empty()) {
        return Err(Error::Usage(format!(
            "--set {flag}: '{key}' is not a field name; use dotted names like company.name"
        )));
    }
    let value = value.trim();
    let facts = match yaml::parse_scalar(value) {
        // Blocks and lists (`salary={min: 78000, ...}`) read exactly as in a job file, where
        // each field reads its own text (`min: 78.000` keeps "78.000" for the message about it).
        yaml::Value::Mapping(_) | yaml::Value::Sequence(_) => {
            let mut text = String::new();
            for (depth, part) in path.iter().enumerate() {
                text.push_str(&format!("{}{part}:", "  ".repeat(depth)));
                text.push(if depth + 1 == path.len() { ' ' } else { '\n' });
            }
            text.push_str(value);
            text.push('\n');
            yaml::from_str::<PostingFile>(&origin, &text)?
        }
        // Scalars are text, as typed (`--set team=Yes` is not a switch, `--set id=2027` not a
        // number); each field reads a number from its text.
        _ => {
            let mut node = yaml::Value::String(value.to_owned());
            for part in path.iter().rev() {
                let mut mapping = yaml::Mapping::new();
                mapping.insert(yaml::Value::String((*part).to_owned()), node);
                node = yaml::Value::Mapping(mapping);
            }
            yaml::from_value::<PostingFile>(&origin, node)?
        }
    };
    Ok(Layer::new(origin, "".into(), facts))
}

/// Resolves the layers (bottom first) and the `--role`/`--level` flags into a job.
pub fn resolve<'c>(catalog: &'c Catalog, layers: &[Layer], role: Option<&str>, level: Option<&str>) -> Result<Job<'c>> {
    let posting = posting::validate(layers)?;
    let role_name = role.or(posting.role.as_deref()).unwrap_or_default().to_owned();
    let role = pick(catalog, layers, "role", role, posting.role.as_deref(), |c, name| {
        c.role(name)
    })?;
    let level = pick(catalog, layers, "level", level, posting.level.as_deref(), |c, name| {
        c.level(name)
    })?;
    let mut job = Job::new(catalog, role, level, &role_name, posting);
    reports_fit_the_level(&job, layers)?;
    if let Some(branding) = layers.iter().rev().find_map(|layer| layer.branding.clone()) {
        job.branding = branding;
    }
    Ok(job)
}

/// Direct reports on a level whose cell leads no one (`direct_reports: none`) would publish
/// "Direct reports: 5" beside the cell's own "with no line reports": the posting would
/// contradict itself, so it is refused.
fn reports_fit_the_level(job: &Job, layers: &[Layer]) -> Result<()> {
    let at_level = job.at_level();
    let asked = match &job.posting.direct_reports {
        Some(DirectReports::Count(count)) => *count > 0,
        Some(DirectReports::Text(text)) => !says_none(text),
        None => false,
    };
    if !asked || !at_level.leads_no_one() {
        return Ok(());
    }
    let role = &job.role.meta.id;
    let (origin, at) = posting::locate(layers, "direct_reports");
    Err(Error::invalid(
        origin,
        "direct_reports",
        format!(
            "the {} leads no one in this catalog (the posting says: you {}), so direct reports would contradict it",
            at_level.title(),
            at_level.people_leadership()
        ),
        Some(format!(
            "leave direct_reports out, or choose a level that leads people (`jdgen list levels`, then `jdgen compare --role {role} LEVEL LEVEL` shows who leads whom); to hire at this level with reports, give roles/{role}/{}.yaml its own direct_reports and people_leadership in your catalog (jdgen init)",
            job.level.profile.id
        )),
        at,
    ))
}

/// A role or level from the flag, else from the posting; an unknown name from a file is reported at its line.
fn pick<'c, T>(
    catalog: &'c Catalog,
    layers: &[Layer],
    field: &'static str,
    flag: Option<&str>,
    from_posting: Option<&str>,
    find: impl Fn(&'c Catalog, &str) -> Result<&'c T>,
) -> Result<&'c T> {
    match (flag, from_posting) {
        (Some(name), _) => find(catalog, name),
        (None, Some(name)) => find(catalog, name).map_err(|error| match error {
            Error::Unknown { kind, name, help } => {
                let (origin, at) = posting::locate(layers, field);
                Error::invalid(origin, field, format!("unknown {kind} '{name}'"), Some(help), at)
            }
            other => other,
        }),
        (None, None) => {
            let names: Vec<String> = match field {
                "role" => catalog.roles().iter().map(|r| r.meta.id.clone()).collect(),
                _ => catalog.levels().iter().map(|l| l.profile.id.clone()).collect(),
            };
            Err(Error::Missing(
                format!("no {field} given"),
                format!(
                    "pass --{field} NAME or set `{field}:` in the job file; {field}s: {}",
                    names.join(", ")
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_stack_in_one_order_later_winning() {
        let flag = |title: &str| set_flag_layer(&format!("title={title}")).unwrap();
        let sources = Sources {
            company: Some(flag("company")),
            defaults: Some(flag("defaults")),
            shared: vec![flag("shared")],
            job: Some(flag("job")),
            flags: vec![flag("flag 1"), flag("flag 2")],
        };
        let layers = sources.clone().layers();
        let order: Vec<String> = layers.iter().map(|layer| layer.origin.to_string()).collect();
        assert_eq!(
            order,
            ["company", "defaults", "shared", "job", "flag 1", "flag 2"].map(|t| format!("--set title={t}"))
        );
        assert_eq!(posting::validate(&layers).unwrap().title.as_deref(), Some("flag 2"));
        let without_flags = Sources {
            flags: Vec::new(),
            ..sources
        };
        assert_eq!(
            posting::validate(&without_flags.layers()).unwrap().title.as_deref(),
            Some("job")
        );
        assert!(Sources::from_files(None, None, &[]).unwrap().layers().is_empty());
    }

    #[test]
    fn set_flags_build_nested_layers() {
        let layer = set_flag_layer("salary.min=90000").unwrap();
        assert_eq!(layer.facts.salary.unwrap().min.unwrap().value, 90000.0);
        let layer = set_flag_layer("company.name=Yes").unwrap();
        assert_eq!(layer.facts.company.unwrap().name.as_deref(), Some("Yes"));
        let layer = set_flag_layer("benefits=[Pension, Gym]").unwrap();
        assert_eq!(layer.facts.benefits.unwrap(), ["Pension", "Gym"]);
        assert_eq!(set_flag_layer("team_size=8").unwrap().facts.team_size, Some(8));
        let layer = set_flag_layer("languages=[English (fluent), Spanish (B2)]").unwrap();
        assert_eq!(layer.facts.languages.unwrap()[1].to_string(), "Spanish (B2)");
    }

    #[test]
    fn bad_set_flags_are_named() {
        let error = set_flag_layer("salry.min=1").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("--set salry.min=1: unknown field `salry`"),
            "{error}"
        );
        assert!(set_flag_layer("salary").is_err());
        assert!(set_flag_layer("salary..min=1").is_err());
    }
}
