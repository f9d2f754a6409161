//! Pay transparency: which laws apply to a posting (by place, or the countries a remote role hires from) and whether it shows pay.

use super::document::{words, BlockKind, Document};
use super::rules::{Jurisdiction, PlaceMatch};
use super::{Finding, Level, LintRules};
use crate::posting::{Country, Posting, Workplace};

/// The laws that apply to the posting's place, in the data file's order.
pub fn laws_for<'r>(facts: &Posting, rules: &'r LintRules) -> Vec<&'r Jurisdiction> {
    let remote_countries: &[Country] = match (&facts.remote, facts.workplace) {
        (Some(remote), _) => &remote.countries,
        (None, _) => &[],
    };
    let is_remote = facts.workplace == Some(Workplace::Remote) || facts.remote.is_some();
    rules
        .pay
        .jurisdictions
        .iter()
        .filter(|law| {
            law.matches.iter().any(|place| {
                let here = facts.location.as_ref().is_some_and(|location| {
                    matches_place(
                        place,
                        location.country,
                        location.region.as_deref(),
                        location.city.as_deref(),
                    )
                });
                // A remote role can be done from anywhere in the countries it hires from,
                // so every law there that covers remote work applies.
                let remote =
                    is_remote && law.remote && remote_countries.iter().any(|country| place.countries.contains(country));
                here || remote
            })
        })
        .collect()
}

/// Whether a place matches: its country (when given) is listed, and its region and city
/// match when the entry names regions or cities.
fn matches_place(place: &PlaceMatch, country: Option<Country>, region: Option<&str>, city: Option<&str>) -> bool {
    let named = |list: &[String], value: Option<&str>| {
        value.is_some_and(|value| list.iter().any(|name| comparable(name) == comparable(value)))
    };
    let narrowed = !place.regions.is_empty() || !place.cities.is_empty();
    let country_ok = match country {
        Some(country) => place.countries.contains(&country),
        // "Denver, Colorado" without a country: the region or city decides, never a country-wide law.
        None => narrowed,
    };
    country_ok
        && (place.regions.is_empty() || named(&place.regions, region))
        && (place.cities.is_empty() || named(&place.cities, city))
}

