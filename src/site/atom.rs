//! `feed.xml`: an Atom feed (RFC 4287) of the open postings, newest first, for people who
//! follow the careers page in a feed reader.
//!
//! Every date is a posting's `date_posted` (the feed's own `updated` is the latest of them),
//! never the clock, so the same postings give the same feed.

use super::address::BaseUrl;
use super::card::Card;
use super::xml::text;

/// The file's name in the site.
pub const FILE: &str = "feed.xml";

/// The feed of `cards` for the site at `base`, titled after `company` when the site has one;
/// `build_date` dates a feed with no posting.
pub fn feed(cards: &[Card], base: &BaseUrl, company: Option<&str>, build_date: chrono::NaiveDate) -> String {
    let mut order: Vec<&Card> = cards.iter().collect();
    // Newest first; postings of one day in manifest order (a stable sort keeps it).
    order.sort_by_key(|card| std::cmp::Reverse(card.posted));
    let updated = order.first().map_or(build_date, |card| card.posted);
    let title = match company {
        Some(company) => format!("Open positions at {company}"),
        None => "Open positions".to_owned(),
    };
    let mut out = String::with_capacity(512 + cards.len() * 600);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n",
    );
    out.push_str(&format!("  <title>{}</title>\n", text(&title)));
    out.push_str(&format!("  <id>{}</id>\n", text(base.root())));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        text(base.root())
    ));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        text(&base.of(FILE))
    ));
    out.push_str(&format!("  <updated>{}</updated>\n", timestamp(updated)));
    // RFC 4287 requires an author for the feed unless every entry has one; each entry names
    // its company, and the feed the site's company (or the site) for readers that look there.
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        text(company.unwrap_or(&title))
    ));
    out.push_str("  <generator>jdgen</generator>\n");
    for card in order {
        let url = base.of(&format!("jobs/{}.html", card.id));
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <id>{}</id>\n", text(&url)));
        out.push_str(&format!("    <title>{}</title>\n", text(&card.title)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            text(&url)
        ));
        out.push_str(&format!("    <published>{}</published>\n", timestamp(card.posted)));
        out.push_str(&format!("    <updated>{}</updated>\n", timestamp(card.posted)));
        if let Some(company) = &card.company {
            out.push_str(&format!("    <author><name>{}</name></author>\n", text(company)));
        }
        out.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            text(&card.role.key),
            text(&card.role.label)
        ));
        let mut summary = vec![card.level.label.clone()];
        summary.extend(card.facts.iter().cloned());
        out.push_str(&format!("    <summary>{}</summary>\n", text(&summary.join(" · "))));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// A day as an RFC 3339 timestamp, at midnight UTC.
fn timestamp(date: chrono::NaiveDate) -> String {
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}
