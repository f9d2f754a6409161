//! The comparison as JSON for scripts: one record per column, its facets under the catalog's field names.

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value as Json;

use super::{Cell, Comparison, Named, Subject};

#[derive(Serialize)]
struct Document<'c> {
    /// "roles" or "levels".
    compare: &'static str,
    /// The level the roles are compared at.
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<NamedJson<'c>>,
    /// The role whose levels are compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<NamedJson<'c>>,
    title: &'c str,
    intro: &'c str,
    /// Insertion-ordered, so each record reads like the table's column.
    columns: Vec<IndexMap<&'static str, Json>>,
    /// Bullets every compared level has, left out of each level's own lists.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    shared: IndexMap<&'static str, &'c [String]>,
}

#[derive(Serialize)]
struct NamedJson<'c> {
    id: &'c str,
    name: &'c str,
}

impl<'c> From<&'c Named> for NamedJson<'c> {
    fn from(named: &'c Named) -> Self {
        NamedJson {
            id: &named.id,
            name: &named.name,
        }
    }
}

/// The comparison as pretty-printed JSON, ending in a newline.
pub fn render(comparison: &Comparison) -> String {
    let (compare, level, role) = match &comparison.subject {
        Subject::Roles { level } => ("roles", Some(level.into()), None),
        Subject::Levels { role } => ("levels", None, Some(role.into())),
    };
    let columns = comparison
        .columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            let mut record: IndexMap<&'static str, Json> = IndexMap::new();
            record.insert("role", column.role.clone().into());
            if let Some(variant) = &column.variant {
                record.insert("variant", variant.clone().into());
            }
            record.insert("level", column.level.clone().into());
            record.insert("title", column.title.clone().into());
            for row in &comparison.rows {
                record.insert(row.facet.key(), cell_value(&row.cells[index]));
            }
            record
        })
        .collect();
    let document = Document {
        compare,
        level,
        role,
        title: &comparison.title,
        intro: &comparison.intro,
        columns,
        shared: comparison
            .shared
            .iter()
            .map(|s| (s.facet.key(), s.bullets.as_slice()))
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).expect("the comparison always serialises");
    text.push('\n');
    text
}

fn cell_value(cell: &Cell) -> Json {
    match cell {
        Cell::Text(text) => Json::String(text.clone()),
        Cell::Bullets(items) => Json::from(items.clone()),
        Cell::Empty => Json::Null,
    }
}
