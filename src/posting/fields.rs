//! Typed posting fields that validate themselves while parsing, so a bad value is reported at its line and column.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

pub use super::country::Country;
use super::words::squash;

/// Deserializes a type from a string through its `TryFrom<String>`, inside the
/// scalar's own visit, so the parser reports the value's line, column and field
/// path (serde's `try_from` attribute reports the enclosing mapping instead).
macro_rules! deserialize_via_try_from {
    ($($ty:ty => $expecting:literal),* $(,)?) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<$ty, E> {
                        <$ty>::try_from(text.to_owned()).map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }
    )*};
}

deserialize_via_try_from! {
    Country => "a country: an ISO 3166-1 code such as DE or US, or its English name",
    Currency => "an ISO 4217 currency code such as EUR or USD",
    IsoDate => "a date written YYYY-MM-DD",
    Period => "year, month, week, day or hour",
    Workplace => "onsite, hybrid or remote",
    EmploymentType => "full-time, part-time, contract or temporary",
    Spelling => "us or uk",
}

/// The value among `words` (each with the forms it accepts) that `text` names, forgiving case,
/// spaces, hyphens and underscores; else a message naming what `what` may be, with the
/// closest word or a `hints` entry (a word people use for one of ours) as a suggestion.
fn one_of<T: Copy>(text: &str, what: &str, words: &[(&[&str], T)], hints: &[(&str, &str)]) -> Result<T, String> {
    let key = squash(text);
    if let Some((_, value)) = words.iter().find(|(forms, _)| forms.iter().any(|f| squash(f) == key)) {
        return Ok(*value);
    }
    let ids: Vec<&str> = words.iter().map(|(forms, _)| forms[0]).collect();
    let allowed = match ids.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => ids.join(", "),
    };
    let hint = hints
        .iter()
        .find(|(word, _)| squash(word) == key)
        .map(|(_, id)| *id)
        .or_else(|| crate::suggest::closest(text.trim(), ids.iter().copied()));
    let text = text.trim();
    Err(match hint {
        Some(id) => format!("'{text}' is not {what}; did you mean {id}? write {allowed}"),
        None => format!("'{text}' is not {what}; write {allowed}"),
    })
}

/// A currency in circulation, by its ISO 4217 code ("EUR", "USD").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub struct Currency(iso_currency::Currency);

impl Currency {
    /// The three-letter code.
    pub fn code(&self) -> &'static str {
        self.0.code()
    }

    /// Digits after the decimal point in amounts of this currency (2 for EUR, 0 for JPY).
    pub fn minor_digits(&self) -> u16 {
        self.0.exponent().unwrap_or(2)
    }
}

impl TryFrom<String> for Currency {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        let text = value.trim();
        // Signs and names that stand for one currency only; "$" and "¥" stand for several.
        let code = match squash(text).as_str() {
            _ if text == "€" => "EUR".to_owned(),
            _ if text == "£" => "GBP".to_owned(),
            "euro" | "euros" => "EUR".to_owned(),
            "pound" | "pounds" | "poundsterling" | "sterling" => "GBP".to_owned(),
            "us" | "usdollar" | "usdollars" => "USD".to_owned(),
            _ if text.eq_ignore_ascii_case("us$") => "USD".to_owned(),
            _ => text.to_ascii_uppercase(),
        };
        if let Some(currency) = circulating(&code) {
            return Ok(Currency(currency));
        }
        let what = format!("'{text}' is not an ISO 4217 currency code in circulation");
        Err(match text {
            "$" => format!("{what}: '$' stands for many dollars; write USD, CAD, AUD, NZD, SGD, HKD or MXN"),
            "¥" => format!("{what}: '¥' stands for the yen (JPY) and the yuan (CNY); write one of them"),
            _ => {
                let codes: Vec<String> = all_codes().filter(|code| circulating(code).is_some()).collect();
                match crate::suggest::closest(&code, codes.iter().map(String::as_str)) {
                    Some(best) => format!("{what}; did you mean {best}? (e.g. EUR, USD, GBP, CHF)"),
                    None => format!("{what} (e.g. EUR, USD, GBP, CHF)"),
                }
            }
        })
    }
}

/// The currency `code` names, if it is one people are paid in: funds, metals, test codes
/// (XAU, XTS, ...) and superseded codes are no one's salary.
fn circulating(code: &str) -> Option<iso_currency::Currency> {
    iso_currency::Currency::from_code(code).filter(|c| !c.is_fund() && !c.is_special() && c.is_superseded().is_none())
}

/// Every three-letter code, AAA to ZZZ (iso_currency lists its codes only with an extra crate).
fn all_codes() -> impl Iterator<Item = String> {
    let letters = || b'A'..=b'Z';
    letters().flat_map(move |a| {
        letters().flat_map(move |b| letters().map(move |c| String::from_utf8(vec![a, b, c]).unwrap_or_default()))
    })
}

