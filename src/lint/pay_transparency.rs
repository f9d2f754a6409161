//! Pay transparency: which laws apply to a posting (by place, or the countries a remote role hires from) and whether it shows pay.

use super::document::{sentences, words, BlockKind, Document};
use super::matcher::{chunks, Tokens};
use super::{Finding, Findings, Level, LintRules};
use crate::posting::Posting;

/// Findings for the laws that apply: pay missing from the text (error, warning or notice by
/// law and date) and benefits missing where the law asks for them. The law is about what
/// the posting shows, so a salary in the facts that the text does not show is missing too.
pub fn check(doc: &Document, facts: &Posting, rules: &LintRules, findings: &mut Findings) {
    let on = facts.date_posted.unwrap_or(rules.pay.as_of);
    let date_note = match facts.date_posted {
        Some(date) => format!("posted {date}"),
        None => format!("no date_posted, so judged as of {}", rules.pay.as_of),
    };
    let laws = rules.laws_for(facts);
    if laws.is_empty() {
        return;
    }
    let has_pay = shows_pay(doc, rules);
    let has_benefits = shows_benefits(doc, rules);
    let unshown = match (&facts.salary, has_pay) {
        (Some(_), false) => {
            " (the job file has a salary, but the text does not show it, and the law is about what the posting shows)"
        }
        _ => "",
    };
    let suggestion = match facts.salary {
        Some(_) => "show the pay range in the posting's text, as the job file gives it",
        None => "add the range to the job file: `salary: {min: ..., max: ..., currency: ..., period: year}`",
    };
    for law in laws {
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
                        "{} takes effect on {} in {} ({date_note}): from then a posting must show {}{unshown}",
                        law.law, law.effective, law.name, law.requires
                    ),
                ),
                (true, true) => (
                    Level::Error,
                    format!(
                        "no pay range: {covers} requires {} in the job posting{unshown}",
                        law.requires
                    ),
                ),
                (true, false) => (
                    Level::Warning,
                    format!("no pay range: {covers} requires {}{unshown}", law.requires),
                ),
            };
            findings.push(Finding::new("pay-transparency", level, message).suggesting(suggestion));
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
}

/// Whether the text shows pay: an amount of money in a pay context (see the data file).
pub fn shows_pay(doc: &Document, rules: &LintRules) -> bool {
    let compiled = &rules.compiled.pay;
    doc.blocks.iter().any(|block| {
        // A section headed "Salary", "Compensation" or "Pay" is about pay.
        let heading_is_pay = doc.section_heading(block).is_some_and(|heading| {
            let heading = doc.text(heading);
            compiled.pay_words.any_in(heading) || compiled.pay_hints.any_in(heading)
        });
        // A clause after ";" is a sentence of its own here ("$500 stipend; salary $90k").
        sentences(doc.text(block), b".!?;").any(|sentence| {
            has_amount(sentence)
                && (heading_is_pay
                    || compiled.pay_words.any_in(sentence)
                    || (compiled.pay_hints.any_in(sentence) && !compiled.not_pay.any_in(sentence)))
        })
    })
}

/// Whether the text shows benefits: a benefits heading or label, or two different benefits named.
pub fn shows_benefits(doc: &Document, rules: &LintRules) -> bool {
    let compiled = &rules.compiled.pay;
    let titled = doc.blocks.iter().any(|block| {
        let text = doc.text(block);
        let is_title = matches!(block.kind, BlockKind::Heading(_))
            || (block.kind == BlockKind::Paragraph
                && words(text).nth(8).is_none()
                && (block.emphasised || text.trim_end().ends_with(':')));
        is_title && compiled.benefit_headings.any_in(text)
    });
    if titled {
        return true;
    }
    let mut named = std::collections::BTreeSet::new();
    for block in &doc.blocks {
        for (_, chunk) in chunks(doc.text(block)) {
            for found in compiled.benefit_words.find(&Tokens::new(chunk)) {
                named.insert(found.phrase);
                if named.len() >= 2 {
                    return true;
                }
            }
        }
    }
    false
}

