//! Turns the sources of one posting (company file, job file, --set flags, --role/--level) into one typed, validated [`Job`].

use std::path::Path;

use crate::catalog::{Catalog, Level, RoleTemplate};
use crate::error::{Error, Origin, Result};
use crate::posting::{self, Branding, CompanyFile, Layer, Posting, PostingFile};
use crate::{fsio, yaml};

/// One posting, ready to render: its role, its level and its validated facts.
#[derive(Debug, Clone)]
pub struct Job<'c> {
    pub role: &'c RoleTemplate,
    pub level: &'c Level,
    pub posting: Posting,
    /// The posting's title: the job's own, or the level's pattern filled in.
    pub title: String,
    /// The company's look for DOCX output (from the company file), or the default look.
    pub branding: Branding,
}

impl Job<'_> {
    /// The compiled template for this job's role.
    pub fn template_name(&self) -> String {
        format!("role:{}", self.role.meta.id)
    }
}

/// Reads a job file as a layer.
pub fn job_file_layer(path: &Path) -> Result<Layer> {
    let text = fsio::read_text(path)?;
    let origin = Origin::File(path.display().to_string());
    let facts = yaml::from_str::<PostingFile>(&origin, &text)?;
    Ok(Layer::new(origin, text.into(), facts))
}

/// Reads a company file as a layer (the bottom one).
pub fn company_file_layer(path: &Path) -> Result<Layer> {
    let text = fsio::read_text(path)?;
    let origin = Origin::File(path.display().to_string());
    let company = yaml::from_str::<CompanyFile>(&origin, &text)?;
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
    })
}

/// Parses one `--set KEY=VALUE` flag (dotted key, YAML scalar value) as a layer.
pub fn set_flag_layer(flag: &str) -> Result<Layer> {
    let origin = Origin::Flag(flag.to_owned());
    let (key, value) = flag
        .split_once('=')
        .ok_or_else(|| Error::Usage(format!("--set {flag}: expected KEY=VALUE, e.g. --set salary.min=90000")))?;
    let path: Vec<&str> = key.trim().split('.').collect();
    if path.iter().any(|part| part.is_empty()) {
        return Err(Error::Usage(format!(
            "--set {flag}: '{key}' is not a field name; use dotted names like company.name"
        )));
    }
    let mut node = yaml::parse_scalar(value.trim());
    // Scalars are text (`--set team=Yes` is not a boolean, `--set id=2027` not a
    // number), except amounts; blocks and lists (`salary={min: 1, ...}`) stay.
    let amount = matches!(path.as_slice(), ["salary", "min" | "max"]);
    if !amount && !matches!(node, yaml::Value::Mapping(_) | yaml::Value::Sequence(_)) {
        node = yaml::Value::String(value.trim().to_owned());
    }
    for part in path.iter().rev() {
        let mut mapping = yaml::Mapping::new();
        mapping.insert(yaml::Value::String((*part).to_owned()), node);
        node = yaml::Value::Mapping(mapping);
    }
    let facts = yaml::from_value::<PostingFile>(&origin, node)?;
    Ok(Layer::new(origin, "".into(), facts))
}

/// Resolves the layers (bottom first) and the `--role`/`--level` flags into a job.
pub fn resolve<'c>(catalog: &'c Catalog, layers: &[Layer], role: Option<&str>, level: Option<&str>) -> Result<Job<'c>> {
    let posting = posting::validate(layers)?;
    let role = pick(catalog, layers, "role", role, posting.role.as_deref(), |c, name| {
        c.role(name)
    })?;
    let level = pick(catalog, layers, "level", level, posting.level.as_deref(), |c, name| {
        c.level(name)
    })?;
    let title = posting
        .title
        .clone()
        .unwrap_or_else(|| level.profile.title_for(&role.meta.title, &role.meta.discipline));
    let branding = layers
        .iter()
        .rev()
        .find_map(|layer| layer.branding.clone())
        .unwrap_or_default();
    Ok(Job {
        role,
        level,
        posting,
        title,
        branding,
    })
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
    fn set_flags_build_nested_layers() {
        let layer = set_flag_layer("salary.min=90000").unwrap();
        assert_eq!(layer.facts.salary.unwrap().min, Some(90000.0));
        let layer = set_flag_layer("company.name=Yes").unwrap();
        assert_eq!(layer.facts.company.unwrap().name.as_deref(), Some("Yes"));
        let layer = set_flag_layer("benefits=[Pension, Gym]").unwrap();
        assert_eq!(layer.facts.benefits.unwrap(), ["Pension", "Gym"]);
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
