//! Reading a batch manifest (YAML or CSV) into one layer of facts per job, each with its place in the file.
//!
//! A YAML manifest is split into its top-level sections and its `jobs:` into
//! one chunk per job, and each chunk is parsed on its own. That way one bad job
//! is that job's failure (not the whole manifest's), every error points at its
//! real line, and a 20,000-job manifest never becomes one big in-memory tree.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::csv_manifest;
use crate::error::{Error, Origin, Result};
use crate::posting::{CompanyFile, Layer, PostingFile};
use crate::{fsio, resolve, suggest, yaml};

/// Where a job sits in its manifest, for reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// 1-based line of the job's `- ` in a YAML manifest.
    Line(usize),
    /// 1-based line where the job's record starts in a CSV file (the header is line 1).
    Row(usize),
    /// The job's position in a `jobs:` list we could not map to lines.
    Index(usize),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line(line) => write!(f, "line {line}"),
            Place::Row(line) => write!(f, "row at line {line}"),
            Place::Index(index) => write!(f, "job #{index}"),
        }
    }
}

/// One job of a manifest: its place, and its own facts (or why they could not be read).
#[derive(Debug)]
pub struct ManifestJob {
    pub place: Place,
    pub layer: Result<Layer>,
}

/// A manifest read: the layers every job shares (company file, defaults) and the jobs.
#[derive(Debug)]
pub struct Manifest {
    pub path: PathBuf,
    pub company: Option<Layer>,
    pub defaults: Option<Layer>,
    pub jobs: Vec<ManifestJob>,
}

impl Manifest {
    /// The layers under every job, bottom first.
    pub fn shared_layers(&self) -> Vec<Layer> {
        self.company.iter().chain(&self.defaults).cloned().collect()
    }
}

/// Reads a manifest; `.csv` files are CSV, everything else YAML. `company` (from
/// `--company`) replaces a company file the manifest names.
pub fn read_manifest(path: &Path, company: Option<&Path>) -> Result<Manifest> {
    let text: Arc<str> = fsio::read_text(path)?.into();
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let mut manifest = match is_csv {
        true => Manifest {
            path: path.to_owned(),
            company: None,
            defaults: None,
            jobs: csv_manifest::read_jobs(path, &text)?,
        },
        false => read_yaml(path, &text)?,
    };
    if let Some(company) = company {
        manifest.company = Some(resolve::company_file_layer(company)?);
    }
    Ok(manifest)
}

/// The top level of a YAML manifest.
const SECTIONS: [&str; 3] = ["company", "defaults", "jobs"];

/// `company:` in a manifest: a company file's path (relative to the manifest) or the block itself.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum CompanyRef {
    Path(String),
    Inline(Box<CompanyFile>),
}

