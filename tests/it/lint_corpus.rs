//! `jdgen lint` on real text: 45 published job ads (tests/corpus/) whose every finding is judged in a table, and the peers' rule sets as test sentences.
//!
//! These are regression tests on real wording, not a benchmark: a change to the rules that
//! changes what jdgen says on a real ad fails here until the table says whether the new
//! finding is true, and precision and recall may not fall below what was reached.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::jdgen;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader
        .deserialize::<BTreeMap<String, String>>()
        .map(|row| row.unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

/// Lints `text` (standard input) with `extra` arguments; returns the JSON report.
fn lint_json(text: &str, extra: &[&str]) -> Value {
    let output = jdgen()
        .args(["lint", "-", "--format", "json"])
        .args(extra)
        .write_stdin(text.to_owned())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{e}: {stdout}\n{}", String::from_utf8_lossy(&output.stderr)))
}

/// The job file a posting's facts make (place, remote countries, date posted), as YAML.
fn job_file(row: &BTreeMap<String, String>) -> String {
    let mut job = String::new();
    let place: Vec<String> = ["city", "region", "country"]
        .iter()
        .filter(|key| !row[**key].is_empty())
        .map(|key| format!("{key}: \"{}\"", row[*key]))
        .collect();
    if !place.is_empty() {
        job.push_str(&format!("location: {{{}}}\n", place.join(", ")));
    }
    if !row["workplace"].is_empty() {
        job.push_str(&format!("workplace: {}\n", row["workplace"]));
    }
    if !row["remote_countries"].is_empty() {
        let countries: Vec<&str> = row["remote_countries"].split_whitespace().collect();
        job.push_str(&format!("remote: {{countries: [{}]}}\n", countries.join(", ")));
    }
    job.push_str(&format!("date_posted: {}\n", row["date_posted"]));
    job
}

/// A finding as the judgement table names it: posting, line, rule, level, and the words
/// quoted (or the start of the message for a finding about the whole posting).
type Key = (String, String, String, String, String);

fn key_of(posting: &str, finding: &Value) -> Key {
    let what = match finding["quote"].as_str() {
        Some(quote) => quote.to_owned(),
        None => finding["message"].as_str().unwrap().chars().take(60).collect(),
    };
    (
        posting.to_owned(),
        finding["line"].as_u64().map(|l| l.to_string()).unwrap_or_default(),
        finding["rule"].as_str().unwrap().to_owned(),
        finding["level"].as_str().unwrap().to_owned(),
        what,
    )
}

/// Every finding jdgen gives on the corpus, with its facts known, as table keys.
fn corpus_findings() -> Vec<Key> {
    let dir = tempfile::tempdir().unwrap();
    let mut found = Vec::new();
    for row in read_csv(&corpus().join("index.csv")) {
        let id = &row["id"];
        let job = dir.path().join(format!("{id}.yaml"));
        std::fs::write(&job, job_file(&row)).unwrap();
        let text = std::fs::read_to_string(corpus().join("postings").join(format!("{id}.md"))).unwrap();
        let report = lint_json(&text, &["--job", job.to_str().unwrap()]);
        for finding in report["files"][0]["findings"].as_array().unwrap() {
            found.push(key_of(id, finding));
        }
    }
    found
}

#[test]
fn every_finding_on_real_postings_is_judged_and_precision_and_recall_hold() {
    let table = read_csv(&corpus().join("judgements.csv"));
    let mut judged: BTreeMap<Key, (String, usize)> = BTreeMap::new();
    for row in &table {
        let key = (
            row["posting"].clone(),
            row["line"].clone(),
            row["rule"].clone(),
            row["level"].clone(),
            row["what"].clone(),
        );
        assert!(
            matches!(row["verdict"].as_str(), "true" | "false" | "missed"),
            "judgements.csv: verdict must be true, false or missed: {row:?}"
        );
        judged.entry(key).or_insert((row["verdict"].clone(), 0)).1 += 1;
    }
    let found = corpus_findings();
    let mut given: BTreeMap<Key, usize> = BTreeMap::new();
    for key in &found {
        *given.entry(key.clone()).or_default() += 1;
    }
    let mut problems = Vec::new();
    for (key, count) in &given {
        match judged.get(key) {
            None => problems.push(format!(
                "not judged yet (add to judgements.csv): {},{},{},{},\"{}\",?,",
                key.0, key.1, key.2, key.3, key.4
            )),
            Some((verdict, _)) if verdict == "missed" => problems.push(format!("now found, mark it true: {key:?}")),
            Some((_, rows)) if rows != count => {
                problems.push(format!("given {count} times, judged {rows} times: {key:?}"))
            }
            Some(_) => {}
        }
    }
    for (key, (verdict, _)) in &judged {
        if verdict != "missed" && !given.contains_key(key) {
            problems.push(format!(
                "judged but no longer given (mark it missed if it was true, or drop it): {key:?}"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "the table and jdgen disagree:\n{}",
        problems.join("\n")
    );

    // The figures reached (see tests/corpus/README.md); they may not fall.
    let count = |level: Option<&str>, verdict: &str| {
        table
            .iter()
            .filter(|row| level.is_none_or(|l| row["level"] == l) && row["verdict"] == verdict)
            .count()
    };
    let serious = |verdict: &str| count(Some("warning"), verdict) + count(Some("error"), verdict);
    let (true_serious, false_serious) = (serious("true"), serious("false"));
    let false_warning_rate = false_serious as f64 / (true_serious + false_serious) as f64;
    assert!(
        false_warning_rate <= 1.0 / 70.0,
        "false warnings and errors: {false_serious} of {}",
        true_serious + false_serious
    );
    let (all_true, all_false, missed) = (count(None, "true"), count(None, "false"), count(None, "missed"));
    let precision = all_true as f64 / (all_true + all_false) as f64;
    let recall = all_true as f64 / (all_true + missed) as f64;
    assert!(
        precision >= 538.0 / 540.0,
        "precision {precision:.3}: {all_true} true, {all_false} false"
    );
    assert!(recall >= 1.0, "recall {recall:.3}: {all_true} found, {missed} missed");
    let false_pay_errors = table
        .iter()
        .filter(|row| row["rule"] == "pay-transparency" && row["level"] == "error" && row["verdict"] == "false")
        .count();
    assert_eq!(false_pay_errors, 0, "no false pay-transparency error is acceptable");
}

/// Lints each text as a file of its own in one run; returns each file's report.
fn lint_each(texts: &[&str]) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let path = dir.path().join(format!("{i:04}.md"));
            std::fs::write(&path, text).unwrap();
            path.to_str().unwrap().to_owned()
        })
        .collect();
    let output = jdgen()
        .arg("lint")
        .args(&paths)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let files = report["files"].as_array().unwrap().clone();
    assert_eq!(files.len(), texts.len());
    files
}

/// The rules jdgen gives in a file report, without the whole-document measures and the
/// per-word gender coding (which the gender-decoder test covers).
fn dedicated_rules(file: &Value) -> Vec<String> {
    let mut rules: Vec<String> = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .filter(|rule| {
            !matches!(
                rule.as_str(),
                "length" | "readability" | "gender-coded-word" | "gender-coding"
            )
        })
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

#[test]
fn each_joblint_trigger_term_gets_the_finding_the_table_expects() {
    let rows = read_csv(&corpus().join("peers/joblint-triggers.csv"));
    assert_eq!(rows.len(), 253, "joblint's 19 rules expand to 253 trigger terms");
    let mut wrong = Vec::new();
    let sentences: Vec<&str> = rows.iter().map(|row| row["sentence"].as_str()).collect();
    for (row, file) in rows.iter().zip(lint_each(&sentences)) {
        let expected: Vec<String> = match row["jdgen_rule"].as_str() {
            "" => Vec::new(),
            rule => vec![rule.to_owned()],
        };
        let got = dedicated_rules(&file);
        if got != expected {
            wrong.push(format!(
                "{} ({}): expected {expected:?}, got {got:?}",
                row["term"], row["sentence"]
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Every joblint rule has its sentences, and the categories that matter for a job ad
    // are covered well beyond the goal of 60%.
    let rules: std::collections::BTreeSet<&str> = rows.iter().map(|r| r["joblint_rule"].as_str()).collect();
    assert_eq!(rules.len(), 19);
    let in_scope: Vec<_> = rows
        .iter()
        .filter(|r| !r["category"].contains("out of scope"))
        .collect();
    let covered = in_scope.iter().filter(|r| !r["jdgen_rule"].is_empty()).count();
    assert!(covered * 100 >= in_scope.len() * 94, "{covered} of {}", in_scope.len());
}

#[test]
fn each_gender_decoder_word_is_counted_in_its_list() {
    let rows = read_csv(&corpus().join("peers/gender-decoder-words.csv"));
    assert_eq!(rows.len(), 102);
    let mut wrong = Vec::new();
    let sentences: Vec<&str> = rows.iter().map(|row| row["sentence"].as_str()).collect();
    for (row, file) in rows.iter().zip(lint_each(&sentences)) {
        let coding = &file["summary"]["gender_coding"];
        let (own, other) = match row["list"].as_str() {
            "masculine" => ("masculine_words", "feminine_words"),
            _ => ("feminine_words", "masculine_words"),
        };
        let word = row["word"].to_lowercase();
        if coding[own] != serde_json::json!([word]) || coding[other] != serde_json::json!([]) {
            wrong.push(format!("{} ({}): {coding}", row["stem"], row["sentence"]));
        }
        let notices = file["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "gender-coded-word")
            .count();
        if notices != usize::from(own == "masculine_words") {
            wrong.push(format!("{}: {notices} gender-coded-word notices", row["stem"]));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
