//! Output formats: every format is a view of the same rendered Markdown.

pub mod context;
pub mod description;
pub mod docx;
pub mod escape;
pub mod html;
pub mod jsonld;
pub mod limits;
pub mod markdown;
pub mod structure;

use std::str::FromStr;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::resolve::Job;
use docx::{DocxOptions, PageSize};

/// An output format jdgen can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Markdown,
    /// A standalone careers page with the JSON-LD embedded.
    Html,
    /// The schema.org JobPosting alone (JSON-LD).
    Json,
    /// A Word document.
    Docx,
}

impl Format {
    /// Every format, in the order files are written and listed.
    pub const ALL: &'static [Format] = &[Format::Markdown, Format::Docx, Format::Html, Format::Json];

    /// The name used on the command line (`--format md,docx`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Docx => "docx",
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Docx => "docx",
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
            "docx" => Ok(Format::Docx),
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
    let context = context::template_context(catalog, job);
    catalog.engine().render(&job.template_name(catalog), &context)
}

/// Output settings that are not facts of the posting (command-line flags).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// CSS that replaces the careers page's built-in stylesheet (`--css FILE`).
    pub stylesheet: Option<String>,
    /// The DOCX paper size; None follows the posting's country.
    pub page: Option<PageSize>,
}

/// The Markdown among `outputs`, or the job's Markdown rendered anew when it was not asked for.
pub fn markdown_of(catalog: &Catalog, job: &Job, outputs: &[Rendered]) -> Result<String> {
    match outputs.iter().find(|o| o.format == Format::Markdown) {
        Some(output) => Ok(String::from_utf8_lossy(&output.bytes).into_owned()),
        None => render_markdown(catalog, job),
    }
}

/// Renders `job` in each of `formats`, all from the same Markdown, with default output settings.
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
                Format::Docx => docx::markdown_to_docx(&markdown, &docx_options(job, options)?)?,
            };
            Ok(Rendered { format, bytes })
        })
        .collect()
}

/// The DOCX settings for `job`: properties from its facts, the look from the company's branding.
pub fn docx_options(job: &Job, options: &RenderOptions) -> Result<DocxOptions> {
    let posting = &job.posting;
    let defaults = DocxOptions::default();
    Ok(DocxOptions {
        title: job.title.clone(),
        subject: format!("{}, {}", job.role.meta.title, job.level.profile.name),
        creator: posting.company.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
        date: match posting.date_posted {
            Some(date) => format!("{}T00:00:00Z", date.0.format("%Y-%m-%d")),
            None => defaults.date,
        },
        page: options.page.unwrap_or_else(|| default_page(job)),
        font: job.branding.font.clone().unwrap_or(defaults.font),
        heading_color: job.branding.heading_color.clone().unwrap_or(defaults.heading_color),
        reference_styles: job.branding.reference_styles.clone(),
    })
}

/// Letter where it is the norm (the United States and Canada), A4 everywhere else.
fn default_page(job: &Job) -> PageSize {
    let country = job.posting.location.as_ref().and_then(|l| l.country.as_ref());
    match country.map(|c| c.code()) {
        Some("US" | "CA") => PageSize::Letter,
        _ => PageSize::A4,
    }
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
