//! `feeds/jobs.json`: every open posting's schema.org `JobPosting`, the same object its page
//! embeds (the same text: `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`, which any
//! JSON parser reads back as the characters), in one JSON array for an applicant-tracking
//! system or a script.

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

/// One posting (its page's JSON-LD text) as an element of the array, indented by two spaces.
pub fn entry(text: &str) -> String {
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
