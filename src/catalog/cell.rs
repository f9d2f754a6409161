//! A cell of the role × level matrix (`roles/<role>/<level>.yaml`): what one role means at one level, in the role's own terms.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::profile::{Section, Years};
use super::role::Occupation;

/// One role at one level, as written. Every field is optional: what a cell leaves out
/// falls back to the level profile's generic phrase, and a bullet section to the role's
/// core bullets followed by the level's generic bullets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleLevel {
    /// The opening paragraph(s), plain text. Never names the title, so a title override reads well.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autonomy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_rights: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub influence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people_leadership: Option<String>,
    /// Whom the role usually reports to ("Head of Product"), when the posting does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports_to: Option<String>,
    /// Who usually reports to the role ("none", "2 to 4 project managers"), when the posting does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_reports: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<Years>,
    /// The occupation, when this level's differs from the role's (a head of a function).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<Occupation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsibilities: Option<Vec<BulletItem>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements: Option<Vec<BulletItem>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nice_to_have: Option<Vec<BulletItem>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<Vec<BulletItem>>,
}

impl RoleLevel {
    /// The cell's list for one section, if it gives one.
    pub fn section(&self, section: Section) -> Option<&[BulletItem]> {
        match section {
            Section::Responsibilities => self.responsibilities.as_deref(),
            Section::Requirements => self.requirements.as_deref(),
            Section::NiceToHave => self.nice_to_have.as_deref(),
            Section::Success => self.success.as_deref(),
        }
    }
}

/// One bullet in a cell: its own text, or `{core: key}` to keep one of the role's core bullets here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulletItem {
    Text(String),
    Core(String),
}

impl Serialize for BulletItem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            BulletItem::Text(text) => serializer.serialize_str(text),
            BulletItem::Core(key) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("core", key)?;
                map.end()
            }
        }
    }
}

// By hand rather than `#[serde(untagged)]`, whose only message is "data did not match any variant".
impl<'de> Deserialize<'de> for BulletItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = BulletItem;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a bullet's text, or {core: KEY} to keep one of the role's core bullets")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<BulletItem, E> {
                Ok(BulletItem::Text(text.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<BulletItem, A::Error> {
                let mut key = None;
                while let Some(field) = map.next_key::<String>()? {
                    match field.as_str() {
                        "core" if key.is_none() => key = Some(map.next_value::<String>()?),
                        "core" => return Err(de::Error::duplicate_field("core")),
                        other => return Err(de::Error::unknown_field(other, &["core"])),
                    }
                }
                key.map(BulletItem::Core)
                    .ok_or_else(|| de::Error::missing_field("core"))
            }
        }
        deserializer.deserialize_any(ItemVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Origin;

    fn parse(text: &str) -> crate::Result<RoleLevel> {
        crate::yaml::from_str(&Origin::File("cell.yaml".into()), text)
    }

    #[test]
    fn bullets_are_text_or_core_references() {
        let cell = parse("responsibilities:\n  - Own it.\n  - {core: discovery}\n").unwrap();
        assert_eq!(
            cell.responsibilities.unwrap(),
            [BulletItem::Text("Own it.".into()), BulletItem::Core("discovery".into())]
        );
        assert_eq!(cell.requirements, None, "an absent section falls back");
    }

    #[test]
    fn bad_bullets_say_what_is_allowed() {
        let error = parse("success:\n  - {keep: x}\n").unwrap_err().to_string();
        assert!(error.contains("unknown field `keep`"), "{error}");
        let error = parse("success:\n  - [a, b]\n").unwrap_err().to_string();
        assert!(error.contains("{core: KEY}"), "{error}");
        assert!(parse("scop: x\n").is_err(), "unknown fields are errors");
    }
}
