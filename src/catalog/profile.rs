//! A seniority profile: what a level means (scope, autonomy, years, leadership), independent of the role.

use std::collections::BTreeMap;

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
    /// Bullets every role gets at this level.
    #[serde(default)]
    pub bullets: Bullets,
    /// Bullets for one role at this level, appended after the common ones.
    #[serde(default)]
    pub roles: BTreeMap<String, Bullets>,
}

/// Years of relevant experience.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Years {
    pub min: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
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

impl SeniorityProfile {
    /// The common bullets followed by those for `role_id`.
    pub fn bullets_for(&self, role_id: &str) -> Bullets {
        let mut bullets = self.bullets.clone();
        if let Some(extra) = self.roles.get(role_id) {
            bullets.responsibilities.extend(extra.responsibilities.iter().cloned());
            bullets.requirements.extend(extra.requirements.iter().cloned());
            bullets.nice_to_have.extend(extra.nice_to_have.iter().cloned());
            bullets.success.extend(extra.success.iter().cloned());
        }
        bullets
    }

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
            roles: BTreeMap::from([(
                "scrum-master".into(),
                Bullets {
                    success: vec!["sm".into()],
                    ..Bullets::default()
                },
            )]),
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
    fn role_bullets_follow_common_ones() {
        assert_eq!(profile("x").bullets_for("scrum-master").success, ["common", "sm"]);
        assert_eq!(profile("x").bullets_for("product-owner").success, ["common"]);
    }
}
