//! `jdgen compare`'s model: roles side by side at one level, or one role's levels as a ladder, built only from the catalog.
//!
//! Everything here comes through [`RoleAtLevel`] (the one place that applies the
//! matrix's fallbacks) and [`RoleMeta`](crate::catalog::RoleMeta), so a user's own
//! catalog compares its own roles and levels, including a role with no cells. Each
//! output format is a view of one [`Comparison`]: `text`, `markdown`, `html`, `docx`, `json`.

pub mod docx;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

use crate::catalog::{Catalog, RoleAtLevel, Section, Years};
use crate::error::{Error, Result};

/// A comparison, ready to show: a title, a table (one column per role or level, one row
/// per facet) and, for levels, the bullets every level shares (listed once, after the table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub subject: Subject,
    /// "Product Manager or Project Owner?"
    pub title: String,
    /// One or two sentences under the title: what is compared, and how to read it.
    pub intro: String,
    pub columns: Vec<Column>,
    /// In display order; a facet no column has a value for is left out.
    pub rows: Vec<Row>,
    /// Bullets every compared level has, by facet (levels only; empty for roles).
    pub shared: Vec<Shared>,
}

/// What is compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// Several roles at one level.
    Roles { level: Named },
    /// Several levels of one role.
    Levels { role: Named },
}

/// A role or level: its id and its display name ("Project Manager" for the variant `project-manager`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// One role at one level: a column of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The role's id.
    pub role: String,
    /// The variant asked for (`project-manager`), whose titles the column shows.
    pub variant: Option<String>,
    /// The level's id.
    pub level: String,
    /// The posting title, the column's heading ("Senior Product Manager", "Head of Product").
    pub title: String,
}

/// One facet across the columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub facet: Facet,
    /// One per column, in column order.
    pub cells: Vec<Cell>,
}

/// What a table cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Bullets(Vec<String>),
    /// The catalog says nothing here (a user's role without `hire_when`, say).
    Empty,
}

/// Bullets of one facet that every compared level has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub facet: Facet,
    pub bullets: Vec<String>,
}

/// A row of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    HireWhen,
    NotWhen,
    Focus,
    Owns,
    Scope,
    DecisionRights,
    Leadership,
    Horizon,
    Experience,
    ReportsTo,
    DirectReports,
    WorksWith,
    Responsibilities,
    Requirements,
}

impl Facet {
    /// The facet's name in JSON (the catalog's field name where it has one).
    pub fn key(self) -> &'static str {
        match self {
            Facet::HireWhen => "hire_when",
            Facet::NotWhen => "not_when",
            Facet::Focus => "focus",
            Facet::Owns => "owns",
            Facet::Scope => "scope",
            Facet::DecisionRights => "decision_rights",
            Facet::Leadership => "people_leadership",
            Facet::Horizon => "horizon",
            Facet::Experience => "years",
            Facet::ReportsTo => "reports_to",
            Facet::DirectReports => "direct_reports",
            Facet::WorksWith => "works_with",
            Facet::Responsibilities => "responsibilities",
            Facet::Requirements => "requirements",
        }
    }

    /// The row's label, as a recruiter reads it.
    pub fn label(self, subject: &Subject) -> &'static str {
        let roles = matches!(subject, Subject::Roles { .. });
        match self {
            Facet::HireWhen => "Hire this when",
            Facet::NotWhen => "Not this when",
            Facet::Focus => "Focus",
            Facet::Owns => "Owns",
            Facet::Scope => "Scope",
            Facet::DecisionRights => "Decides",
            Facet::Leadership => "Leadership",
            Facet::Horizon => "Horizon",
            Facet::Experience => "Experience",
            Facet::ReportsTo => "Reports to",
            Facet::DirectReports => "Direct reports",
            Facet::WorksWith => "Works with",
            Facet::Responsibilities if roles => "Core responsibilities",
            Facet::Responsibilities => "Responsibilities",
            Facet::Requirements if roles => "Core must-haves",
            Facet::Requirements => "Must-haves",
        }
    }
}

/// The facets a role comparison shows, in order: the decision first, then what the
/// role is, then what it does. Leadership and years are left out: at one level they
/// differ little between roles, and the level comparison shows them.
const ROLE_FACETS: [Facet; 10] = [
    Facet::HireWhen,
    Facet::NotWhen,
    Facet::Focus,
    Facet::Owns,
    Facet::Scope,
    Facet::DecisionRights,
    Facet::Horizon,
    Facet::WorksWith,
    Facet::Responsibilities,
    Facet::Requirements,
];

