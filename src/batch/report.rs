//! What a batch run wrote: `index.md` in the output folder and the `--report` JSON.

use serde_json::json;

use super::JobOutcome;

/// The Markdown index of the jobs written, in manifest order. Its first line marks it as
/// the batch's index, so `jdgen lint postings/*.md` skips it.
pub fn index_markdown(outcomes: &[JobOutcome]) -> String {
    let mut out = format!(
        "{}\n# Job descriptions\n\n| id | title | role | level | files |\n|---|---|---|---|---|\n",
        crate::lint::BATCH_INDEX_MARKER
    );
    for outcome in outcomes.iter().filter(|o| o.error.is_none()) {
        let files: Vec<String> = outcome.files.iter().map(|f| format!("[{f}]({f})")).collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            cell(outcome.id.as_deref()),
            cell(outcome.title.as_deref()),
            cell(outcome.role.as_deref()),
            cell(outcome.level.as_deref()),
            files.join(" ")
        ));
    }
    out
}

/// Table cells are user text: escape what would end the cell or become markup.
fn cell(text: Option<&str>) -> String {
    crate::render::escape::escape_markdown(text.unwrap_or(""))
}

/// The machine-readable report: every job with its place, files or error.
pub fn report_json(manifest: &str, out_dir: &str, outcomes: &[JobOutcome]) -> serde_json::Value {
    let jobs: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|o| {
            json!({
                "place": o.place.to_string(),
                "id": o.id, "title": o.title, "role": o.role, "level": o.level,
                "files": o.files,
                "status": if o.error.is_some() { "failed" } else { "written" },
                "error": o.error.as_ref().map(|e| e.to_string()),
            })
        })
        .collect();
    let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
    json!({
        "manifest": manifest,
        "out_dir": out_dir,
        "jobs_total": outcomes.len(),
        "jobs_written": outcomes.len() - failed,
        "jobs_failed": failed,
        "jobs": jobs,
    })
}
