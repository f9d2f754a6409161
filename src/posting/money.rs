//! How pay is printed: one rule for every currency, so a reader never has to guess.
//!
//! The rule: English digit grouping ("175,000"). Five currencies whose symbol
//! names them unambiguously worldwide get that symbol on each amount
//! ("$175,000 – $215,000", "€78,000 – €96,000"); every other currency is
//! written once by its ISO code ("CHF 120,000 – 140,000"), because "$" alone
//! would be ambiguous for CAD, AUD or MXN. Cents appear only when an amount
//! has them ("$45.50"), with the currency's own number of minor digits.

use super::fields::{Currency, Period};

/// "$175,000 – $215,000", or a single amount when min equals max.
pub fn format_range(min: f64, max: f64, currency: Currency) -> String {
    let symbol = symbol(currency);
    let (low, high) = (format_amount(min, currency), format_amount(max, currency));
    match symbol {
        Some(symbol) if low == high => format!("{symbol}{low}"),
        Some(symbol) => format!("{symbol}{low} – {symbol}{high}"),
        None if low == high => format!("{} {low}", currency.code()),
        None => format!("{} {low} – {high}", currency.code()),
    }
}

/// "per year", "per hour", ...
pub fn period_label(period: Period) -> String {
    format!("per {}", period.id())
}

fn symbol(currency: Currency) -> Option<&'static str> {
    match currency.code() {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        "INR" => Some("₹"),
        _ => None,
    }
}

/// An amount with thousands separators; decimals only when it has a fraction.
fn format_amount(amount: f64, currency: Currency) -> String {
    let digits = usize::from(currency.minor_digits());
    let fixed = format!("{amount:.digits$}");
    let (whole, fraction) = match fixed.split_once('.') {
        Some((whole, fraction)) if fraction.bytes().any(|b| b != b'0') => (whole, Some(fraction)),
        Some((whole, _)) => (whole, None),
        None => (fixed.as_str(), None),
    };
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn currency(code: &str) -> Currency {
        Currency::try_from(code.to_owned()).unwrap()
    }

    #[test]
    fn symbols_for_unambiguous_currencies() {
        assert_eq!(
            format_range(175_000.0, 215_000.0, currency("USD")),
            "$175,000 – $215,000"
        );
        assert_eq!(format_range(78_000.0, 96_000.0, currency("EUR")), "€78,000 – €96,000");
        assert_eq!(
            format_range(9_500_000.0, 12_000_000.0, currency("JPY")),
            "¥9,500,000 – ¥12,000,000"
        );
    }

    #[test]
    fn codes_for_the_rest() {
        assert_eq!(
            format_range(120_000.0, 140_000.0, currency("CHF")),
            "CHF 120,000 – 140,000"
        );
        assert_eq!(format_range(150_000.0, 150_000.0, currency("CAD")), "CAD 150,000");
    }

    #[test]
    fn cents_only_when_present() {
        assert_eq!(format_range(45.5, 60.0, currency("USD")), "$45.50 – $60");
        assert_eq!(format_range(999.0, 1000.0, currency("GBP")), "£999 – £1,000");
        assert_eq!(format_range(0.0, 100.0, currency("GBP")), "£0 – £100");
    }

    #[test]
    fn period_labels() {
        assert_eq!(period_label(Period::Hour), "per hour");
        assert_eq!(period_label(Period::default()), "per year");
    }
}
