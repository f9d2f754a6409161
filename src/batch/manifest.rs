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
use crate::{resolve, suggest, yaml};

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
            Place::Row(line) => write!(f, "line {line}"),
            Place::Index(index) => write!(f, "job #{index}"),
        }
    }
}

/// One job of a manifest: its place, and where its facts are. Facts are parsed
/// when needed ([`Manifest::job_layer`]) and dropped after, so a manifest of
/// 20,000 jobs costs its text and a few bytes per job, not 20,000 parsed trees.
#[derive(Debug)]
pub struct ManifestJob {
    pub place: Place,
    source: JobSource,
}

#[derive(Debug)]
enum JobSource {
    /// A `- ` item of a block-style `jobs:` list: its bytes in the manifest and its `-`.
    Chunk {
        range: std::ops::Range<usize>,
        first_line: usize,
        dash: usize,
    },
    /// A CSV record.
    Record(csv_manifest::Record),
    /// An item of a list we could not map to lines (flow style), as parsed.
    Value(yaml::Value),
}

/// A manifest read: the layers every job shares (company file, defaults) and the jobs.
#[derive(Debug)]
pub struct Manifest {
    pub path: PathBuf,
    pub company: Option<Layer>,
    pub defaults: Option<Layer>,
    /// `--set KEY=VALUE` flags, one layer each: above the defaults, under each job's own fields.
    pub flags: Vec<Layer>,
    pub jobs: Vec<ManifestJob>,
    origin: Origin,
    text: Arc<str>,
    /// CSV column names, for records.
    columns: Vec<String>,
}

impl Manifest {
    /// What every job stands on: company, defaults, `--set` flags; a job's own facts go in
    /// its `job` slot.
    pub fn sources(&self) -> resolve::Sources {
        resolve::Sources {
            company: self.company.clone(),
            defaults: self.defaults.clone(),
            shared: self.flags.clone(),
            ..resolve::Sources::default()
        }
    }

    /// The layers under every job, bottom first: company, defaults, `--set` flags.
    pub fn shared_layers(&self) -> Vec<Layer> {
        self.sources().layers()
    }

    /// Parses one job's own facts; a failure is that job's, with its line.
    pub fn job_layer(&self, job: &ManifestJob) -> Result<Layer> {
        match &job.source {
            JobSource::Chunk {
                range,
                first_line,
                dash,
            } => {
                let mut chunk = self.text[range.clone()].to_owned();
                // The item as a plain mapping: its `-` becomes a space, so columns stay as in the manifest.
                chunk.replace_range(*dash..=*dash, " ");
                let read =
                    yaml::from_chunk_partial::<PostingFile>(&self.origin, &chunk, &self.text, range.start, *first_line);
                Layer::partial(self.origin.clone(), self.text.clone(), (range.start, *first_line), read)
            }
            JobSource::Record(record) => csv_manifest::record_layer(&self.path, &self.columns, record),
            JobSource::Value(value) => {
                let read = yaml::from_value_partial::<PostingFile>(&self.origin, value.clone());
                Layer::partial(self.origin.clone(), "".into(), (0, 1), read)
            }
        }
    }
}

/// Reads a manifest; `.csv` files are CSV, everything else YAML. `company` (from
/// `--company`) replaces a company file the manifest names.
pub fn read_manifest(path: &Path, company: Option<&Path>) -> Result<Manifest> {
    let text = resolve::read_yaml_file(path, crate::sniff::Wanted::Manifest)?;
    let mut manifest = parse_manifest(path, text.into())?;
    if let Some(company) = company {
        manifest.company = Some(resolve::company_file_layer(company)?);
    }
    Ok(manifest)
}

/// A manifest from its text, read from `path` (which says whether it is CSV, and where a
/// company file it names is). The jobs are located, not yet parsed.
pub fn parse_manifest(path: &Path, text: Arc<str>) -> Result<Manifest> {
    let origin = Origin::File(path.display().to_string());
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let manifest = match is_csv {
        true => {
            let (columns, records) = csv_manifest::read_records(path, &text)?;
            let jobs = records
                .into_iter()
                .map(|record| ManifestJob {
                    place: Place::Row(record.line()),
                    source: JobSource::Record(record),
                })
                .collect();
            Manifest {
                path: path.to_owned(),
                company: None,
                defaults: None,
                flags: Vec::new(),
                jobs,
                origin,
                text,
                columns,
            }
        }
        false => read_yaml(path, origin, text)?,
    };
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

/// The top-level sections of a manifest, each parsed on its own.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct WholeManifest {
    company: Option<CompanyRef>,
    defaults: Option<PostingFile>,
    jobs: Option<Vec<yaml::Value>>,
}

fn read_yaml(path: &Path, origin: Origin, text: Arc<str>) -> Result<Manifest> {
    let (company, defaults, jobs) = match split_sections(&text) {
        Some(sections) => read_sections(path, &origin, &text, &sections)?,
        None => read_whole(path, &origin, &text)?,
    };
    Ok(Manifest {
        path: path.to_owned(),
        company,
        defaults,
        flags: Vec::new(),
        jobs,
        origin,
        text,
        columns: Vec::new(),
    })
}

/// A manifest's company, defaults and jobs.
type Parts = (Option<Layer>, Option<Layer>, Vec<ManifestJob>);

