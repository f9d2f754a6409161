//! A role template: the role's metadata and core bullets (front matter) and its Handlebars Markdown body.

use std::collections::BTreeMap;

use indexmap::IndexMap;
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
    /// Other names for exactly this role, with the same titles.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Other names for this role that print their own titles (`project-manager` for
    /// `project-owner`: the same work, the market's titles).
    #[serde(default)]
    pub variants: Vec<Variant>,
    /// The posting title at each level, by level id; a level without one uses its pattern.
    #[serde(default)]
    pub titles: BTreeMap<String, String>,
    /// One line: what the role is for.
    pub focus: String,
    /// What it owns or is accountable for.
    pub owns: String,
    /// The time horizon it works on.
    pub horizon: String,
    /// Who it works with most.
    #[serde(default)]
    pub works_with: Vec<String>,
    /// When a company should hire this role: one or two sentences, plain text (for `jdgen compare`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hire_when: Option<String>,
    /// When it should hire another role instead, and which: one or two sentences, plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_when: Option<String>,
    /// The O*NET-SOC occupation, for JSON-LD `occupationalCategory`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<Occupation>,
    /// The role's own bullets, true at every level, by key: a level's cell keeps, moves or leaves out each.
    #[serde(default)]
    pub core: CoreBullets,
}

/// Another name for a role, with its own titles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub id: String,
    /// The name as a title ("Project Manager"), for level patterns like "Senior {role}".
    pub title: String,
    /// The discipline, for "Head of {discipline}"; the role's when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discipline: Option<String>,
    /// The posting title at each level, by level id.
    #[serde(default)]
    pub titles: BTreeMap<String, String>,
}

/// An occupation in the O*NET-SOC taxonomy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Occupation {
    /// The O*NET-SOC code, e.g. "13-1082.00".
    pub code: String,
    /// Its title, e.g. "Project Management Specialists".
    pub name: String,
}

/// A role's core bullets per section, each under a key that cells refer to; in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoreBullets {
    #[serde(default)]
    pub responsibilities: IndexMap<String, String>,
    #[serde(default)]
    pub requirements: IndexMap<String, String>,
    #[serde(default)]
    pub nice_to_have: IndexMap<String, String>,
    #[serde(default)]
    pub success: IndexMap<String, String>,
}

impl CoreBullets {
    /// The core bullets of one section.
    pub fn section(&self, section: super::Section) -> &IndexMap<String, String> {
        use super::Section::*;
        match section {
            Responsibilities => &self.responsibilities,
            Requirements => &self.requirements,
            NiceToHave => &self.nice_to_have,
            Success => &self.success,
        }
    }
}

impl RoleMeta {
    /// The variant named `name` (any case), if it is one.
    pub fn variant(&self, name: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.id.eq_ignore_ascii_case(name))
    }

    /// Every name the role answers to: id, aliases, variant ids.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.id)
            .chain(&self.aliases)
            .chain(self.variants.iter().map(|v| &v.id))
    }

    /// Problems serde cannot see, as (field, message): `hire_when` and `not_when` must be
    /// one or two sentences of plain text on one line, because `jdgen compare` shows them
    /// in table cells of every format, escaped.
    pub fn problems(&self) -> Vec<(String, String)> {
        [("hire_when", &self.hire_when), ("not_when", &self.not_when)]
            .into_iter()
            .filter_map(|(field, value)| Some((field.to_owned(), sentence_problem(value.as_deref()?)?)))
            .collect()
    }
}

/// The most a `hire_when` or `not_when` may hold: two long sentences.
pub const SENTENCE_LIMIT: usize = 400;