impl From<Currency> for String {
    fn from(currency: Currency) -> String {
        currency.code().to_owned()
    }
}

/// How often the salary amount is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    #[default]
    Year,
    Month,
    Week,
    Day,
    Hour,
}

impl TryFrom<String> for Period {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        one_of(
            &value,
            "a pay period",
            &[
                (
                    &[
                        "year",
                        "yearly",
                        "annual",
                        "annually",
                        "per year",
                        "a year",
                        "per annum",
                        "p.a.",
                    ],
                    Period::Year,
                ),
                (&["month", "monthly", "per month", "a month"], Period::Month),
                (&["week", "weekly", "per week", "a week"], Period::Week),
                (&["day", "daily", "per day", "a day"], Period::Day),
                (&["hour", "hourly", "per hour", "an hour"], Period::Hour),
            ],
            &[
                ("fortnight", "week"),
                ("biweekly", "week"),
                ("quarter", "year"),
                ("shift", "day"),
            ],
        )
    }
}

impl Period {
    /// "year", "hour", ...
    pub fn id(self) -> &'static str {
        match self {
            Period::Year => "year",
            Period::Month => "month",
            Period::Week => "week",
            Period::Day => "day",
            Period::Hour => "hour",
        }
    }
}

/// Where the work happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Workplace {
    Onsite,
    Hybrid,
    Remote,
}

impl TryFrom<String> for Workplace {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        one_of(
            &value,
            "a work arrangement",
            &[
                (&["onsite", "on-site"], Workplace::Onsite),
                (&["hybrid"], Workplace::Hybrid),
                (&["remote", "fully remote", "remote only"], Workplace::Remote),
            ],
            &[
                ("office", "onsite"),
                ("in office", "onsite"),
                ("in person", "onsite"),
                ("flexible", "hybrid"),
                ("wfh", "remote"),
                ("home", "remote"),
                ("work from home", "remote"),
            ],
        )
    }
}

impl Workplace {
    /// The id used in job files and templates.
    pub fn id(self) -> &'static str {
        match self {
            Workplace::Onsite => "onsite",
            Workplace::Hybrid => "hybrid",
            Workplace::Remote => "remote",
        }
    }

    /// The label a reader sees.
    pub fn label(self) -> &'static str {
        match self {
            Workplace::Onsite => "On-site",
            Workplace::Hybrid => "Hybrid",
            Workplace::Remote => "Remote",
        }
    }
}

/// The kind of contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EmploymentType {
    FullTime,
    PartTime,
    Contract,
    Temporary,
}

impl TryFrom<String> for EmploymentType {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        // Google's names (FULL_TIME, CONTRACTOR) too: people copy them from JSON-LD.
        one_of(
            &value,
            "an employment type",
            &[
                (&["full-time"], EmploymentType::FullTime),
                (&["part-time"], EmploymentType::PartTime),
                (&["contract", "contractor"], EmploymentType::Contract),
                (&["temporary"], EmploymentType::Temporary),
            ],
            &[
                ("permanent", "full-time"),
                ("fixed term", "temporary"),
                ("temp", "temporary"),
                ("freelance", "contract"),
                ("freelancer", "contract"),
            ],
        )
    }
}

impl EmploymentType {
    /// The id used in job files and templates.
    pub fn id(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "full-time",
            EmploymentType::PartTime => "part-time",
            EmploymentType::Contract => "contract",
            EmploymentType::Temporary => "temporary",
        }
    }

    /// The label a reader sees.
    pub fn label(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "Full-time",
            EmploymentType::PartTime => "Part-time",
            EmploymentType::Contract => "Contract",
            EmploymentType::Temporary => "Temporary",
        }
    }
}

/// Which English the catalog's words are spelt in: US postings get US spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Spelling {
    /// British spelling (organisation, programme), the catalog's own.
    Uk,
    /// US spelling (organization, program).
    Us,
}

impl TryFrom<String> for Spelling {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        one_of(
            &value,
            "a spelling",
            &[
                (&["us", "en-us", "american", "usa"], Spelling::Us),
                (&["uk", "gb", "en-gb", "british"], Spelling::Uk),
            ],
            &[("english", "uk"), ("en", "uk")],
        )
    }
}

/// How many people report to the role: a number, or text such as "4 product managers".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum DirectReports {
    Count(u32),
    Text(String),
}

impl<'de> Deserialize<'de> for DirectReports {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ReportsVisitor;
        impl serde::de::Visitor<'_> for ReportsVisitor {
            type Value = DirectReports;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number of people, e.g. 4, or text such as \"4 product managers\"")
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<DirectReports, E> {
                match u32::try_from(n) {
                    Ok(n) if n <= MAX_PEOPLE => Ok(DirectReports::Count(n)),
                    _ => Err(E::custom(format!(
                        "{n} is more people than any team has (at most {MAX_PEOPLE})"
                    ))),
                }
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<DirectReports, E> {
                match u64::try_from(n) {
                    Ok(n) => self.visit_u64(n),
                    Err(_) => Err(E::custom(format!("{n} is not a number of people; write 0 or more"))),
                }
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<DirectReports, E> {
                Ok(DirectReports::Text(text.to_owned()))
            }
        }
        deserializer.deserialize_any(ReportsVisitor)
    }
}

