//! Pay amounts as recruiters type them: read exactly or refused with what to write, and the one table of what a period's pay can plausibly be.
//!
//! `78.000` is 78 to YAML (and to a CSV cell read the same way): published, it says "€78 per
//! year". Nothing guards a posting against that but the amount itself, so every amount is
//! checked against its period: a yearly salary of 78 in euros cannot be meant, and is refused
//! with the amount that probably was ("did you mean 78000?").
//!
//! The bounds are wide on purpose: they catch an amount off by a factor of a thousand (a
//! thousands separator read as a decimal point, "78k" written as 78) or a yearly figure under
//! `period: hour`, never a real salary, however low or high. They are written for a currency
//! worth about a US dollar or more and scaled for currencies whose unit is worth less (see
//! [`units_per_dollar`]).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::fields::{Currency, Period};

/// A pay amount: its value, and the text it was written as (for messages about it).
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    pub value: f64,
    /// The amount as typed ("78.000"), when it was read from text.
    pub written: Option<String>,
}

impl Serialize for Amount {
    /// A whole amount as a whole number (`min: 160000`, as a person writes it), else as is.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let whole = self.value.fract() == 0.0 && self.value.abs() < 9e15;
        match whole {
            true => serializer.serialize_i64(self.value as i64),
            false => serializer.serialize_f64(self.value),
        }
    }
}

impl From<f64> for Amount {
    fn from(value: f64) -> Amount {
        Amount { value, written: None }
    }
}

/// How an amount must be written, for messages.
pub const PLAIN_NUMBER: &str = "a plain number such as 78000: no 'k', no currency sign, no thousands separator";

impl Amount {
    /// Reads an amount as a person types it: `78000`, `78000.50`, `96,000` (comma groups of
    /// three, as spreadsheets show numbers). Anything else is refused with what to write.
    pub fn parse(text: &str) -> Result<Amount, String> {
        let text = text.trim();
        let written = Some(text.to_owned());
        if let Some(value) = plain_number(text) {
            return match value.is_finite() {
                true => Ok(Amount { value, written }),
                false => Err(format!(
                    "'{text}' is too large to be an amount; write amounts in full, e.g. 78000"
                )),
            };
        }
        if is_comma_grouped(text) {
            let value = text.replace(',', "").parse::<f64>().map_err(|e| e.to_string())?;
            return Ok(Amount { value, written });
        }
        Err(why_not_a_number(text))
    }
}

/// `text` as a number when it is one as written: digits, one decimal point, an exponent.
fn plain_number(text: &str) -> Option<f64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let shaped = digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
    shaped.then(|| text.parse::<f64>().ok()).flatten()
}

