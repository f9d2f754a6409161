//! Typed posting fields that validate themselves while parsing, so a bad value is reported at its line and column.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

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
    Country => "an ISO 3166-1 alpha-2 country code such as DE or US",
    Currency => "an ISO 4217 currency code such as EUR or USD",
    IsoDate => "a date written YYYY-MM-DD",
}

/// A country as an ISO 3166-1 alpha-2 code ("DE", "US").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct Country(isocountry::CountryCode);

impl Country {
    /// The two-letter code.
    pub fn code(&self) -> &'static str {
        self.0.alpha2()
    }

    /// The name a reader expects, e.g. "United States" rather than ISO's "United States of America".
    pub fn name(&self) -> &'static str {
        // ISO's official short names are long or inverted for a few countries
        // job postings mention often; everything else reads well as it is.
        match self.code() {
            "US" => "United States",
            "GB" => "United Kingdom",
            "KR" => "South Korea",
            "KP" => "North Korea",
            "RU" => "Russia",
            "TW" => "Taiwan",
            "TZ" => "Tanzania",
            "VN" => "Vietnam",
            "IR" => "Iran",
            "SY" => "Syria",
            "BO" => "Bolivia",
            "VE" => "Venezuela",
            "MD" => "Moldova",
            "LA" => "Laos",
            "CZ" => "Czechia",
            "NL" => "Netherlands",
            "AE" => "United Arab Emirates",
            "CD" => "Democratic Republic of the Congo",
            "MK" => "North Macedonia",
            "PS" => "Palestine",
            _ => self.0.name(),
        }
    }
}

impl TryFrom<String> for Country {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        isocountry::CountryCode::for_alpha2_caseless(value.trim())
            .map(Country)
            .map_err(|_| format!("'{value}' is not an ISO 3166-1 alpha-2 country code (e.g. DE, US, GB, FR)"))
    }
}

impl From<Country> for String {
    fn from(country: Country) -> String {
        country.code().to_owned()
    }
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
        let code = value.trim().to_ascii_uppercase();
        match iso_currency::Currency::from_code(&code) {
            // Funds, metals and test codes (XAU, XTS, ...) are no one's salary.
            Some(currency) if !currency.is_fund() && !currency.is_special() && currency.is_superseded().is_none() => {
                Ok(Currency(currency))
            }
            _ => Err(format!(
                "'{value}' is not an ISO 4217 currency code in circulation (e.g. EUR, USD, GBP, CHF)"
            )),
        }
    }
}

impl From<Currency> for String {
    fn from(currency: Currency) -> String {
        currency.code().to_owned()
    }
}

/// How often the salary amount is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    #[default]
    Year,
    Month,
    Week,
    Day,
    Hour,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Workplace {
    #[serde(alias = "on-site")]
    Onsite,
    Hybrid,
    Remote,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EmploymentType {
    FullTime,
    PartTime,
    Contract,
    Temporary,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Spelling {
    /// British spelling (organisation, programme), the catalog's own.
    #[serde(alias = "UK", alias = "Uk", alias = "gb", alias = "GB")]
    Uk,
    /// US spelling (organization, program).
    #[serde(alias = "US", alias = "Us")]
    Us,
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
    fn countries_validate_and_read_well() {
        assert_eq!(Country::try_from("de".to_owned()).unwrap().name(), "Germany");
        assert_eq!(Country::try_from("US".to_owned()).unwrap().name(), "United States");
        assert!(Country::try_from("XX".to_owned()).is_err());
        assert!(Country::try_from("Germany".to_owned()).is_err());
    }

    #[test]
    fn only_circulating_currencies_are_salaries() {
        assert_eq!(Currency::try_from("eur".to_owned()).unwrap().code(), "EUR");
        assert_eq!(Currency::try_from("JPY".to_owned()).unwrap().minor_digits(), 0);
        for bad in ["XAU", "XTS", "EURO", "ABC", ""] {
            assert!(Currency::try_from(bad.to_owned()).is_err(), "{bad}");
        }
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