/// Reads a count of people (`team_size`) from its text, as an amount is read: `8`, `1,200`.
pub(crate) fn count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    struct CountVisitor;
    impl serde::de::Visitor<'_> for CountVisitor {
        type Value = Option<u32>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a whole number of people such as 8")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Option<u32>, E> {
            let text = text.trim();
            if matches!(text, "" | "~" | "null") {
                return Ok(None);
            }
            let digits = text.replace(',', "");
            match digits.parse::<u32>() {
                Ok(n) if digits.chars().all(|c| c.is_ascii_digit()) => Ok(Some(n)),
                _ => Err(E::custom(format!(
                    "'{text}' is not a whole number of people; write digits only, e.g. 8"
                ))),
            }
        }
        fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Option<u32>, E> {
            u32::try_from(n)
                .map(Some)
                .map_err(|_| E::custom(format!("{n} is more people than any team has")))
        }
    }
    deserializer.deserialize_str(CountVisitor)
}

/// The most people `direct_reports` and `team_size` may count: beyond it a number is a typo.
pub const MAX_PEOPLE: u32 = 100_000;

/// A calendar date written as ISO 8601 (YYYY-MM-DD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct IsoDate(pub NaiveDate);

impl TryFrom<String> for IsoDate {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
            .map(IsoDate)
            .map_err(|_| format!("'{value}' is not a valid date; write dates as YYYY-MM-DD, e.g. 2026-11-02"))
    }
}

impl From<IsoDate> for String {
    fn from(date: IsoDate) -> String {
        date.to_string()
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumerated_values_forgive_case_and_spacing() {
        let workplace = |t: &str| Workplace::try_from(t.to_owned());
        assert_eq!(workplace("Hybrid"), Ok(Workplace::Hybrid));
        assert_eq!(workplace("Remote"), Ok(Workplace::Remote));
        assert_eq!(workplace("On site"), Ok(Workplace::Onsite));
        assert_eq!(workplace("ON-SITE"), Ok(Workplace::Onsite));
        let office = workplace("office").unwrap_err();
        assert!(
            office.contains("did you mean onsite?") && office.contains("onsite, hybrid or remote"),
            "{office}"
        );
        let employment = |t: &str| EmploymentType::try_from(t.to_owned());
        for text in ["Full time", "full time", "FULL_TIME", "fulltime", "Full-Time"] {
            assert_eq!(employment(text), Ok(EmploymentType::FullTime), "{text}");
        }
        assert_eq!(employment("Part time"), Ok(EmploymentType::PartTime));
        assert!(employment("permanent").unwrap_err().contains("did you mean full-time?"));
        let period = |t: &str| Period::try_from(t.to_owned());
        assert_eq!(period("Year"), Ok(Period::Year));
        assert_eq!(period("hourly"), Ok(Period::Hour));
        assert_eq!(period("per month"), Ok(Period::Month));
        assert!(period("fortnight").unwrap_err().contains("did you mean week?"));
        assert_eq!(Spelling::try_from("US".to_owned()), Ok(Spelling::Us));
        assert_eq!(Spelling::try_from("en-GB".to_owned()), Ok(Spelling::Uk));
    }

    #[test]
    fn only_circulating_currencies_are_salaries() {
        assert_eq!(Currency::try_from("eur".to_owned()).unwrap().code(), "EUR");
        assert_eq!(Currency::try_from("JPY".to_owned()).unwrap().minor_digits(), 0);
        for bad in ["XAU", "XTS", "EUO", "ABC", "", "$", "¥"] {
            assert!(Currency::try_from(bad.to_owned()).is_err(), "{bad}");
        }
        for (text, code) in [
            ("€", "EUR"),
            ("Euro", "EUR"),
            (" gbp ", "GBP"),
            ("£", "GBP"),
            ("US$", "USD"),
        ] {
            assert_eq!(Currency::try_from(text.to_owned()).unwrap().code(), code, "{text}");
        }
        assert!(Currency::try_from("EUO".to_owned())
            .unwrap_err()
            .contains("did you mean EUR?"));
        assert!(Currency::try_from("$".to_owned()).unwrap_err().contains("USD, CAD"));
    }

    #[test]
    fn dates_are_iso() {
        assert_eq!(
            IsoDate::try_from("2026-11-02".to_owned()).unwrap().to_string(),
            "2026-11-02"
        );
        for bad in ["2026-02-30", "02/11/2026", "2026-13-01", "tomorrow"] {
            assert!(IsoDate::try_from(bad.to_owned()).is_err(), "{bad}");
        }
    }
}
