//! What a batch run wrote: `index.md` in the output folder and the `--report` JSON, each
//! written a job at a time, so memory does not grow with the number of jobs.

use std::io::{BufWriter, Write};
use std::path::Path;

use serde_json::json;

use super::{JobOutcome, Status};
use crate::error::Result;
use crate::fsio::write_error;
use crate::fsio::AtomicFile;

/// The index's file name in the output folder.
pub const INDEX_FILE: &str = "index.md";

/// How every index jdgen writes begins; a file that begins otherwise is the user's own. The
/// first line is lint's [`crate::lint::BATCH_INDEX_MARKER`], so `jdgen lint postings/*.md`
/// skips the index (a test keeps the two equal).
pub const INDEX_HEADER: &str =
    "<!-- jdgen batch index: the postings written by `jdgen batch`; `jdgen lint` skips this file -->\n\
    # Job descriptions\n\n| id | title | role | level | files |\n|---|---|---|---|---|\n";

/// The index's row for a job that was written, in manifest order.
pub fn index_row(outcome: &JobOutcome) -> Option<String> {
    if !matches!(outcome.status, Status::Written) {
        return None;
    }
    let files: Vec<String> = outcome.files.iter().map(|f| format!("[{f}]({f})")).collect();
    Some(format!(
        "| {} | {} | {} | {} | {} |\n",
        cell(outcome.id.as_deref()),
        cell(outcome.title.as_deref()),
        cell(outcome.role.as_deref()),
        cell(outcome.level.as_deref()),
        files.join(" ")
    ))
}

/// Table cells are user text: escape what would end the cell or become markup.
fn cell(text: Option<&str>) -> String {
    crate::render::escape::escape_markdown(text.unwrap_or(""))
}

/// Job counts by what happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub written: usize,
    pub failed: usize,
    pub skipped: usize,
    /// Jobs deliberately not written (a site's expired postings).
    pub left_out: usize,
}

impl Totals {
    /// Counts one more job.
    pub fn add(&mut self, outcome: &JobOutcome) {
        match outcome.status {
            Status::Written => self.written += 1,
            Status::Failed(_) => self.failed += 1,
            Status::Skipped(_) => self.skipped += 1,
            Status::LeftOut(_) => self.left_out += 1,
        }
    }

    /// Every job counted.
    pub fn total(&self) -> usize {
        self.written + self.failed + self.skipped + self.left_out
    }
}

/// The machine-readable report, written as the jobs finish: every job with its place, files or
/// error, then the totals. Keys are in alphabetical order, as before it was streamed.
pub struct ReportWriter {
    out: BufWriter<AtomicFile>,
    path: std::path::PathBuf,
    manifest: String,
    out_dir: String,
    jobs: usize,
}

impl ReportWriter {
    /// Starts the report at `path` (written under a temporary name until [`finish`](Self::finish)).
    pub fn create(path: &Path, manifest: &str, out_dir: &str) -> Result<ReportWriter> {
        let mut out = BufWriter::new(AtomicFile::create(path)?);
        out.write_all(b"{\n  \"jobs\": [").map_err(|e| write_error(path, &e))?;
        Ok(ReportWriter {
            out,
            path: path.to_owned(),
            manifest: manifest.to_owned(),
            out_dir: out_dir.to_owned(),
            jobs: 0,
        })
    }

