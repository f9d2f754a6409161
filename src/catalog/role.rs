//! A role template: the role's metadata (front matter) and its Handlebars Markdown body.

use serde::{Deserialize, Serialize};

/// What a role is, as written in a template's front matter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleMeta {
    pub id: String,
    /// The role's display title ("Product Manager").
    pub title: String,
    /// The discipline it belongs to, for titles like "Head of {discipline}".
    pub discipline: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// One line: what the role is for.
    pub focus: String,
    /// What it owns or is accountable for.
    pub owns: String,
    /// The time horizon it works on.
    pub horizon: String,
    /// Who it works with most.
    #[serde(default)]
    pub works_with: Vec<String>,
}

/// A template file split into its front matter and body.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitTemplate<'a> {
    /// The front matter YAML, preceded by one empty line so its line numbers match the file's.
    pub front_matter: String,
    /// The body, preceded by empty lines in place of the front matter so template line numbers match the file's.
    pub body: String,
    /// The unchanged body text (for `init` and `check`).
    pub raw_body: &'a str,
}

/// Splits `---\n<yaml>\n---\n<body>`; `None` when the file has no front matter.
pub fn split_front_matter(text: &str) -> Option<SplitTemplate<'_>> {
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let end = rest
        .find("\n---\n")
        .map(|i| (i, 5))
        .or_else(|| rest.find("\n---\r\n").map(|i| (i, 6)))?;
    let yaml = &rest[..end.0 + 1];
    let raw_body = &rest[end.0 + end.1..];
    let front_lines = 2 + yaml.matches('\n').count();
    Some(SplitTemplate {
        front_matter: format!("\n{yaml}"),
        body: format!("{}{raw_body}", "\n".repeat(front_lines)),
        raw_body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_survive_the_split() {
        let text = "---\nid: x\ntitle: X\n---\n# {{title}}\n";
        let split = split_front_matter(text).unwrap();
        assert_eq!(split.front_matter.lines().nth(1), Some("id: x"));
        assert_eq!(split.body.lines().nth(4), Some("# {{title}}"));
        assert_eq!(split.raw_body, "# {{title}}\n");
        assert!(split_front_matter("# no front matter").is_none());
    }
}
