//! One role at one level with every fallback applied: the cell's own words, else the role's core bullets and the level's generic phrases.

use super::cell::{BulletItem, RoleLevel};
use super::profile::{Section, Years};
use super::role::{Occupation, Variant};
use super::{Level, RoleTemplate};

/// The placeholder catalog text may use for the years of experience the level asks.
pub const YEARS_PLACEHOLDER: &str = "{years}";

/// A role at a level, under one of the role's names: what a posting, `list` and `compare` show.
#[derive(Debug, Clone, Copy)]
pub struct RoleAtLevel<'c> {
    pub role: &'c RoleTemplate,
    pub level: &'c Level,
    /// The cell `roles/<role>/<level>.yaml`, if the catalog has one.
    pub cell: Option<&'c RoleLevel>,
    /// The name the role was asked for by, when it is a variant with its own titles.
    pub variant: Option<&'c Variant>,
}

impl<'c> RoleAtLevel<'c> {
    /// The posting title: the variant's or role's title for this level, else the level's pattern.
    pub fn title(&self) -> String {
        let level_id = &self.level.profile.id;
        let own = match self.variant {
            Some(variant) => variant.titles.get(level_id),
            None => self.role.meta.titles.get(level_id),
        };
        if let Some(title) = own {
            return title.clone();
        }
        let (title, discipline) = match self.variant {
            Some(variant) => (
                variant.title.as_str(),
                variant.discipline.as_deref().unwrap_or(&self.role.meta.discipline),
            ),
            None => (self.role.meta.title.as_str(), self.role.meta.discipline.as_str()),
        };
        self.level.profile.title_for(title, discipline)
    }

    /// The opening paragraph(s) the cell writes, with placeholders filled; `None` leaves it to the template.
    pub fn summary(&self) -> Option<String> {
        self.cell?.summary.as_deref().map(|text| self.fill(text))
    }

    pub fn scope(&self) -> &'c str {
        self.phrase(|c| &c.scope, &self.level.profile.scope)
    }

    pub fn horizon(&self) -> &'c str {
        self.phrase(|c| &c.horizon, &self.level.profile.horizon)
    }

    pub fn autonomy(&self) -> &'c str {
        self.phrase(|c| &c.autonomy, &self.level.profile.autonomy)
    }

    pub fn decision_rights(&self) -> &'c str {
        self.phrase(|c| &c.decision_rights, &self.level.profile.decision_rights)
    }

    pub fn influence(&self) -> &'c str {
        self.phrase(|c| &c.influence, &self.level.profile.influence)
    }

    pub fn people_leadership(&self) -> &'c str {
        self.phrase(|c| &c.people_leadership, &self.level.profile.people_leadership)
    }

    /// Whom the role usually reports to, if the cell says.
    pub fn reports_to(&self) -> Option<&'c str> {
        self.cell?.reports_to.as_deref()
    }

    /// Who usually reports to the role, if the cell says.
    pub fn direct_reports(&self) -> Option<&'c str> {
        self.cell?.direct_reports.as_deref()
    }

    /// Whether the cell writes the level as leading no one (`direct_reports: none`): its text
    /// then says so, and a posting's own direct reports would contradict it.
    pub fn leads_no_one(&self) -> bool {
        self.direct_reports().is_some_and(says_none)
    }

    /// Years of relevant experience: the cell's, else the level's.
    pub fn years(&self) -> Years {
        self.cell.and_then(|c| c.years).unwrap_or(self.level.profile.years)
    }

    /// The O*NET-SOC occupation: the cell's, else the role's.
    pub fn occupation(&self) -> Option<&'c Occupation> {
        self.cell
            .and_then(|c| c.occupation.as_ref())
            .or(self.role.meta.occupation.as_ref())
    }

    /// One section's bullets, in order, placeholders filled: the cell's list (core
    /// references resolved), or the role's core bullets followed by the level's generic ones.
    pub fn bullets(&self, section: Section) -> Vec<String> {
        let core = self.role.meta.core.section(section);
        let texts: Vec<&str> = match self.cell.and_then(|c| c.section(section)) {
            Some(items) => items
                .iter()
                .filter_map(|item| match item {
                    BulletItem::Text(text) => Some(text.as_str()),
                    // An unknown key is reported by the catalog's checks; rendering skips it.
                    BulletItem::Core(key) => core.get(key).map(String::as_str),
                })
                .collect(),
            None => core
                .values()
                .chain(self.level.profile.bullets.section(section))
                .map(String::as_str)
                .collect(),
        };
        texts.into_iter().map(|text| self.fill(text)).collect()
    }

    /// The role's own core bullets of one section, placeholders filled for this level,
    /// whichever of them the level's cell keeps: what the role is at every level (`jdgen compare`).
    pub fn core_bullets(&self, section: Section) -> Vec<String> {
        let core = self.role.meta.core.section(section);
        core.values().map(|text| self.fill(text)).collect()
    }

    fn phrase(&self, of_cell: impl Fn(&'c RoleLevel) -> &'c Option<String>, generic: &'c str) -> &'c str {
        self.cell.and_then(|c| of_cell(c).as_deref()).unwrap_or(generic)
    }

    fn fill(&self, text: &str) -> String {
        match text.contains(YEARS_PLACEHOLDER) {
            true => text.replace(YEARS_PLACEHOLDER, &self.years().min.to_string()),
            false => text.to_owned(),
        }
    }
}

/// Placeholders in catalog text other than `{years}`: each is a mistake to report.
pub fn unknown_placeholders(text: &str) -> Vec<&str> {
    let mut unknown = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map(|c| open + c);
        let placeholder = close.map_or(&rest[open..], |c| &rest[open..=c]);
        if placeholder != YEARS_PLACEHOLDER {
            unknown.push(placeholder);
        }
        rest = close.map_or("", |c| &rest[c + 1..]);
    }
    unknown
}

/// Whether a direct-reports text means nobody: "none", "no one" or "0", in any case.
pub fn says_none(text: &str) -> bool {
    matches!(text.trim().to_lowercase().as_str(), "none" | "no one" | "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nobody_is_said_in_several_ways() {
        for text in ["none", " None ", "no one", "0"] {
            assert!(says_none(text), "{text}");
        }
        for text in ["2", "the Product Owners", "none of the above", ""] {
            assert!(!says_none(text), "{text}");
        }
    }

    #[test]
    fn only_years_is_a_placeholder() {
        assert!(unknown_placeholders("{years}+ years in product").is_empty());
        assert_eq!(unknown_placeholders("{yeras} and {years} and {x"), ["{yeras}", "{x"]);
    }
}
