//! How lint results are shown: one line per finding (like a compiler), or one JSON document.

use serde::Serialize;

use super::{Finding, Level, LintReport};

/// The results of linting one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The file as named on the command line (`-` for standard input).
    pub file: String,
    #[serde(flatten)]
    pub report: LintReport,
}

/// The JSON document `jdgen lint --format json` prints (shape documented in the README).
#[derive(Debug, Serialize)]
pub struct JsonOutput<'a> {
    pub files: &'a [FileReport],
    pub counts: Counts,
    pub deny: Level,
    /// Whether a finding is at or above `deny` (the exit code is then 1).
    pub failed: bool,
}

/// Findings per level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub notice: usize,
}

impl Counts {
    /// Counts the findings of every file.
    pub fn of(files: &[FileReport]) -> Counts {
        let mut counts = Counts::default();
        for finding in files.iter().flat_map(|f| &f.report.findings) {
            match finding.level {
                Level::Error => counts.error += 1,
                Level::Warning => counts.warning += 1,
                Level::Notice => counts.notice += 1,
            }
        }
        counts
    }
}

/// Whether any finding is at or above `deny`.
pub fn fails(files: &[FileReport], deny: Level) -> bool {
    files.iter().flat_map(|f| &f.report.findings).any(|f| f.level >= deny)
}

/// The JSON text (pretty, with a final newline).
pub fn json(files: &[FileReport], deny: Level) -> String {
    let output = JsonOutput {
        files,
        counts: Counts::of(files),
        deny,
        failed: fails(files, deny),
    };
    let mut text = serde_json::to_string_pretty(&output).expect("lint results serialize");
    text.push('\n');
    text
}

/// One line per finding, `file:line:column: level[rule]: message`, its suggestion indented
/// below; then a summary line per file and the totals.
pub fn text(files: &[FileReport], deny: Level) -> String {
    let mut out = String::new();
    for file in files {
        for finding in &file.report.findings {
            out.push_str(&finding_line(&file.file, finding));
        }
        let summary = &file.report.summary;
        let gender = &summary.gender_coding;
        out.push_str(&format!(
            "{}: {} words; reading ease {:.1}, {:.1} words a sentence; {} ({} masculine-coded, {} feminine-coded words)\n",
            file.file,
            summary.words,
            summary.readability.reading_ease,
            summary.readability.average_sentence_words,
            gender.verdict,
            gender.masculine,
            gender.feminine
        ));
    }
    let counts = Counts::of(files);
    let verdict = if fails(files, deny) {
        format!("findings at or above {}", deny.name())
    } else {
        format!("nothing at or above {}", deny.name())
    };
    out.push_str(&format!(
        "{} error{}, {} warning{}, {} notice{}: {verdict}\n",
        counts.error,
        plural(counts.error),
        counts.warning,
        plural(counts.warning),
        counts.notice,
        plural(counts.notice)
    ));
    out
}

/// Just the finding lines of `files`, without summaries (for batch, which totals at the end).
pub fn finding_lines(files: &[FileReport]) -> String {
    files
        .iter()
        .flat_map(|file| {
            file.report
                .findings
                .iter()
                .map(|finding| finding_line(&file.file, finding))
        })
        .collect()
}

fn finding_line(file: &str, finding: &Finding) -> String {
    let place = match (finding.line, finding.column) {
        (Some(line), Some(column)) => format!("{file}:{line}:{column}"),
        _ => file.to_owned(),
    };
    let mut line = format!(
        "{place}: {}[{}]: {}\n",
        finding.level.name(),
        finding.rule,
        finding.message
    );
    if let Some(suggestion) = &finding.suggestion {
        line.push_str(&format!("    suggestion: {suggestion}\n"));
    }
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
