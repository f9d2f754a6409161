//! A seniority profile: what a level means (scope, autonomy, years, leadership), independent of the role.

use serde::{Deserialize, Serialize};

/// One level of seniority, as written in `profiles/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeniorityProfile {
    pub id: String,
    /// The level's display name ("Senior").
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Orders the levels, most junior first.
    pub rank: u32,
    /// Title pattern: `{role}` is the role's title, `{discipline}` its discipline ("Head of {discipline}").
    pub title: String,
    /// One line for `jdgen list levels`.
    pub summary: String,
    pub years: Years,
    pub scope: String,
    pub autonomy: String,
    pub decision_rights: String,
    pub influence: String,
    pub people_leadership: String,
    pub horizon: String,
    /// Bullets every role gets at this level, after the role's core bullets, when the
    /// role has no cell for this level (or its cell leaves the section out).
    #[serde(default)]
    pub bullets: Bullets,
}

/// Years of relevant experience.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Years {
    pub min: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

/// The bullet sections a posting has, in the order it shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Responsibilities,
    Requirements,
    NiceToHave,
    Success,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Responsibilities,
        Section::Requirements,
        Section::NiceToHave,
        Section::Success,
    ];

    /// The field name in catalog files and the template context.
    pub fn key(self) -> &'static str {
        match self {
            Section::Responsibilities => "responsibilities",
            Section::Requirements => "requirements",
            Section::NiceToHave => "nice_to_have",
            Section::Success => "success",
        }
    }
}

/// Level-specific bullets that templates weave into their sections.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bullets {
    #[serde(default)]
    pub responsibilities: Vec<String>,
    #[serde(default)]
    pub requirements: Vec<String>,
    #[serde(default)]
    pub nice_to_have: Vec<String>,
    #[serde(default)]
    pub success: Vec<String>,
}

impl Bullets {
    /// The bullets of one section.
    pub fn section(&self, section: Section) -> &[String] {
        use Section::*;
        match section {
            Responsibilities => &self.responsibilities,
            Requirements => &self.requirements,
            NiceToHave => &self.nice_to_have,
            Success => &self.success,
        }
    }
}

impl SeniorityProfile {
    /// The posting title for a role at this level.
    pub fn title_for(&self, role_title: &str, discipline: &str) -> String {
        self.title
            .replace("{role}", role_title)
            .replace("{discipline}", discipline)
    }

    /// Problems a loader cannot see through serde: consistency between fields.
    pub fn problems(&self, file_stem: &str) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        if self.id != file_stem {
            problems.push((
                "id".into(),
                format!(
                    "'{}' differs from the file name '{file_stem}'; they must match",
                    self.id
                ),
            ));
        }
        if let Some(max) = self.years.max {
            if max < self.years.min {
                problems.push((
                    "years.max".into(),
                    format!("{max} is below years.min ({})", self.years.min),
                ));
            }
        }
        let mut rest = self.title.as_str();
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map(|c| open + c);
            let placeholder = close.map_or(&rest[open..], |c| &rest[open..=c]);
            if !matches!(placeholder, "{role}" | "{discipline}") {
                problems.push((
                    "title".into(),
                    format!("unknown placeholder '{placeholder}'; the title may use {{role}} and {{discipline}}"),
                ));
            }
            rest = close.map_or("", |c| &rest[c + 1..]);
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(title: &str) -> SeniorityProfile {
        SeniorityProfile {
            id: "head".into(),
            name: "Head".into(),
            aliases: vec![],
            rank: 4,
            title: title.into(),
            summary: String::new(),
            years: Years { min: 10, max: None },
            scope: String::new(),
            autonomy: String::new(),
            decision_rights: String::new(),
            influence: String::new(),
            people_leadership: String::new(),
            horizon: String::new(),
            bullets: Bullets {
                success: vec!["common".into()],
                ..Bullets::default()
            },
        }
    }

    #[test]
    fn titles_fill_placeholders() {
        assert_eq!(
            profile("Head of {discipline}").title_for("Product Manager", "Product"),
            "Head of Product"
        );
        assert_eq!(
            profile("Senior {role}").title_for("Scrum Master", "Agile Delivery"),
            "Senior Scrum Master"
        );
    }

    #[test]
    fn unknown_placeholders_are_problems() {
        assert!(profile("Head of {discipline}").problems("head").is_empty());
        let problems = profile("Head of {team}").problems("lead");
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn sections_are_named() {
        assert_eq!(profile("x").bullets.section(super::super::Section::Success), ["common"]);
    }
}
