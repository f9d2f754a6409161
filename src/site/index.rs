//! `index.html`, the careers page, and one page per filter value under `filters/`.
//!
//! Filters work without JavaScript: the careers page links to a generated page per role,
//! level, place and work arrangement, each listing only its postings. When scripts run, a
//! small inline script shows four labelled menus instead, which combine, and hides the cards
//! that do not match. Every page has one `h1`, the posting pages' look (dark mode and print
//! rules included), and nothing that loads from elsewhere.

use std::fmt::Write;

use pulldown_cmark_escape::{escape_href, escape_html};

use super::card::{Card, Dimension, FacetValue, Facets};
use crate::render::html::DEFAULT_STYLESHEET;

/// The careers page's file name.
pub const FILE: &str = "index.html";

/// The careers page's own style, after the posting pages' stylesheet.
const SITE_STYLESHEET: &str = include_str!("site.css");

/// The filter script, inlined into the careers page.
const FILTER_SCRIPT: &str = include_str!("filter.js");

/// What every page of the site says about the site.
pub struct SiteInfo<'a> {
    /// The hiring company, when the site has one.
    pub company: Option<&'a str>,
    /// The company's about text (paragraphs separated by blank lines).
    pub about: Option<&'a str>,
    /// Whether `feed.xml` is written (the page then names it for feed readers).
    pub has_feed: bool,
}

impl SiteInfo<'_> {
    fn heading(&self) -> String {
        match self.company {
            Some(company) => format!("Careers at {company}"),
            None => "Open positions".to_owned(),
        }
    }
}

/// A filter page's name in the site: `filters/role-product-manager.html`.
pub fn filter_page(dimension: Dimension, value: &FacetValue) -> String {
    format!("filters/{}-{}.html", dimension.id(), value.slug)
}

/// The careers page: every card, grouped by role, with the filters.
pub fn careers_page(site: &SiteInfo, cards: &[Card], facets: &Facets) -> String {
    let all: Vec<usize> = (0..cards.len()).collect();
    let mut out = head(site, &site.heading(), false, cards.len());
    out.push_str("<header>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escaped(&site.heading()));
    if let Some(about) = site.about {
        out.push_str("<div class=\"about\">\n");
        for paragraph in about.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            let _ = writeln!(out, "<p>{}</p>", escaped(paragraph));
        }
        out.push_str("</div>\n");
    }
    let _ = writeln!(out, "<p class=\"count\">{}</p>", positions(cards.len()));
    out.push_str("</header>\n");
    if !cards.is_empty() {
        filters(&mut out, facets, None, true);
    }
    groups(&mut out, cards, facets, &all);
    out.push_str("<script>\n");
    out.push_str(FILTER_SCRIPT.trim_end());
    out.push_str("\n</script>\n");
    foot(&mut out);
    out
}

/// The page of one filter value: the cards that have it, and the links to every other value.
pub fn filter_page_html(
    site: &SiteInfo,
    cards: &[Card],
    facets: &Facets,
    dimension: Dimension,
    value: &FacetValue,
) -> String {
    let members: Vec<usize> = (0..cards.len())
        .filter(|&index| facets.slug(index, dimension) == Some(value.slug.as_str()))
        .collect();
    let heading = format!("{}: {}", dimension.label(), value.label);
    let title = format!("{heading} – {}", site.heading());
    let mut out = head(site, &title, true, members.len());
    out.push_str(
        "<nav class=\"back\" aria-label=\"Open positions\"><a href=\"index.html\">← All open positions</a></nav>\n",
    );
    out.push_str("<header>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escaped(&heading));
    if let Some(company) = site.company {
        let _ = writeln!(out, "<p class=\"company\">{}</p>", escaped(company));
    }
    let _ = writeln!(
        out,
        "<p class=\"count\">{} of {}</p>",
        positions(members.len()),
        cards.len()
    );
    out.push_str("</header>\n");
    filters(&mut out, facets, Some((dimension, &value.slug)), false);
    groups(&mut out, cards, facets, &members);
    foot(&mut out);
    out
}

fn positions(count: usize) -> String {
    match count {
        1 => "1 open position".to_owned(),
        n => format!("{n} open positions"),
    }
}

/// The page's head and the start of its body. A page in `filters/` resolves its links from the
/// site's top (`<base href="../">`), so every page shares one card's HTML, made once per job.
fn head(site: &SiteInfo, title: &str, in_filters: bool, count: usize) -> String {
    let mut out = String::with_capacity(16 * 1024 + count * 700);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    if in_filters {
        out.push_str("<base href=\"../\">\n");
    }
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", escaped(title));
    let description = match site.company {
        Some(company) => format!("{} at {company}", positions(count)),
        None => positions(count),
    };
    let _ = writeln!(out, "<meta name=\"description\" content=\"{}\">", escaped(&description));
    if site.has_feed {
        let _ = writeln!(
            out,
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"feed.xml\">",
            escaped(&format!("{} (Atom feed)", site.heading()))
        );
    }
    out.push_str("<style>\n");
    out.push_str(DEFAULT_STYLESHEET.trim_end());
    out.push('\n');
    out.push_str(SITE_STYLESHEET.trim_end());
    out.push_str("\n</style>\n</head>\n<body>\n<main class=\"site\">\n");
    out
}

fn foot(out: &mut String) {
    out.push_str("</main>\n</body>\n</html>\n");
}

/// The filters: links to every value's page (with `current` marked), and on the careers page
/// the menus the script shows (`with_form`), hidden until it runs.
fn filters(out: &mut String, facets: &Facets, current: Option<(Dimension, &str)>, with_form: bool) {
    out.push_str(
        "<nav class=\"filters\" aria-labelledby=\"filter-heading\">\n<h2 id=\"filter-heading\">Filter positions</h2>\n",
    );
    if with_form {
        out.push_str("<form id=\"filter\" class=\"filter\" hidden>\n");
        for dimension in Dimension::ALL {
            let values = &facets.values[&dimension];
            if values.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "<label>{}<select name=\"{}\">\n<option value=\"\">All</option>",
                dimension.label(),
                dimension.id()
            );
            for value in values {
                let _ = writeln!(
                    out,
                    "<option value=\"{}\">{} ({})</option>",
                    escaped(&value.slug),
                    escaped(&value.label),
                    value.count
                );
            }
            out.push_str("</select></label>\n");
        }
        out.push_str("<button type=\"reset\">Show all positions</button>\n");
        out.push_str("<p id=\"shown\" class=\"shown\" role=\"status\" aria-live=\"polite\"></p>\n</form>\n");
    }
    out.push_str("<div id=\"filter-links\" class=\"filter-links\">\n<dl>\n");
    for dimension in Dimension::ALL {
        let values = &facets.values[&dimension];
        if values.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<dt>{}</dt>\n<dd><ul>", dimension.label());
        for value in values {
            let here = current == Some((dimension, value.slug.as_str()));
            let _ = writeln!(
                out,
                "<li><a href=\"{}\"{}>{} ({})</a></li>",
                href(&filter_page(dimension, value)),
                if here { " aria-current=\"page\"" } else { "" },
                escaped(&value.label),
                value.count
            );
        }
        out.push_str("</ul></dd>\n");
    }
    out.push_str("</dl>\n</div>\n</nav>\n");
}