/// The facets a level comparison shows, in order, as a career ladder does.
const LEVEL_FACETS: [Facet; 9] = [
    Facet::Scope,
    Facet::DecisionRights,
    Facet::Leadership,
    Facet::Horizon,
    Facet::Experience,
    Facet::ReportsTo,
    Facet::DirectReports,
    Facet::Responsibilities,
    Facet::Requirements,
];

/// Roles named by `names` (ids, aliases or variant ids), side by side at `level`.
pub fn roles(catalog: &Catalog, names: &[String], level: &str) -> Result<Comparison> {
    at_least_two(names, "roles")?;
    let level = catalog.level(level)?;
    let mut seen = Vec::new();
    let mut at_level = Vec::new();
    for name in names {
        let role = catalog
            .role(name)
            .map_err(|error| hint_kind(catalog, name, "role", error))?;
        let cell = catalog.at_level(role, level, name);
        let key = (role.meta.id.clone(), cell.variant.map(|v| v.id.clone()));
        if seen.contains(&key) {
            return Err(Error::Usage(format!(
                "the role '{name}' is named twice; name each role once"
            )));
        }
        seen.push(key);
        at_level.push(cell);
    }
    let names: Vec<String> = at_level.iter().map(role_name).collect();
    let subject = Subject::Roles {
        level: Named {
            id: level.profile.id.clone(),
            name: level.profile.name.clone(),
        },
    };
    Ok(Comparison {
        title: format!("{}?", join_names(&names, "or")),
        intro: format!(
            "Which role do you need? What each one is for, owns and decides, at the {} level. \
             Responsibilities and must-haves are each role's core ones, true at every level.",
            level.profile.name
        ),
        columns: at_level.iter().map(column).collect(),
        rows: rows(&ROLE_FACETS, &at_level, |facet, cell| role_cell(facet, cell)),
        shared: Vec::new(),
        subject,
    })
}

/// Levels named by `levels` (ids or aliases) of the role `role`, side by side, each
/// showing only the bullets not every compared level has; those are in `shared`.
pub fn levels(catalog: &Catalog, role: &str, levels: &[String]) -> Result<Comparison> {
    at_least_two(levels, "levels")?;
    let role_template = catalog.role(role)?;
    let mut at_level: Vec<RoleAtLevel> = Vec::new();
    for name in levels {
        let level = catalog
            .level(name)
            .map_err(|error| hint_kind(catalog, name, "level", error))?;
        if at_level.iter().any(|c| c.level.profile.id == level.profile.id) {
            return Err(Error::Usage(format!(
                "the level '{name}' is named twice; name each level once"
            )));
        }
        at_level.push(catalog.at_level(role_template, level, role));
    }
    let shared: Vec<Shared> = [Facet::Responsibilities, Facet::Requirements]
        .into_iter()
        .filter_map(|facet| {
            let bullets = shared_bullets(&at_level, section_of(facet)?);
            (!bullets.is_empty()).then_some(Shared { facet, bullets })
        })
        .collect();
    let level_names: Vec<String> = at_level.iter().map(|c| c.level.profile.name.clone()).collect();
    let mut intro = "How the role changes from level to level: scope, decisions, leadership, horizon and \
                     experience, and the bullets that differ between the levels."
        .to_owned();
    if !shared.is_empty() {
        intro.push_str(" Bullets every level shares are listed once, after the table.");
    }
    let rows = rows(&LEVEL_FACETS, &at_level, |facet, cell| level_cell(facet, cell, &shared));
    Ok(Comparison {
        subject: Subject::Levels {
            role: Named {
                id: role_template.meta.id.clone(),
                name: role_name(&at_level[0]),
            },
        },
        title: format!("{}: {}", role_name(&at_level[0]), join_names(&level_names, "and")),
        intro,
        columns: at_level.iter().map(column).collect(),
        rows,
        shared,
    })
}

/// A comparison needs two things to compare (the command line asks for two; a caller of the library may not).
fn at_least_two(names: &[String], kind: &str) -> Result<()> {
    match names.len() {
        0 | 1 => Err(Error::Usage(format!("name at least two {kind} to compare"))),
        _ => Ok(()),
    }
}