    /// Adds one job.
    pub fn add(&mut self, outcome: &JobOutcome) -> Result<()> {
        let (status, error) = match &outcome.status {
            Status::Written => ("written", None),
            Status::Failed(error) => ("failed", Some(error.to_string())),
            Status::Skipped(why) => ("skipped", Some(why.reason().to_owned())),
            Status::LeftOut(why) => ("left out", Some(why.clone())),
        };
        let job = json!({
            "place": outcome.place.to_string(),
            "id": outcome.id, "title": outcome.title, "role": outcome.role, "level": outcome.level,
            "files": outcome.files,
            "status": status,
            "error": error,
        });
        let text = serde_json::to_string_pretty(&job).expect("a JSON value serializes");
        let separator = if self.jobs == 0 { "\n" } else { ",\n" };
        self.jobs += 1;
        let mut entry = String::with_capacity(text.len() + 64);
        entry.push_str(separator);
        for (index, line) in text.lines().enumerate() {
            if index > 0 {
                entry.push('\n');
            }
            entry.push_str("    ");
            entry.push_str(line);
        }
        self.out
            .write_all(entry.as_bytes())
            .map_err(|e| write_error(&self.path, &e))
    }

    /// Writes the totals and puts the report in place.
    pub fn finish(mut self, totals: Totals) -> Result<()> {
        let close = match self.jobs {
            0 => "],\n".to_owned(),
            _ => "\n  ],\n".to_owned(),
        };
        let tail = format!(
            "{close}  \"jobs_failed\": {},\n  \"jobs_skipped\": {},\n  \"jobs_total\": {},\n  \"jobs_written\": {},\n  \"manifest\": {},\n  \"out_dir\": {}\n}}\n",
            totals.failed,
            totals.skipped,
            totals.total(),
            totals.written,
            serde_json::Value::from(self.manifest.as_str()),
            serde_json::Value::from(self.out_dir.as_str()),
        );
        self.out
            .write_all(tail.as_bytes())
            .map_err(|e| write_error(&self.path, &e))?;
        let file = self.out.into_inner().map_err(|e| write_error(&self.path, e.error()))?;
        file.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_begins_with_lints_marker() {
        assert!(crate::lint::is_batch_index(INDEX_HEADER), "{INDEX_HEADER}");
        assert_eq!(INDEX_HEADER.lines().nth(1), Some("# Job descriptions"));
    }
    use crate::batch::{Place, Skipped};

    fn outcome(status: Status) -> JobOutcome {
        JobOutcome {
            place: Place::Line(3),
            id: Some("a|b".into()),
            title: Some("T".into()),
            role: Some("r".into()),
            level: Some("l".into()),
            files: vec!["a.md".into()],
            unchanged: 0,
            lint: None,
            status,
        }
    }

    #[test]
    fn the_streamed_report_is_the_json_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        let mut report = ReportWriter::create(&path, "m.yaml", "out").unwrap();
        let mut totals = Totals::default();
        for status in [
            Status::Written,
            Status::Failed(Box::new(crate::error::Error::Usage("bad".into()))),
            Status::Skipped(Skipped::Interrupted),
        ] {
            let job = outcome(status);
            totals.add(&job);
            report.add(&job).unwrap();
        }
        report.finish(totals).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let expected = json!({
            "jobs": [
                {"error": null, "files": ["a.md"], "id": "a|b", "level": "l", "place": "line 3", "role": "r", "status": "written", "title": "T"},
                {"error": "bad", "files": ["a.md"], "id": "a|b", "level": "l", "place": "line 3", "role": "r", "status": "failed", "title": "T"},
                {"error": "not written: the run was interrupted", "files": ["a.md"], "id": "a|b", "level": "l", "place": "line 3", "role": "r", "status": "skipped", "title": "T"},
            ],
            "jobs_failed": 1, "jobs_skipped": 1, "jobs_total": 3, "jobs_written": 1,
            "manifest": "m.yaml", "out_dir": "out",
        });
        assert_eq!(json, expected);
        assert_eq!(text, format!("{}\n", serde_json::to_string_pretty(&expected).unwrap()));
        assert_eq!(
            index_row(&outcome(Status::Written)).unwrap(),
            "| a\\|b | T | r | l | [a.md](a.md) |\n"
        );
    }

    #[test]
    fn an_empty_report_is_json() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        ReportWriter::create(&path, "m", "o")
            .unwrap()
            .finish(Totals::default())
            .unwrap();
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(json["jobs"], json!([]));
    }
}