/// What is wrong with a one-line, plain-text field, if anything.
fn sentence_problem(value: &str) -> Option<String> {
    let text = value.trim();
    if text.is_empty() {
        return Some("is empty; write one or two sentences, or leave the field out".into());
    }
    if text.contains(['\n', '\r']) {
        return Some("must be one line; write it as one quoted string, or fold it with `>-` so the lines join".into());
    }
    if let Some(markup) = markup_in(text) {
        return Some(format!(
            "looks like Markdown or HTML ({markup}); it is shown as plain text in every format, so write it without markup"
        ));
    }
    if let Some(open) = text.find('{').filter(|&at| text[at..].contains('}')) {
        let placeholder = &text[open..=open + text[open..].find('}').unwrap_or(0)];
        return Some(format!(
            "'{placeholder}' would be printed as it is: this field is the same at every level, so nothing is filled in"
        ));
    }
    let length = text.chars().count();
    (length > SENTENCE_LIMIT).then(|| {
        format!("is {length} characters long; keep it to one or two sentences (at most {SENTENCE_LIMIT} characters)")
    })
}

/// The first piece of Markdown or HTML markup in `text`, quoted, if any.
fn markup_in(text: &str) -> Option<String> {
    let block_marker = ["# ", "- ", "* ", "+ ", "> "].into_iter().find(|m| text.starts_with(m));
    if let Some(marker) = block_marker {
        return Some(format!("it starts with `{}`", marker.trim_end()));
    }
    for inline in ["`", "**", "__", "]("] {
        if text.contains(inline) {
            return Some(format!("`{inline}`"));
        }
    }
    // An HTML tag: `<` then a letter, `/` or `!` (a plain "<" as in "< 5 people" is text).
    let tag = text.match_indices('<').find(
        |(at, _)| matches!(text[at + 1..].chars().next(), Some(c) if c.is_ascii_alphabetic() || c == '/' || c == '!'),
    );
    tag.map(|(at, _)| {
        let end = text[at..].find('>').map_or(text.len(), |e| at + e + 1);
        format!("`{}`", &text[at..end.min(at + 20)])
    })
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

    #[test]
    fn hire_when_and_not_when_are_one_line_of_plain_text() {
        let problem = |value: &str| sentence_problem(value);
        assert_eq!(problem("You need someone to choose what to build and why."), None);
        assert_eq!(problem("Teams of < 5 people & a budget above €1m."), None);
        assert!(problem("  ").unwrap().contains("is empty"));
        assert!(problem("One.\nTwo.").unwrap().contains("one line"));
        assert_eq!(problem("Trailing newline from a folded block.\n"), None);
        assert!(problem("You need **strategy**.").unwrap().contains("`**`"));
        assert!(problem("See [the guide](https://x.example).").unwrap().contains("`](`"));
        assert!(problem("Hire <b>now</b>.").unwrap().contains("`<b>`"));
        assert!(problem("- a list").unwrap().contains("starts with `-`"));
        assert!(problem("{years}+ years in.").unwrap().contains("'{years}'"));
        assert!(problem(&"word ".repeat(100)).unwrap().contains("at most 400"));
    }

    #[test]
    fn the_new_fields_are_optional() {
        let yaml = "id: x\ntitle: X\ndiscipline: X\nfocus: f\nowns: o\nhorizon: h\n";
        let meta: RoleMeta = crate::yaml::from_str(&crate::error::Origin::File("x".into()), yaml).unwrap();
        assert_eq!((meta.hire_when, meta.not_when), (None, None));
        let yaml = format!("{yaml}hire_when: ''\nnot_when: \"Not <em>this</em>.\"\n");
        let meta: RoleMeta = crate::yaml::from_str(&crate::error::Origin::File("x".into()), &yaml).unwrap();
        let fields: Vec<String> = meta.problems().into_iter().map(|(field, _)| field).collect();
        assert_eq!(fields, ["hire_when", "not_when"]);
    }

    #[test]
    fn core_bullets_keep_their_order() {
        let yaml = "id: x\ntitle: X\ndiscipline: X\nfocus: f\nowns: o\nhorizon: h\n\
                    core:\n  responsibilities:\n    zeta: Z.\n    alpha: A.\n";
        let meta: RoleMeta = crate::yaml::from_str(&crate::error::Origin::File("x".into()), yaml).unwrap();
        let keys: Vec<&String> = meta.core.responsibilities.keys().collect();
        assert_eq!(keys, ["zeta", "alpha"]);
    }
}
