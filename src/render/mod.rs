//! Output formats: every format is a view of the same rendered Markdown.

pub mod context;
pub mod escape;
pub mod html;
pub mod jsonld;
pub mod markdown;

use std::str::FromStr;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::resolve::Job;

/// An output format jdgen can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Markdown,
    /// A standalone careers page with the JSON-LD embedded.
    Html,
    /// The schema.org JobPosting alone (JSON-LD).
    Json,
}

impl Format {
    /// Every format, in the order files are written and listed.
    pub const ALL: &'static [Format] = &[Format::Markdown, Format::Html, Format::Json];

    /// The name used on the command line (`--format md,docx`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }

    /// Whether the output is text that can go to standard output.
    pub fn is_text(self) -> bool {
        matches!(self, Format::Markdown | Format::Html | Format::Json)
    }

    /// Parses a comma-separated list ("md,docx"); duplicates collapse, order is canonical.
    pub fn parse_list(list: &str) -> Result<Vec<Format>> {
        let mut formats = list
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(Format::from_str)
            .collect::<Result<Vec<_>>>()?;
        formats.sort();
        formats.dedup();
        if formats.is_empty() {
            return Err(Error::Usage(format!(
                "--format '{list}' names no format; formats: {}",
                Format::names()
            )));
        }
        Ok(formats)
    }

    fn names() -> String {
        Format::ALL.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(name: &str) -> Result<Format> {
        match name.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" | "htm" => Ok(Format::Html),
            "json" | "jsonld" => Ok(Format::Json),
            other => Err(Error::Usage(format!(
                "unknown format '{other}'; formats: {}",
                Format::names()
            ))),
        }
    }
}

/// One rendered output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub format: Format,
    pub bytes: Vec<u8>,
}

/// Renders one job's description as Markdown.
pub fn render_markdown(catalog: &Catalog, job: &Job) -> Result<String> {
    let context = context::template_context(job);
    catalog.engine().render(&job.template_name(), &context)
}

/// Choices that change how formats look but not what they say.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// CSS that replaces the careers page's built-in stylesheet (`--css FILE`).
    pub stylesheet: Option<String>,
}

/// Renders `job` in each of `formats`, all from the same Markdown.
pub fn render_formats(catalog: &Catalog, job: &Job, formats: &[Format]) -> Result<Vec<Rendered>> {
    render_formats_with(catalog, job, formats, &RenderOptions::default())
}

/// [`render_formats`] with options. A job yields all its formats or an error, never some of them.
pub fn render_formats_with(
    catalog: &Catalog,
    job: &Job,
    formats: &[Format],
    options: &RenderOptions,
) -> Result<Vec<Rendered>> {
    let markdown = render_markdown(catalog, job)?;
    formats
        .iter()
        .map(|&format| {
            let bytes = match format {
                Format::Markdown => markdown.clone().into_bytes(),
                Format::Html => html::careers_page(&markdown, job, options.stylesheet.as_deref())?.into_bytes(),
                Format::Json => jsonld::job_posting_file(&markdown, job)?.into_bytes(),
            };
            Ok(Rendered { format, bytes })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_lists() {
        assert_eq!(Format::parse_list("md, markdown").unwrap(), [Format::Markdown]);
        assert!(Format::parse_list("pdf")
            .unwrap_err()
            .to_string()
            .contains("unknown format 'pdf'"));
        assert!(Format::parse_list(",").is_err());
    }
}