/// "96,000" or "1,200,000.50": groups of three digits after the first, separated by commas.
fn is_comma_grouped(text: &str) -> bool {
    let whole = text.split_once('.').map_or(text, |(whole, fraction)| {
        match fraction.chars().all(|c| c.is_ascii_digit()) && !fraction.is_empty() {
            true => whole,
            false => "",
        }
    });
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    let mut rest = groups.peekable();
    rest.peek().is_some()
        && (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && rest.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// Why `text` is not an amount, and what to write: the digits it holds, run together.
fn why_not_a_number(text: &str) -> String {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return format!("'{text}' is not {PLAIN_NUMBER}");
    }
    let number = "a plain number such as 78000";
    let thousands = text.to_lowercase().trim_end().ends_with('k');
    let range = text.trim_start_matches('-').contains(['-', '–']);
    let (why, suggestion) = if thousands {
        (
            "no 'k': write the amount in full",
            format!("; did you mean {digits}000?"),
        )
    } else if range {
        ("one amount only: write the range as `min:` and `max:`", String::new())
    } else if text.chars().any(|c| c.is_alphabetic() || "€$£¥₹".contains(c)) {
        (
            "no currency or words: the currency goes in `currency:`",
            format!("; did you mean {digits}?"),
        )
    } else {
        match text.rsplit_once(',') {
            // "45,50" or "1.234,50": a decimal comma.
            Some((whole, cents)) if (1..=2).contains(&cents.len()) => (
                "write decimals with a dot",
                format!("; did you mean {}.{cents}?", whole.replace([' ', '.', '\''], "")),
            ),
            _ => ("no thousands separator", format!("; did you mean {digits}?")),
        }
    };
    format!("'{text}' is not {number} ({why}){suggestion}")
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AmountVisitor;
        impl Visitor<'_> for AmountVisitor {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(PLAIN_NUMBER)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Amount, E> {
                Amount::parse(text).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Amount, E> {
                Ok(Amount::from(value))
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Amount, E> {
                Ok(Amount::from(value as f64))
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Amount, E> {
                Ok(Amount::from(value as f64))
            }
        }
        // As text: serde_yaml then hands over the scalar as written ("78.000", not 78.0).
        deserializer.deserialize_str(AmountVisitor)
    }
}

/// The plausible pay for one period, in a currency worth about a US dollar or more (EUR, USD,
/// GBP, CHF, CNY, BRL, …): from the lowest (below any professional's pay anywhere, including
/// part-time work) to the highest (well above any base pay). A thousandfold slip falls outside.
const BOUNDS: [(Period, f64, f64); 5] = [
    (Period::Hour, 1.0, 10_000.0),
    (Period::Day, 10.0, 50_000.0),
    (Period::Week, 50.0, 200_000.0),
    (Period::Month, 100.0, 1_000_000.0),
    (Period::Year, 1_000.0, 10_000_000.0),
];

/// Currencies whose unit is worth less than a tenth of a US dollar, by how many units make
/// about one dollar, rounded down to a power of ten (approximate 2024-25 market rates; a
/// currency that loses a factor of ten moves up one row). Rounding down keeps every lower
/// bound at or below the dollar figure, and the upper bounds are ten times any real pay, so a
/// rate that drifts within its row changes nothing a real posting would notice.
const UNITS_PER_DOLLAR: [(f64, &[&str]); 4] = [
    (
        10.0,
        &[
            "AFN", "ALL", "BTN", "BWP", "CUP", "CZK", "DOP", "EGP", "ERN", "GHS", "GMD", "HNL", "INR", "KGS", "LSL",
            "MDL", "MKD", "MRU", "MUR", "MVR", "MXN", "MZN", "NAD", "NIO", "NOK", "PHP", "RUB", "SCR", "SEK", "SLE",
            "SRD", "STN", "SZL", "THB", "TJS", "TRY", "TWD", "UAH", "UYU", "ZAR", "ZMW", "ZWG",
        ],
    ),
    (
        100.0,
        &[
            "AMD", "AOA", "BDT", "CLP", "CRC", "CVE", "DJF", "DZD", "ETB", "GYD", "HTG", "HUF", "ISK", "JMD", "JPY",
            "KES", "KMF", "KPW", "KZT", "LKR", "LRD", "NPR", "PKR", "RSD", "SDG", "SOS", "SSP", "VED", "VUV", "XAF",
            "XOF", "XPF", "YER",
        ],
    ),
    (
        1_000.0,
        &[
            "ARS", "BIF", "CDF", "COP", "GNF", "IQD", "KHR", "KRW", "MGA", "MMK", "MNT", "MWK", "NGN", "PYG", "RWF",
            "TZS", "UGX",
        ],
    ),
    (10_000.0, &["IDR", "IRR", "LAK", "LBP", "SYP", "UZS", "VND"]),
];

/// How many units of `currency` make about one US dollar, as a power of ten (1 for a currency
/// worth a tenth of a dollar or more).
pub fn units_per_dollar(currency: Currency) -> f64 {
    UNITS_PER_DOLLAR
        .iter()
        .find(|(_, codes)| codes.contains(&currency.code()))
        .map_or(1.0, |(units, _)| *units)
}

/// The lowest and highest amount jdgen accepts for one `period`'s pay in `currency`.
pub fn plausible_range(period: Period, currency: Currency) -> (f64, f64) {
    let (_, low, high) = BOUNDS
        .iter()
        .find(|(p, ..)| *p == period)
        .copied()
        .unwrap_or((period, 0.0, f64::MAX));
    let scale = units_per_dollar(currency);
    (low * scale, high * scale)
}

/// "a yearly salary", "an hourly rate", …
pub fn pay_of(period: Period) -> &'static str {
    match period {
        Period::Year => "a yearly salary",
        Period::Month => "a monthly salary",
        Period::Week => "a weekly wage",
        Period::Day => "a day rate",
        Period::Hour => "an hourly rate",
    }
}

