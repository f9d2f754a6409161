//! `sitemap.xml` (the sitemaps.org 0.9 protocol) and `robots.txt` naming it: Google's
//! documented way to have JobPosting pages crawled soon after they change.

use super::address::BaseUrl;
use super::card::Card;
use super::xml::text;

/// The sitemap's file name.
pub const FILE: &str = "sitemap.xml";

/// The most addresses one sitemap may hold (sitemaps.org).
pub const MAX_URLS: usize = 50_000;

/// robots.txt's file name.
pub const ROBOTS: &str = "robots.txt";

/// The sitemap: the careers page, its filter pages, then every posting's page with its
/// `date_posted` as `lastmod`. The careers page changes whenever a posting does, so its
/// `lastmod` is the latest `date_posted`.
pub fn sitemap(cards: &[Card], filter_pages: &[String], base: &BaseUrl) -> String {
    let latest = cards.iter().map(|c| c.posted).max();
    let mut out = String::with_capacity(256 + cards.len() * 120);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |loc: &str, lastmod: Option<chrono::NaiveDate>| {
        out.push_str(&format!("  <url>\n    <loc>{}</loc>\n", text(loc)));
        if let Some(date) = lastmod {
            out.push_str(&format!("    <lastmod>{}</lastmod>\n", date.format("%Y-%m-%d")));
        }
        out.push_str("  </url>\n");
    };
    url(base.root(), latest);
    for page in filter_pages {
        url(&base.of(page), latest);
    }
    for card in cards {
        url(&base.of(&format!("jobs/{}.html", card.id)), Some(card.posted));
    }
    out.push_str("</urlset>\n");
    out
}

/// robots.txt: every crawler may read everything, and the sitemap is here.
pub fn robots(base: &BaseUrl) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", base.of(FILE))
}
