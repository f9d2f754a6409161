//! What the careers page, the sitemap and the Atom feed need of one posting: its card, taken
//! from the typed facts once, when the job is written, and kept (a few hundred bytes) until
//! the folder-wide files are written.

use std::collections::BTreeMap;

use crate::posting::{money, Workplace};
use crate::render::html;
use crate::resolve::Job;

/// One open posting as the site lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The file stem: the page is `jobs/{id}.html`.
    pub id: String,
    pub title: String,
    pub company: Option<String>,
    pub team: Option<String>,
    /// The role as asked for (a variant such as `project-manager` keeps its own name).
    pub role: Facet,
    /// The level; its key orders levels by the catalog's rank.
    pub level: Facet,
    /// Where the job is: its place, else the countries it hires from remotely.
    pub place: Option<String>,
    pub workplace: Option<Workplace>,
    /// The pay range with its period ("€78,000 – €96,000 per year").
    pub pay: Option<String>,
    /// `date_posted`, ISO 8601 (the JobPosting requires it).
    pub posted: chrono::NaiveDate,
    /// The page's key facts (pay, place, arrangement, contract).
    pub facts: Vec<String>,
    /// The card's HTML inside its list item ([`super::index::card_html`]).
    pub html: String,
}

/// A value a posting can be filtered by: the key it sorts and is matched by, and its label.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Facet {
    pub order: (u32, String),
    pub key: String,
    pub label: String,
}

impl Card {
    /// The card of a job whose files are named `id`; `posted` is its `date_posted`.
    pub fn of(job: &Job, id: &str, posted: chrono::NaiveDate) -> Card {
        let posting = &job.posting;
        let (role_key, role_label) = match job.variant {
            Some(variant) => (variant.id.clone(), variant.title.clone()),
            None => (job.role.meta.id.clone(), job.role.meta.title.clone()),
        };
        let profile = &job.level.profile;
        let place = match (&posting.location, &posting.remote) {
            (Some(location), _) => {
                let parts: Vec<&str> = [location.city.as_deref(), location.country.map(|c| c.name())]
                    .into_iter()
                    .flatten()
                    .collect();
                (!parts.is_empty()).then(|| parts.join(", "))
            }
            (None, Some(remote)) if !remote.countries.is_empty() => {
                let countries: Vec<&str> = remote.countries.iter().map(|c| c.name()).collect();
                Some(format!("Anywhere in {}", countries.join(", ")))
            }
            _ => None,
        };
        Card {
            id: id.to_owned(),
            title: job.title.clone(),
            company: posting.company.as_ref().map(|c| c.name.clone()),
            team: posting.team.clone(),
            role: Facet {
                order: (0, role_label.to_lowercase()),
                key: role_key,
                label: role_label,
            },
            level: Facet {
                order: (profile.rank, profile.id.clone()),
                key: profile.id.clone(),
                label: profile.name.clone(),
            },
            place,
            workplace: posting.workplace,
            pay: posting.salary.as_ref().map(|salary| {
                let range = money::format_range(salary.min, salary.max, salary.currency);
                format!("{range} {}", money::period_label(salary.period))
            }),
            posted,
            facts: html::key_facts(posting),
            html: String::new(),
        }
    }

    /// The card's value in each filter dimension, in [`Dimension::ALL`] order.
    pub fn facet(&self, dimension: Dimension) -> Option<Facet> {
        match dimension {
            Dimension::Role => Some(self.role.clone()),
            Dimension::Level => Some(self.level.clone()),
            Dimension::Place => self.place.as_ref().map(|place| Facet {
                order: (0, place.to_lowercase()),
                key: place.clone(),
                label: place.clone(),
            }),
            Dimension::Workplace => self.workplace.map(|workplace| Facet {
                order: (workplace as u32, workplace.id().to_owned()),
                key: workplace.id().to_owned(),
                label: workplace.label().to_owned(),
            }),
        }
    }
}

/// What the careers page filters by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dimension {
    Role,
    Level,
    Place,
    Workplace,
}

impl Dimension {
    /// Every dimension, in the order the page shows them.
    pub const ALL: [Dimension; 4] = [
        Dimension::Role,
        Dimension::Level,
        Dimension::Place,
        Dimension::Workplace,
    ];

    /// The name in addresses, form fields and `data-` attributes.
    pub fn id(self) -> &'static str {
        match self {
            Dimension::Role => "role",
            Dimension::Level => "level",
            Dimension::Place => "place",
            Dimension::Workplace => "workplace",
        }
    }

    /// The label a reader sees.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Role => "Role",
            Dimension::Level => "Level",
            Dimension::Place => "Place",
            Dimension::Workplace => "Work arrangement",
        }
    }
}

/// One value of one dimension across the site: its slug (unique in the dimension, safe in a
/// file name and an attribute), its label, and how many postings have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    pub slug: String,
    pub label: String,
    pub count: usize,
}

/// Every dimension's values over `cards`, sorted; each card's slug per dimension.
pub struct Facets {
    pub values: BTreeMap<Dimension, Vec<FacetValue>>,
    /// For each card (by index), its slug in each dimension.
    slugs: Vec<[Option<usize>; 4]>,
}

impl Facets {
    /// The values of every dimension over `cards`.
    pub fn of(cards: &[Card]) -> Facets {
        let mut values = BTreeMap::new();
        let mut slugs = vec![[None; 4]; cards.len()];
        for (d, dimension) in Dimension::ALL.into_iter().enumerate() {
            let mut seen: BTreeMap<Facet, Vec<usize>> = BTreeMap::new();
            for (index, card) in cards.iter().enumerate() {
                if let Some(facet) = card.facet(dimension) {
                    seen.entry(facet).or_default().push(index);
                }
            }
            let mut taken = std::collections::BTreeSet::new();
            let mut list = Vec::with_capacity(seen.len());
            for (facet, members) in seen {
                let slug = unique_slug(&mut taken, &facet.key);
                for &member in &members {
                    slugs[member][d] = Some(list.len());
                }
                list.push(FacetValue {
                    slug,
                    label: facet.label,
                    count: members.len(),
                });
            }
            values.insert(dimension, list);
        }
        Facets { values, slugs }
    }

    /// The slug of card `index` in `dimension`, if it has a value there.
    pub fn slug(&self, index: usize, dimension: Dimension) -> Option<&str> {
        let d = Dimension::ALL.iter().position(|&x| x == dimension)?;
        let value = self.slugs[index][d]?;
        Some(self.values[&dimension][value].slug.as_str())
    }
}

/// An ASCII slug of `key`, made unique among `taken` ("São Paulo" and "Sao Paulo" both slug to
/// `sao-paulo`; the second, in sorted order, gets `sao-paulo-2`).
fn unique_slug(taken: &mut std::collections::BTreeSet<String>, key: &str) -> String {
    crate::names::unique_in(taken, crate::names::slug_of(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_stay_unique() {
        let mut taken = std::collections::BTreeSet::new();
        assert_eq!(unique_slug(&mut taken, "Sao Paulo, Brazil"), "sao-paulo-brazil");
        assert_eq!(unique_slug(&mut taken, "São Paulo, Brazil"), "sao-paulo-brazil-2");
        assert_eq!(unique_slug(&mut taken, "<script>"), "script");
    }
}