/// Why `amount` cannot be one `period`'s pay in `currency`, with what was probably meant
/// (message, help); `None` when it can.
pub fn implausible(amount: &Amount, period: Period, currency: Currency) -> Option<(String, String)> {
    let (low, high) = plausible_range(period, currency);
    let value = amount.value;
    if (low..=high).contains(&value) {
        return None;
    }
    let shown = amount.written.clone().unwrap_or_else(|| number(value));
    let code = currency.code();
    let range = format!("jdgen accepts {} to {} {code}", number(low), number(high));
    if value == 0.0 {
        return Some((
            format!("0 is no pay for {}", pay_of(period)),
            "for an unpaid role leave `salary` out".to_owned(),
        ));
    }
    if value < low {
        let thousandfold = value * 1000.0;
        let dotted = amount.written.as_deref().is_some_and(is_dot_grouped);
        if (low..=high).contains(&thousandfold) {
            let meant = number_plain(thousandfold);
            let message = match dotted {
                true => format!(
                    "{shown} reads as {} (the dot is a decimal point); for {} did you mean {meant}?",
                    number_plain(value),
                    pay_of(period)
                ),
                false => format!(
                    "{shown} is too low for {} in {code}; did you mean {meant}?",
                    pay_of(period)
                ),
            };
            let help = match dotted {
                true => format!("write it without separators: {meant}"),
                false => format!(
                    "write amounts in full ({meant} for {shown} thousand); if it is another period's pay, set `period:`"
                ),
            };
            return Some((message, help));
        }
        return Some((
            format!("{shown} is too low for {} in {code} ({range})", pay_of(period)),
            "write amounts in full (78000, not 78 or 78k); if it is another period's pay, set `period:` (year, month, week, day or hour)"
                .to_owned(),
        ));
    }
    let better = [Period::Year, Period::Month, Period::Week, Period::Day]
        .into_iter()
        .find(|p| {
            let (low, high) = plausible_range(*p, currency);
            (low..=high).contains(&value)
        });
    let help = match better {
        Some(p) => format!(
            "if it is {}, set `period: {}`; otherwise check for an extra digit",
            pay_of(p),
            p.id()
        ),
        None => "check for an extra digit".to_owned(),
    };
    Some((
        format!("{shown} is too high for {} in {code} ({range})", pay_of(period)),
        help,
    ))
}