/// Place names compared in lower case, without dots or extra spaces ("Washington, D.C." = "washington, dc").
fn comparable(name: &str) -> String {
    name.to_lowercase()
        .replace('.', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Findings for the laws that apply: pay missing (error, warning or notice by law and
/// date) and benefits missing where the law asks for them.
pub fn check(doc: &Document, facts: &Posting, rules: &LintRules) -> Vec<Finding> {
    let on = facts.date_posted.unwrap_or(rules.pay.as_of);
    let date_note = match facts.date_posted {
        Some(date) => format!("posted {date}"),
        None => format!("no date_posted, so judged as of {}", rules.pay.as_of),
    };
    let has_pay = facts.salary.is_some() || mentions_money(doc);
    let has_benefits = !facts.benefits.is_empty()
        || doc
            .blocks
            .iter()
            .any(|b| matches!(b.kind, BlockKind::Heading(_)) && b.text.to_lowercase().contains("benefit"));
    let mut findings = Vec::new();
    for law in laws_for(facts, rules) {
        let in_force = law.effective <= on;
        let covers = format!(
            "{} ({}; in force since {}; covers {})",
            law.law, law.name, law.effective, law.employers
        );
        if !has_pay {
            let (level, message) = match (in_force, law.in_posting) {
                (false, _) => (
                    Level::Notice,
                    format!(
                        "{} takes effect on {} in {} ({date_note}): from then a posting must show {}",
                        law.law, law.effective, law.name, law.requires
                    ),
                ),
                (true, true) => (
                    Level::Error,
                    format!("no pay range: {covers} requires {} in the job posting", law.requires),
                ),
                (true, false) => (
                    Level::Warning,
                    format!("no pay range: {covers} requires {}", law.requires),
                ),
            };
            findings.push(Finding::new("pay-transparency", level, message).suggesting(
                "add the range to the job file: `salary: {min: ..., max: ..., currency: ..., period: year}`",
            ));
        } else if in_force && law.benefits && !has_benefits {
            findings.push(
                Finding::new(
                    "pay-transparency-benefits",
                    Level::Warning,
                    format!("no benefits: {covers} requires {}", law.requires),
                )
                .suggesting("list the benefits in the job or company file: `benefits: [...]`"),
            );
        }
    }
    findings
}

/// Whether the text states an amount of money: a currency sign or an ISO currency code next to a number.
fn mentions_money(doc: &Document) -> bool {
    doc.blocks.iter().any(|block| {
        let text = &block.text;
        let signs = text.char_indices().any(|(i, c)| {
            matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽' | '₺' | '₪')
                && text[i + c.len_utf8()..]
                    .trim_start()
                    .starts_with(|d: char| d.is_ascii_digit())
        });
        let found = words(text);
        let codes = found.windows(2).any(|pair| {
            let (a, b) = (&text[pair[0].0..pair[0].1], &text[pair[1].0..pair[1].1]);
            let is_code = |w: &str| {
                w.len() == 3
                    && w.chars().all(|c| c.is_ascii_uppercase())
                    && iso_currency::Currency::from_code(w).is_some()
            };
            let is_amount = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
            (is_code(a) && is_amount(b)) || (is_amount(a) && is_code(b))
        });
        signs || codes
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::{IsoDate, Location, Remote, Salary};

    fn place(country: &str, region: Option<&str>, city: Option<&str>) -> Posting {
        Posting {
            location: Some(Location {
                country: Some(Country::try_from(country.to_owned()).unwrap()),
                region: region.map(str::to_owned),
                city: city.map(str::to_owned),
            }),
            ..Posting::default()
        }
    }

    fn ids(facts: &Posting) -> Vec<String> {
        let rules = LintRules::load(None).unwrap();
        laws_for(facts, &rules).into_iter().map(|law| law.id.clone()).collect()
    }

    fn date(text: &str) -> Option<IsoDate> {
        Some(IsoDate::try_from(text.to_owned()).unwrap())
    }

    #[test]
    fn places_find_their_laws() {
        assert_eq!(ids(&place("US", Some("CO"), Some("Denver"))), ["colorado"]);
        assert_eq!(ids(&place("US", Some("Colorado"), None)), ["colorado"]);
        assert_eq!(
            ids(&place("US", Some("NY"), Some("Brooklyn"))),
            ["new-york-city", "new-york-state"]
        );
        assert_eq!(
            ids(&place("US", Some("NJ"), Some("Jersey City"))),
            ["jersey-city", "new-jersey"]
        );
        assert_eq!(ids(&place("US", Some("D.C."), Some("Washington"))), ["washington-dc"]);
        assert_eq!(ids(&place("US", Some("Washington"), Some("Seattle"))), ["washington"]);
        assert_eq!(
            ids(&place("DE", None, Some("Berlin"))),
            ["eu-pay-transparency-directive"]
        );
        assert_eq!(
            ids(&place("AT", None, Some("Wien"))),
            ["austria", "eu-pay-transparency-directive"]
        );
        assert!(ids(&place("US", Some("TX"), Some("Austin"))).is_empty());
        assert!(ids(&place("GB", None, Some("London"))).is_empty());
        assert!(ids(&place("CA", Some("Ontario"), None)).is_empty());
    }

    #[test]
    fn remote_roles_count_the_countries_they_hire_from() {
        let remote = |countries: &[&str]| Posting {
            workplace: Some(Workplace::Remote),
            remote: Some(Remote {
                countries: countries
                    .iter()
                    .map(|c| Country::try_from((*c).to_owned()).unwrap())
                    .collect(),
                timezones: None,
            }),
            ..Posting::default()
        };
        let us = ids(&remote(&["US"]));
        assert!(
            us.contains(&"colorado".to_owned()) && us.contains(&"california".to_owned()),
            "{us:?}"
        );
        assert!(
            !us.contains(&"vermont".to_owned()),
            "Vermont's law covers remote jobs only when tied to a Vermont office"
        );
        assert_eq!(ids(&remote(&["FR"])), ["eu-pay-transparency-directive"]);
        assert!(ids(&remote(&["GB", "CH"])).is_empty());
    }

    #[test]
    fn levels_follow_the_law_and_the_date() {
        let rules = LintRules::load(None).unwrap();
        let empty = Document::from_markdown("# Job\n\nWork.\n");
        let levels = |facts: &Posting| -> Vec<(String, Level)> {
            check(&empty, facts, &rules)
                .into_iter()
                .map(|f| (f.rule, f.level))
                .collect()
        };
        let mut colorado = place("US", Some("CO"), None);
        colorado.date_posted = date("2026-11-02");
        assert_eq!(levels(&colorado), [("pay-transparency".to_owned(), Level::Error)]);
        colorado.date_posted = date("2020-06-01");
        assert_eq!(levels(&colorado), [("pay-transparency".to_owned(), Level::Notice)]);
        colorado.date_posted = None;
        assert_eq!(
            levels(&colorado),
            [("pay-transparency".to_owned(), Level::Error)],
            "judged as of the table's date"
        );

        let mut berlin = place("DE", None, Some("Berlin"));
        berlin.date_posted = date("2026-11-02");
        assert_eq!(levels(&berlin), [("pay-transparency".to_owned(), Level::Warning)]);

        colorado.salary = Some(Salary {
            min: 1.0,
            max: 2.0,
            currency: crate::posting::Currency::try_from("USD".to_owned()).unwrap(),
            period: Default::default(),
        });
        assert_eq!(
            levels(&colorado),
            [("pay-transparency-benefits".to_owned(), Level::Warning)]
        );
        colorado.benefits = vec!["Health insurance".into()];
        assert!(levels(&colorado).is_empty());

        let texas = place("US", Some("TX"), None);
        assert!(levels(&texas).is_empty());
    }

    #[test]
    fn money_in_the_text_counts_as_pay() {
        for text in [
            "Pay: $90,000 - $110,000",
            "Salary 78.000 EUR per year",
            "€ 5.000 a month",
            "USD 120k",
        ] {
            assert!(mentions_money(&Document::from_markdown(text)), "{text}");
        }
        for text in ["We pay well.", "Call us at 555 1234", "Join our 30 people"] {
            assert!(!mentions_money(&Document::from_markdown(text)), "{text}");
        }
    }
}