/// An unknown role that is a level (or the other way round) gets a hint at the other form of the command.
fn hint_kind(catalog: &Catalog, name: &str, kind: &str, error: Error) -> Error {
    let is_other = match kind {
        "role" => catalog.level(name).is_ok(),
        _ => catalog.role(name).is_ok(),
    };
    match (is_other, kind) {
        (true, "role") => Error::Usage(format!(
            "'{name}' is a level, not a role; to compare the levels of one role: \
             jdgen compare --role ROLE LEVEL LEVEL..."
        )),
        (true, _) => Error::Usage(format!(
            "'{name}' is a role, not a level; to compare roles: jdgen compare ROLE ROLE... [--level LEVEL]"
        )),
        (false, _) => error,
    }
}

/// The rows of `facets` for `columns`, leaving out a facet no column has.
fn rows<'c>(facets: &[Facet], columns: &[RoleAtLevel<'c>], cell: impl Fn(Facet, &RoleAtLevel<'c>) -> Cell) -> Vec<Row> {
    facets
        .iter()
        .map(|&facet| Row {
            facet,
            cells: columns.iter().map(|column| cell(facet, column)).collect(),
        })
        .filter(|row| row.cells.iter().any(|c| *c != Cell::Empty))
        .collect()
}

fn column(cell: &RoleAtLevel) -> Column {
    Column {
        role: cell.role.meta.id.clone(),
        variant: cell.variant.map(|v| v.id.clone()),
        level: cell.level.profile.id.clone(),
        title: cell.title(),
    }
}

/// The role's display name under the name it was asked by.
fn role_name(cell: &RoleAtLevel) -> String {
    cell.variant.map_or(&cell.role.meta.title, |v| &v.title).clone()
}

fn role_cell(facet: Facet, cell: &RoleAtLevel) -> Cell {
    let meta = &cell.role.meta;
    match facet {
        Facet::HireWhen => text(meta.hire_when.as_deref().unwrap_or_default()),
        Facet::NotWhen => text(meta.not_when.as_deref().unwrap_or_default()),
        Facet::Focus => text(&meta.focus),
        Facet::Owns => text(&meta.owns),
        Facet::WorksWith => text(&meta.works_with.join(", ")),
        Facet::Responsibilities | Facet::Requirements => {
            let section = section_of(facet).expect("a bullet facet");
            // A role without core bullets in this section (a user's role) shows the level's list.
            let core = cell.core_bullets(section);
            bullets(match core.is_empty() {
                true => cell.bullets(section),
                false => core,
            })
        }
        _ => level_phrase(facet, cell),
    }
}

fn level_cell(facet: Facet, cell: &RoleAtLevel, shared: &[Shared]) -> Cell {
    match section_of(facet) {
        Some(section) => {
            let common = shared.iter().find(|s| s.facet == facet).map_or(&[][..], |s| &s.bullets);
            bullets(
                cell.bullets(section)
                    .into_iter()
                    .filter(|b| !common.contains(b))
                    .collect(),
            )
        }
        None => level_phrase(facet, cell),
    }
}

/// The facets that come from the role at its level (the cell, else the level's profile).
fn level_phrase(facet: Facet, cell: &RoleAtLevel) -> Cell {
    match facet {
        Facet::Scope => text(cell.scope()),
        Facet::Horizon => text(cell.horizon()),
        // The profiles word these as verb phrases completing "You …".
        Facet::DecisionRights => you(cell.decision_rights()),
        Facet::Leadership => you(cell.people_leadership()),
        Facet::Experience => Cell::Text(years(cell.years())),
        Facet::ReportsTo => text(cell.reports_to().unwrap_or_default()),
        Facet::DirectReports => text(cell.direct_reports().unwrap_or_default()),
        _ => Cell::Empty,
    }
}

fn section_of(facet: Facet) -> Option<Section> {
    match facet {
        Facet::Responsibilities => Some(Section::Responsibilities),
        Facet::Requirements => Some(Section::Requirements),
        _ => None,
    }
}

/// Bullets of `section` every column has, in the first column's order.
fn shared_bullets(columns: &[RoleAtLevel], section: Section) -> Vec<String> {
    let lists: Vec<Vec<String>> = columns.iter().map(|c| c.bullets(section)).collect();
    let mut shared: Vec<String> = Vec::new();
    for bullet in &lists[0] {
        if lists[1..].iter().all(|list| list.contains(bullet)) && !shared.contains(bullet) {
            shared.push(bullet.clone());
        }
    }
    shared
}

