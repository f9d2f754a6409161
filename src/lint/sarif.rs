//! Lint results as SARIF 2.1.0, the format code-scanning services and editors read to show findings inline.

use serde_json::{json, Value};

use super::output::FileReport;
use super::{Level, LintRules};

/// What each rule that is not a phrase rule checks (phrase rules give their own reason).
const FIXED_DESCRIPTIONS: &[(&str, &str)] = &[
    (
        "gender-coded-word",
        "A masculine-coded word (Gaucher, Friesen & Kay 2011).",
    ),
    ("gender-coding", "The text as a whole is strongly masculine-coded."),
    ("gender-neutral-title", "A gendered job title."),
    (
        "too-many-requirements",
        "More must-have requirements than the threshold.",
    ),
    (
        "degree-without-equivalent",
        "A degree asked for without an alternative route.",
    ),
    ("length", "Fewer or more words than job ads work best with."),
    (
        "readability",
        "Hard to read: low Flesch Reading Ease or long sentences.",
    ),
    (
        "pay-transparency",
        "No pay range shown where a pay-transparency law requires one.",
    ),
    (
        "pay-transparency-benefits",
        "No benefits shown where a pay-transparency law requires them.",
    ),
];

/// The SARIF log (pretty JSON, with a final newline): one run, every rule jdgen has in
/// `tool.driver.rules`, one result per finding. Columns count Unicode code points, as
/// jdgen's do; a DOCX file's line is its paragraph.
pub fn sarif(files: &[FileReport], rules: &LintRules) -> String {
    let ids = rules.rule_ids();
    let descriptors: Vec<Value> = ids
        .iter()
        .map(|id| {
            let phrase_rule = rules.phrases.phrases.iter().find(|rule| &rule.id == id);
            let description = match phrase_rule {
                Some(rule) => rule.reason.clone(),
                None => FIXED_DESCRIPTIONS
                    .iter()
                    .find(|(fixed, _)| fixed == id)
                    .map_or_else(|| id.clone(), |(_, text)| (*text).to_owned()),
            };
            let mut descriptor = json!({
                "id": id,
                "shortDescription": {"text": description},
            });
            if let Some(rule) = phrase_rule {
                descriptor["defaultConfiguration"] = json!({"level": sarif_level(rule.level)});
                descriptor["help"] = json!({"text": rule.suggestion});
            }
            descriptor
        })
        .collect();
    let mut artifacts: Vec<Value> = Vec::new();
    let mut results: Vec<Value> = Vec::new();
    for (artifact_index, file) in files.iter().enumerate() {
        let uri = uri_of(&file.file);
        artifacts.push(json!({"location": {"uri": uri}}));
        for finding in &file.report.findings {
            let mut physical = json!({"artifactLocation": {"uri": uri, "index": artifact_index}});
            if let (Some(line), Some(column)) = (finding.line, finding.column) {
                let mut region = json!({"startLine": line, "startColumn": column});
                if let Some(quote) = &finding.quote {
                    if !quote.contains('\n') {
                        region["endColumn"] = json!(column + quote.chars().count());
                        region["snippet"] = json!({"text": quote});
                    }
                }
                physical["region"] = region;
            }
            let mut text = finding.message.clone();
            if let Some(suggestion) = &finding.suggestion {
                text.push_str(&format!(" Suggestion: {suggestion}"));
            }
            let mut result = json!({
                "ruleId": finding.rule,
                "level": sarif_level(finding.level),
                "message": {"text": text},
                "locations": [{"physicalLocation": physical}],
            });
            if let Some(index) = ids.iter().position(|id| id == &finding.rule) {
                result["ruleIndex"] = json!(index);
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "jdgen",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).expect("SARIF serializes");
    out.push('\n');
    out
}

/// SARIF's levels: `note`, `warning`, `error`.
fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Notice => "note",
        Level::Warning => "warning",
        Level::Error => "error",
    }
}

/// A file name as a relative URI reference: `/` separators, and every byte that is not
/// unreserved or a separator percent-encoded (so "my posting.md" is "my%20posting.md").
fn uri_of(name: &str) -> String {
    let mut uri = String::new();
    for byte in name.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_become_uri_references() {
        assert_eq!(uri_of("postings/senior pm.md"), "postings/senior%20pm.md");
        assert_eq!(uri_of("a\\b#1.docx"), "a/b%231.docx");
        assert_eq!(uri_of("café.md"), "caf%C3%A9.md");
    }

    #[test]
    fn every_rule_has_a_description() {
        let rules = super::super::rules::builtin_for_tests();
        for id in super::super::rules::FIXED_RULES {
            assert!(FIXED_DESCRIPTIONS.iter().any(|(fixed, _)| fixed == id), "{id}");
        }
        let log: Value = serde_json::from_str(&sarif(&[], rules)).unwrap();
        let described = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(described.len(), rules.rule_ids().len());
        assert!(described
            .iter()
            .all(|d| d["shortDescription"]["text"].as_str().is_some_and(|t| !t.is_empty())));
    }
}