/// Whether the text states an amount of money: a currency sign or an ISO currency code next to a number.
fn has_amount(text: &str) -> bool {
    let signs = text.char_indices().any(|(i, c)| {
        matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽' | '₺' | '₪')
            && (text[i + c.len_utf8()..]
                .trim_start()
                .starts_with(|d: char| d.is_ascii_digit())
                || text[..i].trim_end().ends_with(|d: char| d.is_ascii_digit()))
    });
    if signs {
        return true;
    }
    let mut previous: Option<&str> = None;
    for (a, b) in words(text) {
        let word = &text[a..b];
        let is_code = |w: &str| {
            w.len() == 3 && w.chars().all(|c| c.is_ascii_uppercase()) && iso_currency::Currency::from_code(w).is_some()
        };
        let is_amount = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
        if let Some(before) = previous {
            if (is_code(before) && is_amount(word)) || (is_amount(before) && is_code(word)) {
                return true;
            }
        }
        previous = Some(word);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::{Country, IsoDate, Location, Remote, Salary, Workplace};

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
        let rules = super::super::rules::builtin_for_tests();
        rules.laws_for(facts).into_iter().map(|law| law.id.clone()).collect()
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

    fn findings_of(doc: &Document, facts: &Posting, rules: &LintRules) -> Vec<Finding> {
        let mut findings = Findings::default();
        check(doc, facts, rules, &mut findings);
        findings.into_vec()
    }

    #[test]
    fn levels_follow_the_law_and_the_date() {
        let rules = super::super::rules::builtin_for_tests();
        let empty = Document::from_markdown("# Job\n\nWork.\n");
        let levels = |facts: &Posting, doc: &Document| -> Vec<(String, Level)> {
            findings_of(doc, facts, rules)
                .into_iter()
                .map(|f| (f.rule, f.level))
                .collect()
        };
        let mut colorado = place("US", Some("CO"), None);
        colorado.date_posted = date("2026-11-02");
        assert_eq!(
            levels(&colorado, &empty),
            [("pay-transparency".to_owned(), Level::Error)]
        );
        colorado.date_posted = date("2020-06-01");
        assert_eq!(
            levels(&colorado, &empty),
            [("pay-transparency".to_owned(), Level::Notice)]
        );
        colorado.date_posted = None;
        assert_eq!(
            levels(&colorado, &empty),
            [("pay-transparency".to_owned(), Level::Error)],
            "judged as of the table's date"
        );

        let mut berlin = place("DE", None, Some("Berlin"));
        berlin.date_posted = date("2026-11-02");
        assert_eq!(
            levels(&berlin, &empty),
            [("pay-transparency".to_owned(), Level::Warning)]
        );

        // A salary in the facts that the text does not show is no pay shown.
        colorado.salary = Some(Salary {
            min: 1.0,
            max: 2.0,
            currency: crate::posting::Currency::try_from("USD".to_owned()).unwrap(),
            period: Default::default(),
        });
        let found = findings_of(&empty, &colorado, rules);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].level, Level::Error);
        assert!(
            found[0]
                .message
                .contains("the job file has a salary, but the text does not show it"),
            "{}",
            found[0].message
        );

        let paid = Document::from_markdown(
            "# Job\n\n## Compensation\n\nThe base salary range is $90,000 – $110,000 per year.\n",
        );
        assert_eq!(
            levels(&colorado, &paid),
            [("pay-transparency-benefits".to_owned(), Level::Warning)]
        );
        let with_benefits = Document::from_markdown(
            "# Job\n\nThe base salary range is $90,000 – $110,000 per year.\n\n**Benefits:**\n\n- Health insurance\n",
        );
        assert!(levels(&colorado, &with_benefits).is_empty());
        let prose_benefits = Document::from_markdown(
            "# Job\n\nPay: $90,000 - $110,000. You get medical, dental and vision insurance, a 401(k) and paid leave.\n",
        );
        assert!(levels(&colorado, &prose_benefits).is_empty());

        let texas = place("US", Some("TX"), None);
        assert!(levels(&texas, &empty).is_empty());
    }

    #[test]
    fn money_counts_as_pay_only_in_a_pay_context() {
        let rules = super::super::rules::builtin_for_tests();
        let pay = |text: &str| shows_pay(&Document::from_markdown(text), rules);
        for text in [
            "Pay: $90,000 - $110,000",
            "Salary 78.000 EUR per year",
            "€ 5.000 a month",
            "USD 120k base salary",
            "For US-based applicants: $205,000/year to $235,000/year + benefits",
            "## Compensation\n\nCHF 120,000 – 140,000.",
            "You will earn 45 € per hour.",
            "## Pay\n\n€78,000 – €96,000.",
        ] {
            assert!(pay(text), "{text}");
        }
        for text in [
            "We pay well.",
            "Call us at 555 1234",
            "Join our 30 people",
            "Manage projects valued at $100k+.",
            "We have raised over $750 million.",
            "Having raised over €300m and processed over €4bn in loans.",
            "A $1,000 home office allowance and $150 monthly for your phone, as a stipend.",
            "Up to $1,000 professional development reimbursement per calendar year.",
        ] {
            assert!(!pay(text), "{text}");
        }
    }
}
