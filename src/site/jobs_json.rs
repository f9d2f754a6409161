//! `feeds/jobs.json`: every open posting's schema.org `JobPosting`, the same object its page
//! embeds, in one JSON array for an applicant-tracking system or a script.

/// The file's name in the site.
pub const FILE: &str = "feeds/jobs.json";

/// Before the first posting.
pub const HEADER: &str = "[\n";

/// Between two postings.
pub const SEPARATOR: &str = ",\n";

/// After the last posting.
pub const FOOTER: &str = "\n]\n";

/// What closes an array with no posting.
pub const EMPTY_FOOTER: &str = "]\n";

/// One posting as an element of the array, indented by two spaces.
pub fn entry(posting: &serde_json::Value) -> String {
    let text = serde_json::to_string_pretty(posting).expect("a JSON value always serialises");
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    out
}