fn read_yaml(path: &Path, text: &Arc<str>) -> Result<Manifest> {
    let origin = Origin::File(path.display().to_string());
    // The whole document must parse before anything else: a manifest that is
    // not YAML at all is a bad manifest (exit 2), not a thousand bad jobs.
    let top: yaml::Value = yaml::from_str(&origin, text)?;
    let yaml::Value::Mapping(mut top) = top else {
        return Err(manifest_error(
            &origin,
            "a manifest is a mapping with `defaults:` and `jobs:`",
        ));
    };
    for key in top.keys() {
        let name = key.as_str().unwrap_or_default();
        if !SECTIONS.contains(&name) {
            let help = match suggest::closest(name, SECTIONS) {
                Some(best) => format!("did you mean `{best}`? a manifest has company, defaults and jobs"),
                None => "a manifest has company, defaults and jobs".to_owned(),
            };
            return Err(Error::yaml(
                origin.clone(),
                format!("unknown section `{name}`"),
                Some(help),
                None,
            ));
        }
    }
    let Some(yaml::Value::Sequence(job_values)) = top.remove("jobs") else {
        return Err(manifest_error(&origin, "the manifest needs a `jobs:` list"));
    };
    let sections = split_sections(text);

    let mut company = None;
    if let Some(value) = top.remove("company") {
        let reference: CompanyRef = yaml::from_value(&origin, value)?;
        company = Some(match reference {
            CompanyRef::Path(file) => {
                let base = path.parent().unwrap_or(Path::new("."));
                resolve::company_file_layer(&base.join(file))?
            }
            CompanyRef::Inline(company) => {
                let base = path.parent().unwrap_or(Path::new("."));
                let branding = match company.branding.clone() {
                    Some(facts) => Some(facts.validate(&origin, text, base)?),
                    None => None,
                };
                Layer {
                    origin: origin.clone(),
                    text: text.clone(),
                    start: sections.as_ref().and_then(|s| s.start_of("company")).unwrap_or(0),
                    facts: company.as_posting(),
                    branding,
                    lint: company.lint.clone(),
                }
            }
        });
    }
    let mut defaults = None;
    if let Some(value) = top.remove("defaults") {
        let start = sections.as_ref().and_then(|s| s.start_of("defaults"));
        let facts: PostingFile = match &sections {
            Some(sections) => {
                let (chunk, first_line) = sections.chunk("defaults", text).unwrap_or_default();
                yaml::from_chunk(&origin, &chunk, text, first_line.max(1))?
            }
            None => yaml::from_value(&origin, value)?,
        };
        defaults = Some(Layer {
            origin: origin.clone(),
            text: text.clone(),
            start: start.unwrap_or(0),
            facts,
            branding: None,
            lint: None,
        });
    }

    let job_chunks = sections
        .as_ref()
        .and_then(|s| s.job_chunks(text))
        .filter(|c| c.len() == job_values.len());
    let jobs = match job_chunks {
        Some(chunks) => {
            drop(job_values);
            chunks
                .into_iter()
                .map(|chunk| ManifestJob {
                    place: Place::Line(chunk.first_line),
                    layer: yaml::from_chunk::<PostingFile>(&origin, &chunk.mapping_text(text), text, chunk.first_line)
                        .map(|facts| Layer {
                            origin: origin.clone(),
                            text: text.clone(),
                            start: chunk.range.start,
                            facts,
                            branding: None,
                            lint: None,
                        }),
                })
                .collect()
        }
        // A flow-style or otherwise unusual `jobs:` list: parse each job from
        // the tree, and locate it by its position.
        None => job_values
            .into_iter()
            .enumerate()
            .map(|(index, value)| ManifestJob {
                place: Place::Index(index + 1),
                layer: yaml::from_value::<PostingFile>(&origin, value)
                    .map(|facts| Layer::new(origin.clone(), "".into(), facts)),
            })
            .collect(),
    };
    Ok(Manifest {
        path: path.to_owned(),
        company,
        defaults,
        jobs,
    })
}

fn manifest_error(origin: &Origin, message: &str) -> Error {
    Error::yaml(
        origin.clone(),
        message.to_owned(),
        Some("see `jdgen batch --help` for the manifest's shape".into()),
        None,
    )
}

/// The block-style top-level sections of a YAML document, by byte range.
struct Sections {
    /// (key, range of the section's body after the key line, first line of the body).
    entries: Vec<(String, std::ops::Range<usize>, usize, usize)>,
}

/// One job's text in the manifest.
struct JobChunk {
    range: std::ops::Range<usize>,
    first_line: usize,
    /// Byte offset of the item's `-` within the chunk.
    dash: usize,
}

impl JobChunk {
    /// The item as a plain mapping: its `-` becomes a space, so columns stay as in the manifest.
    fn mapping_text(&self, text: &str) -> String {
        let mut chunk = text[self.range.clone()].to_owned();
        chunk.replace_range(self.dash..=self.dash, " ");
        chunk
    }
}

impl Sections {
    fn start_of(&self, key: &str) -> Option<usize> {
        self.entries.iter().find(|e| e.0 == key).map(|e| e.3)
    }

    /// The value of section `key`, with its `key:` blanked so columns stay as in
    /// the document, and the line it starts on.
    fn chunk(&self, key: &str, text: &str) -> Option<(String, usize)> {
        let (_, range, line, _) = self.entries.iter().find(|e| e.0 == key)?;
        Some((format!("{}{}", " ".repeat(key.len() + 1), &text[range.clone()]), *line))
    }

    /// The `jobs:` list split into one chunk per item, with each item's `-`
    /// blanked so the chunk is a plain mapping at its original columns.
    fn job_chunks(&self, text: &str) -> Option<Vec<JobChunk>> {
        let (_, range, first_line, _) = self.entries.iter().find(|e| e.0 == "jobs")?;
        let body = &text[range.clone()];
        let mut starts = Vec::new();
        let mut item_indent = None;
        let mut offset = range.start;
        for (index, line) in body.split_inclusive('\n').enumerate() {
            let trimmed = line.trim_start_matches(' ');
            let indent = line.len() - trimmed.len();
            let is_item = trimmed.starts_with("- ") || trimmed.trim_end() == "-";
            if !(trimmed.trim().is_empty() || trimmed.starts_with('#')) {
                match item_indent {
                    None if is_item => item_indent = Some(indent),
                    None => return None,
                    Some(_) => {}
                }
                if is_item && Some(indent) == item_indent {
                    starts.push((offset, first_line + index, indent));
                }
            }
            offset += line.len();
        }
        let end = range.end;
        let chunks = starts
            .iter()
            .enumerate()
            .map(|(i, &(start, line, dash))| JobChunk {
                range: start..starts.get(i + 1).map_or(end, |next| next.0),
                first_line: line,
                dash,
            })
            .collect();
        Some(chunks)
    }
}