/// A block-style manifest, section by section, each job located at its line.
fn read_sections(path: &Path, origin: &Origin, text: &Arc<str>, sections: &Sections) -> Result<Parts> {
    sections.check_keys(origin)?;
    let company = match sections.chunk("company", text) {
        None => None,
        Some((chunk, line, start)) => {
            let reference: CompanyRef = yaml::from_chunk(origin, &chunk, text, start, line)?;
            Some(company_layer(path, origin, text, (start, line), reference)?)
        }
    };
    let defaults = match sections.chunk("defaults", text) {
        None => None,
        Some((chunk, line, start)) => {
            let facts: PostingFile = yaml::from_chunk(origin, &chunk, text, start, line)?;
            Some(Layer {
                origin: origin.clone(),
                text: text.clone(),
                start,
                start_line: line,
                facts,
                branding: None,
                lint: None,
                problems: Vec::new(),
            })
        }
    };
    let jobs = match sections.job_chunks(text) {
        Some(chunks) => chunks
            .into_iter()
            .map(|chunk| ManifestJob {
                place: Place::Line(chunk.first_line),
                source: JobSource::Chunk {
                    range: chunk.range,
                    first_line: chunk.first_line,
                    dash: chunk.dash,
                },
            })
            .collect(),
        // A flow-style list (`jobs: [{...}, {...}]`): parse it, locate jobs by position.
        None => {
            let (chunk, line, start) = sections
                .chunk("jobs", text)
                .ok_or_else(|| manifest_error(origin, "the manifest needs a `jobs:` list"))?;
            indexed_jobs(yaml::from_chunk(origin, &chunk, text, start, line)?)
        }
    };
    Ok((company, defaults, jobs))
}

/// A manifest not laid out in block style: the whole document parsed at once, jobs located by position.
fn read_whole(path: &Path, origin: &Origin, text: &Arc<str>) -> Result<Parts> {
    let whole: WholeManifest = yaml::from_str(origin, text)?;
    let Some(values) = whole.jobs else {
        return Err(manifest_error(origin, "the manifest needs a `jobs:` list"));
    };
    let company = whole
        .company
        .map(|c| company_layer(path, origin, text, (0, 1), c))
        .transpose()?;
    let defaults = whole.defaults.map(|facts| Layer::new(origin.clone(), "".into(), facts));
    Ok((company, defaults, indexed_jobs(values)))
}

/// Jobs parsed as one list we could not map to lines, located by their position.
fn indexed_jobs(values: Vec<yaml::Value>) -> Vec<ManifestJob> {
    let jobs = values.into_iter().enumerate();
    jobs.map(|(index, value)| ManifestJob {
        place: Place::Index(index + 1),
        source: JobSource::Value(value),
    })
    .collect()
}

/// The company layer from a manifest's `company:` (a file next to the manifest, or inline).
/// `at` is where the block starts: its byte offset and line.
fn company_layer(
    path: &Path,
    origin: &Origin,
    text: &Arc<str>,
    at: (usize, usize),
    reference: CompanyRef,
) -> Result<Layer> {
    let base = path.parent().unwrap_or(Path::new("."));
    match reference {
        CompanyRef::Path(file) => resolve::company_file_layer(&base.join(file)),
        CompanyRef::Inline(company) => {
            let branding = match company.branding.clone() {
                Some(facts) => Some(facts.validate(origin, text, base)?),
                None => None,
            };
            Ok(Layer {
                origin: origin.clone(),
                text: text.clone(),
                start: at.0,
                start_line: at.1,
                facts: company.as_posting(),
                branding,
                lint: company.lint.clone(),
                problems: Vec::new(),
            })
        }
    }
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
    /// (key, range of the value after `key:`, the key's line, the key's offset).
    entries: Vec<(String, std::ops::Range<usize>, usize, usize)>,
}

/// One job's text in the manifest.
struct JobChunk {
    range: std::ops::Range<usize>,
    first_line: usize,
    /// Byte offset of the item's `-` within the chunk.
    dash: usize,
}

impl Sections {
    /// Only known sections, each once, and a `jobs:` list.
    fn check_keys(&self, origin: &Origin) -> Result<()> {
        for (index, (key, ..)) in self.entries.iter().enumerate() {
            if !SECTIONS.contains(&key.as_str()) {
                let help = match suggest::closest(key, SECTIONS) {
                    Some(best) => format!("did you mean `{best}`? a manifest has company, defaults and jobs"),
                    None => "a manifest has company, defaults and jobs".to_owned(),
                };
                return Err(Error::yaml(
                    origin.clone(),
                    format!("unknown section `{key}`"),
                    Some(help),
                    None,
                ));
            }
            if self.entries[..index].iter().any(|e| &e.0 == key) {
                return Err(manifest_error(origin, &format!("the section `{key}` appears twice")));
            }
        }
        match self.entries.iter().any(|e| e.0 == "jobs") {
            true => Ok(()),
            false => Err(manifest_error(origin, "the manifest needs a `jobs:` list")),
        }
    }

    /// The value of section `key`, with its `key:` blanked so columns stay as in
    /// the document, the line it starts on, and its offset.
    fn chunk(&self, key: &str, text: &str) -> Option<(String, usize, usize)> {
        let (_, range, line, start) = self.entries.iter().find(|e| e.0 == key)?;
        Some((
            format!("{}{}", " ".repeat(key.len() + 1), &text[range.clone()]),
            *line,
            *start,
        ))
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
            .map(|j| manifest.job_layer(j).unwrap().facts.id.unwrap())
            .collect();
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn a_bad_job_is_that_jobs_error_at_its_line() {
        let text = "jobs:\n- id: a\n  role: scrum-master\n- id: b\n  salary: {min: lots}\n";
        let (_dir, path) = write("m.yaml", text);
        let manifest = read_manifest(&path, None).unwrap();
        let validated = |index: usize| crate::posting::validate(&[manifest.job_layer(&manifest.jobs[index]).unwrap()]);
        assert!(validated(0).is_ok());
        let error = validated(1).unwrap_err().to_string();
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