/// "78.000" or "1.200.000": dots between groups of three digits, as in German or Spanish.
fn is_dot_grouped(text: &str) -> bool {
    let mut groups = text.split('.');
    let first = groups.next().unwrap_or_default();
    let rest: Vec<&str> = groups.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// `value` with thousands separators, for messages ("1,000").
fn number(value: f64) -> String {
    let plain = number_plain(value);
    let (whole, fraction) = plain
        .split_once('.')
        .map_or((plain.as_str(), None), |(w, f)| (w, Some(f)));
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match fraction {
        Some(fraction) => format!("{grouped}.{fraction}"),
        None => grouped,
    }
}

/// `value` as a user would write it in a job file: no separators, no needless decimals.
fn number_plain(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn currency(code: &str) -> Currency {
        Currency::try_from(code.to_owned()).unwrap()
    }

    #[test]
    fn amounts_read_as_typed() {
        assert_eq!(Amount::parse("78000").unwrap().value, 78000.0);
        assert_eq!(Amount::parse(" 45.50 ").unwrap().value, 45.5);
        assert_eq!(Amount::parse("160,000").unwrap().value, 160000.0);
        assert_eq!(Amount::parse("1,200,000.50").unwrap().value, 1_200_000.5);
        assert_eq!(Amount::parse("78.000").unwrap().written.as_deref(), Some("78.000"));
        assert_eq!(Amount::parse("1e5").unwrap().value, 100000.0);
    }

    #[test]
    fn what_is_not_a_number_says_what_to_write() {
        let k = Amount::parse("78k").unwrap_err();
        assert!(k.contains("no 'k'") && k.contains("did you mean 78000?"), "{k}");
        let euro = Amount::parse("€78,000").unwrap_err();
        assert!(
            euro.contains("`currency:`") && euro.contains("did you mean 78000?"),
            "{euro}"
        );
        assert!(Amount::parse("78000 euros").unwrap_err().contains("`currency:`"));
        assert!(Amount::parse("1.234,50").unwrap_err().contains("did you mean 1234.50?"));
        let spaced = Amount::parse("78 000").unwrap_err();
        assert!(
            spaced.contains("thousands separator") && spaced.contains("78000"),
            "{spaced}"
        );
        let swiss = Amount::parse("78'000").unwrap_err();
        assert!(swiss.contains("did you mean 78000?"), "{swiss}");
        let comma = Amount::parse("45,50").unwrap_err();
        assert!(comma.contains("45.50"), "{comma}");
        let range = Amount::parse("78000 - 96000").unwrap_err();
        assert!(range.contains("`min:` and `max:`"), "{range}");
        assert!(Amount::parse("1e400").unwrap_err().contains("too large"));
        assert!(Amount::parse("lots").is_err());
        for bad in ["96,00", "1,2345", ",000", "inf", "NaN"] {
            assert!(Amount::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_thousands_dot_is_caught_with_the_meant_amount() {
        let eur = currency("EUR");
        let (message, help) = implausible(&Amount::parse("78.000").unwrap(), Period::Year, eur).unwrap();
        assert_eq!(
            message,
            "78.000 reads as 78 (the dot is a decimal point); for a yearly salary did you mean 78000?"
        );
        assert_eq!(help, "write it without separators: 78000");
        // An hourly rate of 78.000 is 78 an hour: plausible, accepted.
        assert!(implausible(&Amount::parse("78.000").unwrap(), Period::Hour, eur).is_none());
        let (message, _) = implausible(&Amount::from(96.0), Period::Year, eur).unwrap();
        assert!(message.contains("did you mean 96000?"), "{message}");
    }

    #[test]
    fn bounds_scale_with_the_currency() {
        assert_eq!(plausible_range(Period::Year, currency("EUR")), (1_000.0, 10_000_000.0));
        assert_eq!(plausible_range(Period::Year, currency("JPY")).0, 100_000.0);
        assert_eq!(plausible_range(Period::Hour, currency("IDR")).0, 10_000.0);
        // Real pay passes: a Japanese yearly salary, an Indonesian monthly one, a Swiss day rate.
        for (value, period, code) in [
            (9_500_000.0, Period::Year, "JPY"),
            (15_000_000.0, Period::Month, "IDR"),
            (1_200.0, Period::Day, "CHF"),
            (45.5, Period::Hour, "USD"),
            (800_000.0, Period::Year, "INR"),
            (600_000.0, Period::Month, "NGN"),
        ] {
            assert!(
                implausible(&Amount::from(value), period, currency(code)).is_none(),
                "{value} {code} per {period:?}"
            );
        }
        let (message, help) = implausible(&Amount::from(75_000.0), Period::Hour, currency("USD")).unwrap();
        assert!(message.contains("too high for an hourly rate"), "{message}");
        assert!(help.contains("`period: year`"), "{help}");
        assert!(implausible(&Amount::from(0.0), Period::Year, currency("USD")).is_some());
    }

    #[test]
    fn every_scaled_currency_is_in_circulation() {
        for (_, codes) in UNITS_PER_DOLLAR {
            for code in codes {
                assert!(Currency::try_from(code.to_string()).is_ok(), "{code}");
            }
        }
    }
}