/// The cards of `members`, one section per role (in the order of the role filter), each
/// sorted by level, then title, then id.
fn groups(out: &mut String, cards: &[Card], facets: &Facets, members: &[usize]) {
    if members.is_empty() {
        out.push_str("<p class=\"none\">No open positions right now.</p>\n");
        return;
    }
    for role in &facets.values[&Dimension::Role] {
        let mut in_group: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&index| facets.slug(index, Dimension::Role) == Some(role.slug.as_str()))
            .collect();
        if in_group.is_empty() {
            continue;
        }
        in_group.sort_by(|&a, &b| {
            let (a, b) = (&cards[a], &cards[b]);
            (&a.level.order, &a.title, &a.id).cmp(&(&b.level.order, &b.title, &b.id))
        });
        let id = format!("group-{}", role.slug);
        let _ = writeln!(
            out,
            "<section class=\"group\" aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{}</h2>\n<ul class=\"cards\">",
            escaped(&role.label)
        );
        for index in in_group {
            card(out, &cards[index], index, facets);
        }
        out.push_str("</ul>\n</section>\n");
    }
}

/// A card in a list: its filter values, which depend on every card (a place's slug is made
/// unique across the site), around the HTML made when its job was written.
fn card(out: &mut String, card: &Card, index: usize, facets: &Facets) {
    out.push_str("<li class=\"card\"");
    for dimension in Dimension::ALL {
        if let Some(slug) = facets.slug(index, dimension) {
            let _ = write!(out, " data-{}=\"{}\"", dimension.id(), escaped(slug));
        }
    }
    out.push_str(">\n");
    out.push_str(&card.html);
    out.push_str("</li>\n");
}

/// The inside of a posting's card, with links from the site's top: made once per job, in
/// parallel with the others, and copied into every page that lists it.
pub fn card_html(card: &Card) -> String {
    let mut out = String::with_capacity(512);
    let _ = writeln!(
        out,
        "<h3><a href=\"{}\">{}</a></h3>",
        href(&format!("jobs/{}.html", card.id)),
        escaped(&card.title)
    );
    let _ = writeln!(out, "<p class=\"level\">{}</p>", escaped(&card.level.label));
    if let Some(team) = &card.team {
        let _ = writeln!(out, "<p class=\"team\">{}</p>", escaped(team));
    }
    if !card.facts.is_empty() {
        out.push_str("<ul class=\"facts\" aria-label=\"Key facts\">\n");
        for fact in &card.facts {
            let _ = writeln!(out, "<li>{}</li>", escaped(fact));
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(
        out,
        "<p class=\"posted\">Posted <time datetime=\"{}\">{}</time></p>",
        card.posted.format("%Y-%m-%d"),
        card.posted.format("%-d %b %Y")
    );
    out
}

fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

fn href(target: &str) -> String {
    let mut out = String::with_capacity(target.len());
    escape_href(&mut out, target).expect("writing to a String cannot fail");
    out
}
