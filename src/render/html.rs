//! The careers page: the rendered Markdown as one standalone, accessible HTML page with the JSON-LD embedded.
//!
//! The page is a faithful translation of the Markdown (pulldown-cmark's HTML
//! writer, which escapes all text), with three rules on top: raw HTML in the
//! Markdown comes out as text, never markup; images come out as their alt text
//! and links only to web, mail and in-page addresses, so the page loads nothing
//! and runs nothing; and there is exactly one h1, the title.

use std::collections::BTreeSet;
use std::path::Path;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::description::Description;
use super::jsonld;
use crate::error::{Error, Result};
use crate::fsio;
use crate::posting::{money, Apply, Posting, Workplace};
use crate::resolve::Job;

/// The stylesheet built into every page unless `--css FILE` replaces it.
pub const DEFAULT_STYLESHEET: &str = include_str!("page.css");

/// The id of the page's h1, which the article is labelled by.
const TITLE_ID: &str = "job-title";

/// The careers page of `job` from its rendered `markdown`, styled by `stylesheet` or the built-in one.
pub fn careers_page(markdown: &str, job: &Job, stylesheet: Option<&str>) -> Result<String> {
    let description = Description::parse(markdown);
    let posting = jsonld::job_posting(job, &description.body_html())?;
    let json_ld = jsonld::to_script_safe_json(&posting);
    Ok(careers_page_of(&description, job, &json_ld, stylesheet, None))
}

/// The careers page of `job` from its parsed description and its `JobPosting` (`json_ld`, as
/// [`jsonld::to_script_safe_json`] writes it), with a link back to the page that lists it
/// (`back`: its address and the link's text) in a site.
pub fn careers_page_of(
    description: &Description,
    job: &Job,
    json_ld: &str,
    stylesheet: Option<&str>,
    back: Option<(&str, &str)>,
) -> String {
    let apply_href = job.posting.apply.as_ref().map(|apply| match apply {
        Apply::Url(url) => url.clone(),
        Apply::Email(email) => format!("mailto:{email}"),
    });
    let parts = PageParts {
        title: &job.title,
        company: job.posting.company.as_ref().map(|c| c.name.as_str()),
        facts: &key_facts(&job.posting),
        apply_href: apply_href.as_deref(),
        json_ld,
        stylesheet: stylesheet.unwrap_or(DEFAULT_STYLESHEET),
        back,
    };
    page(description, &parts)
}

/// What candidates look for first (pay, place, arrangement, contract), for the page's header.
/// The same facts appear in the description's own sections; the header repeats them at a glance.
pub fn key_facts(posting: &Posting) -> Vec<String> {
    let mut facts = Vec::new();
    if let Some(salary) = &posting.salary {
        let range = money::format_range(salary.min, salary.max, salary.currency);
        facts.push(format!("{range} {}", money::period_label(salary.period)));
    }
    if let Some(location) = &posting.location {
        let country = location.country.map(|c| c.name());
        let parts: Vec<&str> = [location.city.as_deref(), location.region.as_deref(), country]
            .into_iter()
            .flatten()
            .collect();
        facts.push(parts.join(", "));
    }
    match (posting.workplace, &posting.remote) {
        (Some(Workplace::Remote), Some(remote)) if !remote.countries.is_empty() => {
            let countries: Vec<&str> = remote.countries.iter().map(|c| c.name()).collect();
            facts.push(format!("Remote ({})", countries.join(", ")));
        }
        (Some(workplace), _) => facts.push(workplace.label().to_owned()),
        (None, _) => {}
    }
    if let Some(kind) = posting.employment_type {
        facts.push(kind.label().to_owned());
    }
    facts
}

/// Reads a stylesheet for `--css`; one that could end its `<style>` element early is refused.
pub fn load_stylesheet(path: &Path) -> Result<String> {
    let css = fsio::read_text(path)?;
    if css.to_ascii_lowercase().contains("</style") {
        return Err(Error::Read {
            path: path.to_owned(),
            reason: "it contains `</style`, which would end the page's <style> element; remove it".into(),
        });
    }
    Ok(css)
}

