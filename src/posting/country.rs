//! A country as people write it (a code, an English name, UK or Holland), kept as its ISO 3166-1 code.

use serde::Serialize;

use super::words::squash;

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
        Country::find(&value).ok_or_else(|| {
            let text = value.trim();
            match Country::closest(text) {
                Some(country) => format!(
                    "'{text}' is not a country jdgen knows; did you mean {} ({})? write an ISO 3166-1 code such as DE, or the English name",
                    country.code(),
                    country.name()
                ),
                None => format!(
                    "'{text}' is not a country jdgen knows; write an ISO 3166-1 code (DE, US, GB, FR) or the English name (Germany)"
                ),
            }
        })
    }
}

/// Names people write for a country that are neither its ISO code nor its English name.
const COUNTRY_ALIASES: [(&str, &str); 40] = [
    ("UK", "GB"),
    ("U.K.", "GB"),
    ("Britain", "GB"),
    ("Great Britain", "GB"),
    ("England", "GB"),
    ("Scotland", "GB"),
    ("Wales", "GB"),
    ("Northern Ireland", "GB"),
    ("USA", "US"),
    ("U.S.", "US"),
    ("U.S.A.", "US"),
    ("America", "US"),
    ("United States", "US"),
    ("Holland", "NL"),
    ("The Netherlands", "NL"),
    ("Deutschland", "DE"),
    ("Österreich", "AT"),
    ("Schweiz", "CH"),
    ("Suisse", "CH"),
    ("Svizzera", "CH"),
    ("España", "ES"),
    ("Italia", "IT"),
    ("Nederland", "NL"),
    ("Polska", "PL"),
    ("Sverige", "SE"),
    ("Norge", "NO"),
    ("Danmark", "DK"),
    ("Suomi", "FI"),
    ("Czech Republic", "CZ"),
    ("Korea", "KR"),
    ("Ivory Coast", "CI"),
    ("Cote d'Ivoire", "CI"),
    ("Türkiye", "TR"),
    ("Turkiye", "TR"),
    ("UAE", "AE"),
    ("Emirates", "AE"),
    ("Swaziland", "SZ"),
    ("Eswatini", "SZ"),
    ("Cape Verde", "CV"),
    ("Burma", "MM"),
];

impl Country {
    /// The country `text` names: an ISO 3166-1 alpha-2 or alpha-3 code (any case), an English
    /// name (ISO's, or the short one jdgen prints), or a common other name ("UK", "Holland").
    pub fn find(text: &str) -> Option<Country> {
        let text = text.trim();
        let by_code = match text.len() {
            2 => isocountry::CountryCode::for_alpha2_caseless(text).ok(),
            3 => isocountry::CountryCode::for_alpha3_caseless(text).ok(),
            _ => None,
        };
        if let Some(code) = by_code {
            return Some(Country(code));
        }
        let key = squash(text);
        if key.is_empty() {
            return None;
        }
        if let Some((_, code)) = COUNTRY_ALIASES.iter().find(|(alias, _)| squash(alias) == key) {
            return isocountry::CountryCode::for_alpha2(code).ok().map(Country);
        }
        isocountry::CountryCode::iter()
            .map(|code| Country(*code))
            .find(|country| country.names().iter().any(|name| squash(name) == key))
    }

    /// The names a country is found by: ISO's name, its part before a comma or bracket
    /// ("Bolivia" of "Bolivia (Plurinational State of)"), and the name jdgen prints.
    fn names(&self) -> [&'static str; 3] {
        let iso = self.0.name();
        let short = iso.split([',', '(']).next().unwrap_or(iso).trim();
        [iso, short, self.name()]
    }

    /// The country whose code or name is closest to `text`, for "did you mean".
    fn closest(text: &str) -> Option<Country> {
        let countries: Vec<Country> = isocountry::CountryCode::iter().map(|code| Country(*code)).collect();
        let mut candidates: Vec<(&str, Country)> = Vec::new();
        for country in &countries {
            candidates.push((country.code(), *country));
            for name in country.names() {
                candidates.push((name, *country));
            }
        }
        let best = crate::suggest::closest(text, candidates.iter().map(|(name, _)| *name))?;
        candidates.iter().find(|(name, _)| *name == best).map(|(_, c)| *c)
    }
}

impl From<Country> for String {
    fn from(country: Country) -> String {
        country.code().to_owned()
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
    }

    #[test]
    fn countries_by_name_and_common_short_forms() {
        for (text, code) in [
            ("Germany", "DE"),
            ("germany ", "DE"),
            ("UK", "GB"),
            ("United Kingdom", "GB"),
            ("USA", "US"),
            ("U.S.", "US"),
            ("United States of America", "US"),
            ("Switzerland", "CH"),
            ("Holland", "NL"),
            ("the Netherlands", "NL"),
            ("Deutschland", "DE"),
            ("South Korea", "KR"),
            ("Bolivia", "BO"),
            ("DEU", "DE"),
            ("che", "CH"),
            ("Côte d'Ivoire", "CI"),
        ] {
            assert_eq!(Country::try_from(text.to_owned()).map(|c| c.code()), Ok(code), "{text}");
        }
        let error = Country::try_from("Germny".to_owned()).unwrap_err();
        assert!(error.contains("did you mean DE (Germany)?"), "{error}");
        let error = Country::try_from("Qqxq".to_owned()).unwrap_err();
        assert!(
            error.contains("ISO 3166-1") && !error.contains("did you mean"),
            "{error}"
        );
    }
}