/// Splits a block-style YAML mapping into its top-level sections; `None` when
/// the document is not laid out that way (flow style, tags, documents).
fn split_sections(text: &str) -> Option<Sections> {
    let mut entries: Vec<(String, std::ops::Range<usize>, usize, usize)> = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let first = line.chars().next().unwrap_or(' ');
        let is_key = first.is_ascii_alphabetic() || first == '_';
        if is_key {
            let (key, _) = line.split_once(':')?;
            if let Some(last) = entries.last_mut() {
                last.1.end = offset;
            }
            // The body starts right after the colon: a block on the next lines,
            // or an inline value (`defaults: {workplace: hybrid}`), possibly over several lines.
            let body = offset + key.len() + 1..text.len();
            entries.push((key.trim().to_owned(), body, index + 1, offset));
        } else if !(first == ' ' || first == '#' || first == '\n' || first == '\r' || first == '-') {
            // `---`, `...`, tags or anything else at column 0: not a layout we split.
            if !(line.starts_with("---") && index == 0) {
                return None;
            }
        } else if first == '-' && entries.is_empty() {
            return None;
        }
        offset += line.len();
    }
    Some(Sections { entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn jobs_are_chunked_at_their_lines() {
        let text = "# openings\ndefaults:\n  company: {name: Acme}\njobs:\n  - id: a\n    role: scrum-master\n\n  # next\n  - id: b\n    level: lead\n";
        let (_dir, path) = write("m.yaml", text);
        let manifest = read_manifest(&path, None).unwrap();
        assert!(manifest.company.is_none() && manifest.defaults.is_some());
        let places: Vec<_> = manifest.jobs.iter().map(|j| j.place.clone()).collect();
        assert_eq!(places, [Place::Line(5), Place::Line(9)]);
        let ids: Vec<_> = manifest
            .jobs
            .iter()
            .map(|j| j.layer.as_ref().unwrap().facts.id.clone().unwrap())
            .collect();
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn a_bad_job_is_that_jobs_error_at_its_line() {
        let text = "jobs:\n- id: a\n  role: scrum-master\n- id: b\n  salary: {min: lots}\n";
        let (_dir, path) = write("m.yaml", text);
        let manifest = read_manifest(&path, None).unwrap();
        assert!(manifest.jobs[0].layer.is_ok());
        let error = manifest.jobs[1].layer.as_ref().unwrap_err().to_string();
        assert!(error.contains("m.yaml:5:") && error.contains("salary.min"), "{error}");
    }

    #[test]
    fn inline_defaults_are_read_and_located() {
        let (_dir, path) = write("m.yaml", "defaults: {workplace: hybrid}\njobs:\n  - id: a\n");
        let manifest = read_manifest(&path, None).unwrap();
        assert_eq!(
            manifest.defaults.unwrap().facts.workplace,
            Some(crate::posting::Workplace::Hybrid)
        );
        let (_dir, path) = write("m.yaml", "defaults: {workplace: office}\njobs:\n  - id: a\n");
        let error = read_manifest(&path, None).unwrap_err().to_string();
        assert!(error.contains("m.yaml:1:23") && error.contains("workplace"), "{error}");
    }

    #[test]
    fn flow_style_jobs_still_work() {
        let (_dir, path) = write("m.yaml", "jobs: [{id: a, role: scrum-master}, {id: b}]\n");
        let manifest = read_manifest(&path, None).unwrap();
        assert_eq!(manifest.jobs.len(), 2);
        assert_eq!(manifest.jobs[1].place, Place::Index(2));
    }

    #[test]
    fn unreadable_manifests_are_errors() {
        for text in [
            "jobs: [",
            "- a\n- b\n",
            "defaults: {}\n",
            "jobs: {a: 1}\n",
            "jbos: []\n",
        ] {
            let (_dir, path) = write("m.yaml", text);
            assert!(read_manifest(&path, None).is_err(), "{text:?}");
        }
    }

    #[test]
    fn company_files_resolve_next_to_the_manifest() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("acme.yaml"), "company: {name: Acme}\n").unwrap();
        std::fs::write(dir.path().join("m.yaml"), "company: acme.yaml\njobs:\n  - id: a\n").unwrap();
        let manifest = read_manifest(&dir.path().join("m.yaml"), None).unwrap();
        assert_eq!(
            manifest
                .company
                .unwrap()
                .facts
                .company
                .as_ref()
                .unwrap()
                .name
                .as_deref(),
            Some("Acme")
        );
    }
}
