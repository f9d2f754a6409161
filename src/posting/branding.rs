//! A company's look for DOCX output (`branding:` in the company file): font, heading colour, a reference Word document.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::position::locate_in_text;
use crate::error::{Error, Origin, Result};

/// `branding:` as written in a company file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandingFacts {
    /// A font family name, e.g. `Georgia`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
    /// Six hex digits, with or without `#`, e.g. `"#0B5394"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading_color: Option<String>,
    /// A .docx whose styles jdgen uses, relative to the company file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_docx: Option<PathBuf>,
}

/// Validated branding: every field is usable as is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Branding {
    pub font: Option<String>,
    /// Six upper-case hex digits, no `#`.
    pub heading_color: Option<String>,
    /// The reference document's `word/styles.xml`, read once when the company file is read
    /// (a batch renders thousands of documents with it).
    pub reference_styles: Option<Arc<str>>,
}

impl BrandingFacts {
    /// Checks the block read from `origin` (whose text is `text`); `base` is the company file's folder.
    pub fn validate(self, origin: &Origin, text: &str, base: &Path) -> Result<Branding> {
        let error = |field: &str, message: String, help: &str| {
            let at = match origin {
                Origin::File(name) => locate_in_text(name, text, &format!("branding.{field}")),
                Origin::Flag(_) => None,
            };
            Error::invalid(
                origin.clone(),
                format!("branding.{field}"),
                message,
                Some(help.to_owned()),
                at,
            )
        };
        let font = match self.font.as_deref().map(str::trim) {
            None => None,
            Some(font) if font.is_empty() || font.chars().any(char::is_control) => {
                return Err(error(
                    "font",
                    format!("'{}' is not a font name", font.escape_debug()),
                    "give a font family on one line, e.g. `font: Georgia`",
                ))
            }
            Some(font) => Some(font.to_owned()),
        };
        let heading_color = match self.heading_color.as_deref().map(str::trim) {
            None => None,
            Some(color) => {
                let digits = color.strip_prefix('#').unwrap_or(color);
                if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
                    return Err(error(
                        "heading_color",
                        format!("'{color}' is not a colour"),
                        "give six hex digits (red, green, blue), quoted, e.g. `heading_color: \"#1F3864\"`",
                    ));
                }
                Some(digits.to_ascii_uppercase())
            }
        };
        let reference_styles = match self.reference_docx {
            None => None,
            Some(path) => {
                let resolved = base.join(&path);
                if !resolved.is_file() {
                    return Err(error(
                        "reference_docx",
                        format!("{} does not exist or is not a file", resolved.display()),
                        "give the path of a .docx file, relative to the company file",
                    ));
                }
                Some(crate::render::docx::reference_styles(&resolved)?.into())
            }
        };
        Ok(Branding {
            font,
            heading_color,
            reference_styles,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<Branding> {
        let origin = Origin::File("company.yaml".into());
        let facts: BrandingFacts = crate::yaml::from_str(&origin, text)?;
        facts.validate(&origin, &format!("branding:\n{text}"), Path::new("."))
    }

    #[test]
    fn colours_are_six_hex_digits() {
        assert_eq!(
            check("heading_color: '#0b5394'").unwrap().heading_color.as_deref(),
            Some("0B5394")
        );
        assert_eq!(
            check("heading_color: 'a0a0a0'").unwrap().heading_color.as_deref(),
            Some("A0A0A0")
        );
        for bad in ["'#12345'", "red", "'#1234567'", "'12345G'"] {
            let error = check(&format!("heading_color: {bad}")).unwrap_err().to_string();
            assert!(error.contains("field `branding.heading_color`"), "{error}");
        }
    }

    #[test]
    fn fonts_are_one_line_and_references_must_exist() {
        assert_eq!(check("font: ' Georgia '").unwrap().font.as_deref(), Some("Georgia"));
        assert!(check("font: ''").is_err());
        assert!(check("font: \"a\\nb\"").is_err());
        let error = check("reference_docx: no-such.docx").unwrap_err().to_string();
        assert!(error.contains("no-such.docx does not exist"), "{error}");
        assert!(check("colour: red").is_err(), "unknown fields are errors");
    }
}