/// Catalog text as a cell: trimmed, its first letter a capital (profile phrases start lower case).
fn text(value: &str) -> Cell {
    let value = value.trim();
    let mut chars = value.chars();
    match chars.next() {
        None => Cell::Empty,
        Some(first) => Cell::Text(first.to_uppercase().chain(chars).collect()),
    }
}

/// A "You …" phrase as a sentence.
fn you(phrase: &str) -> Cell {
    match phrase.trim() {
        "" => Cell::Empty,
        phrase => Cell::Text(format!("You {phrase}")),
    }
}

fn bullets(items: Vec<String>) -> Cell {
    let items: Vec<String> = items
        .into_iter()
        .map(|b| b.trim().to_owned())
        .filter(|b| !b.is_empty())
        .collect();
    match items.is_empty() {
        true => Cell::Empty,
        false => Cell::Bullets(items),
    }
}

/// "5–8 years", "15+ years", as `jdgen list levels` writes them.
fn years(years: Years) -> String {
    match years.max {
        Some(max) if max != years.min => format!("{}–{max} years", years.min),
        Some(_) => format!("{} years", years.min),
        None => format!("{}+ years", years.min),
    }
}

/// "A or B", "A, B or C".
fn join_names(names: &[String], conjunction: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::load(None).unwrap()
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn roles_answer_which_role_first() {
        let comparison = roles(&catalog(), &names(&["product-manager", "project-manager"]), "senior").unwrap();
        assert_eq!(comparison.title, "Product Manager or Project Manager?");
        assert_eq!(
            comparison.columns[1].title, "Senior Project Manager",
            "the variant's market title"
        );
        assert_eq!(comparison.columns[1].role, "project-owner");
        assert_eq!(comparison.rows[0].facet, Facet::HireWhen);
        assert!(comparison.rows.iter().all(|row| row.cells.len() == 2));
        assert!(comparison.shared.is_empty());
    }

    #[test]
    fn levels_show_what_differs_and_share_the_rest_once() {
        let comparison = levels(&catalog(), "scrum-master", &names(&["senior", "lead"])).unwrap();
        let lead = catalog();
        let role = lead.role("scrum-master").unwrap();
        let all: Vec<String> = ["senior", "lead"]
            .iter()
            .flat_map(|l| {
                lead.at_level(role, lead.level(l).unwrap(), "scrum-master")
                    .bullets(Section::Responsibilities)
            })
            .collect();
        let responsibilities = comparison
            .rows
            .iter()
            .find(|r| r.facet == Facet::Responsibilities)
            .unwrap();
        let shown: Vec<&String> = responsibilities
            .cells
            .iter()
            .flat_map(|c| match c {
                Cell::Bullets(b) => b.iter().collect(),
                _ => Vec::new(),
            })
            .collect();
        let shared = comparison.shared.iter().find(|s| s.facet == Facet::Responsibilities);
        for bullet in &all {
            let in_shared = shared.is_some_and(|s| s.bullets.contains(bullet));
            assert!(
                shown.contains(&bullet) != in_shared,
                "{bullet} must be either shown per level or shared, not both"
            );
        }
    }

    #[test]
    fn a_level_is_not_a_role() {
        let error = roles(&catalog(), &names(&["senior", "lead"]), "senior")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("'senior' is a level") && error.contains("--role"),
            "{error}"
        );
        let error = levels(&catalog(), "scrum-master", &names(&["senior", "product-owner"]))
            .unwrap_err()
            .to_string();
        assert!(error.contains("'product-owner' is a role"), "{error}");
        assert!(levels(&catalog(), "scrum-master", &names(&["senior"])).is_err());
        assert!(roles(&catalog(), &[], "senior").is_err());
        let error = roles(&catalog(), &names(&["scrum-master", "scrum-master"]), "senior")
            .unwrap_err()
            .to_string();
        assert!(error.contains("named twice"), "{error}");
    }

    #[test]
    fn small_pieces() {
        assert_eq!(join_names(&names(&["A", "B", "C"]), "or"), "A, B or C");
        assert_eq!(join_names(&names(&["A", "B"]), "and"), "A and B");
        assert_eq!(years(Years { min: 5, max: Some(8) }), "5–8 years");
        assert_eq!(years(Years { min: 15, max: None }), "15+ years");
        assert_eq!(text("  one area "), Cell::Text("One area".into()));
        assert_eq!(text(" "), Cell::Empty);
        assert_eq!(you("decide"), Cell::Text("You decide".into()));
    }
}