/// What the page shows besides the description itself.
pub struct PageParts<'p> {
    /// The job's title, used when the Markdown has no h1.
    pub title: &'p str,
    /// The hiring company's name, shown under the title.
    pub company: Option<&'p str>,
    /// Key facts shown under the title.
    pub facts: &'p [String],
    /// Where the header's "Apply" link goes (a web or mailto: address).
    pub apply_href: Option<&'p str>,
    /// The JSON-LD, already safe to place inside `<script>`.
    pub json_ld: &'p str,
    /// The CSS to inline.
    pub stylesheet: &'p str,
    /// A link back to the page that lists this one (a site's careers page): address and text.
    pub back: Option<(&'p str, &'p str)>,
}

/// The whole page: `<head>` with viewport, style and JSON-LD; `<main>` with one
/// article whose header holds the h1 and whose sections follow the h2s.
pub fn page(description: &Description, parts: &PageParts) -> String {
    let title_text = description.title_text(parts.title);
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    let document_title = match parts.company {
        Some(company) => format!("{title_text} – {company}"),
        None => title_text,
    };
    escape_into(&mut out, &document_title);
    out.push_str("</title>\n<style>\n");
    out.push_str(parts.stylesheet.trim_end());
    out.push_str("\n</style>\n<script type=\"application/ld+json\">\n");
    out.push_str(parts.json_ld);
    out.push_str("\n</script>\n</head>\n<body>\n<main>\n");
    if let Some((href, text)) = parts.back {
        out.push_str("<nav class=\"back\" aria-label=\"Open positions\"><a href=\"");
        escape_href(&mut out, href).expect("writing to a String cannot fail");
        out.push_str("\">← ");
        escape_into(&mut out, text);
        out.push_str("</a></nav>\n");
    }
    out.push_str(&format!("<article aria-labelledby=\"{TITLE_ID}\">\n<header>\n"));
    out.push_str(&format!(
        "<h1 id=\"{TITLE_ID}\">{}</h1>\n",
        description.title_html(parts.title)
    ));
    if let Some(company) = parts.company {
        out.push_str("<p class=\"company\">");
        escape_into(&mut out, company);
        out.push_str("</p>\n");
    }
    if !parts.facts.is_empty() {
        out.push_str("<ul class=\"facts\" aria-label=\"Key facts\">\n");
        for fact in parts.facts {
            out.push_str("<li>");
            escape_into(&mut out, fact);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    if let Some(href) = parts.apply_href {
        out.push_str("<p class=\"apply\"><a href=\"");
        escape_href(&mut out, href).expect("writing to a String cannot fail");
        out.push_str("\">Apply now</a></p>\n");
    }
    out.push_str("</header>\n");
    write_sections(&mut out, &description.body);
    out.push_str("</article>\n</main>\n</body>\n</html>\n");
    out
}

/// Writes the body, wrapping each h2 and what follows it in a `<section>` labelled by that heading.
fn write_sections(out: &mut String, body: &[Event]) {
    let mut ids = BTreeSet::from([TITLE_ID.to_owned()]);
    let mut open = false;
    let mut rest = body;
    while !rest.is_empty() {
        // The next h2 after the first event starts the next chunk.
        let next = rest
            .iter()
            .skip(1)
            .position(is_h2_start)
            .map_or(rest.len(), |at| at + 1);
        let (chunk, after) = rest.split_at(next);
        rest = after;
        let mut events = chunk.to_vec();
        if let Some(Event::Start(Tag::Heading { id, .. })) = events.first_mut().filter(|e| is_h2_start(e)) {
            let heading_id = unique_id(&mut ids, &heading_text(chunk));
            if open {
                out.push_str("</section>\n");
            }
            out.push_str(&format!("<section aria-labelledby=\"{heading_id}\">\n"));
            *id = Some(CowStr::from(heading_id));
            open = true;
        }
        html::push_html(out, events.into_iter());
    }
    if open {
        out.push_str("</section>\n");
    }
}

fn is_h2_start(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(Tag::Heading {
            level: HeadingLevel::H2,
            ..
        })
    )
}

/// The text of the heading that opens `events`.
fn heading_text(events: &[Event]) -> String {
    events
        .iter()
        .skip(1)
        .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
        .filter_map(|e| match e {
            Event::Text(text) | Event::Code(text) => Some(text.as_ref()),
            _ => None,
        })
        .collect()
}

/// An id made from heading text ("About Northwind Health" -> "about-northwind-health"), unique in the page.
fn unique_id(taken: &mut BTreeSet<String>, text: &str) -> String {
    let base = match slug::slugify(text) {
        slug if slug.is_empty() => "section".to_owned(),
        slug => slug,
    };
    crate::names::unique_in(taken, base)
}

fn escape_into(out: &mut String, text: &str) {
    escape_html(out, text).expect("writing to a String cannot fail");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::escape::is_safe_link;

    fn body(markdown: &str) -> String {
        Description::parse(markdown).body_html()
    }

    #[test]
    fn raw_html_is_text() {
        let html = body("# T\n\n<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> there\n");
        assert!(!html.contains("<script") && !html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(html.contains("Hi &lt;img src=x onerror=alert(1)&gt; there"), "{html}");
    }

    #[test]
    fn images_become_alt_text_and_unsafe_links_plain_text() {
        let html = body("![a logo](https://cdn.example/logo.png) [click](javascript:alert(1)) [ok](https://a.example)");
        assert!(!html.contains("<img") && html.contains("a logo"), "{html}");
        assert!(!html.contains("javascript") && html.contains("click"), "{html}");
        assert!(html.contains("<a href=\"https://a.example\">ok</a>"), "{html}");
    }

    #[test]
    fn link_safety() {
        for safe in [
            "https://a.example",
            "mailto:a@b.example",
            "/jobs",
            "#apply",
            "jobs?x=a:b",
            "HTTP://A",
        ] {
            assert!(is_safe_link(safe), "{safe}");
        }
        for unsafe_link in ["javascript:alert(1)", " JavaScript:x", "data:text/html,x", "vbscript:x"] {
            assert!(!is_safe_link(unsafe_link), "{unsafe_link}");
        }
    }

    #[test]
    fn one_title_and_labelled_sections() {
        let description = Description::parse("# Title\n\nIntro.\n\n## About us\n\nText.\n\n# Again\n\n## About us\n");
        assert_eq!(description.title_text("fallback"), "Title");
        let page = page(
            &description,
            &PageParts {
                title: "fallback",
                company: Some("A & B"),
                facts: &["€1 <per> year".to_owned()],
                apply_href: Some("https://a.example/?a=1&b=\"x\""),
                json_ld: "{}",
                stylesheet: "",
                back: Some(("../index.html", "All jobs at A & B")),
            },
        );
        assert_eq!(page.matches("<h1").count(), 1, "{page}");
        assert!(page.contains("<title>Title – A &amp; B</title>"), "{page}");
        assert!(page.contains("<section aria-labelledby=\"about-us\">\n<h2 id=\"about-us\">About us</h2>"));
        assert!(page.contains("<h2 id=\"again\">Again</h2>"), "{page}");
        assert!(page.contains("<h2 id=\"about-us-2\">About us</h2>"), "{page}");
        assert_eq!(page.matches("<section").count(), page.matches("</section>").count());
        assert!(page.contains("<li>€1 &lt;per&gt; year</li>"), "{page}");
        assert!(
            page.contains("<main>\n<nav class=\"back\" aria-label=\"Open positions\"><a href=\"../index.html\">← All jobs at A &amp; B</a></nav>"),
            "{page}"
        );
        assert!(
            page.contains("<a href=\"https://a.example/?a=1&amp;b=%22x%22\">Apply now</a>"),
            "{page}"
        );
    }

    #[test]
    fn no_h1_uses_the_fallback_title() {
        let description = Description::parse("Just text.\n");
        assert_eq!(description.title_text("Senior <PM>"), "Senior <PM>");
        assert_eq!(description.title_html("Senior <PM>"), "Senior &lt;PM&gt;");
    }
}
