//! The comparison as a standalone HTML page with the careers page's look: its stylesheet and conventions, plus a table.
//!
//! As on a careers page (`render/html.rs`): `<html lang="en">`, a viewport, the
//! stylesheet inlined, nothing loaded and no script, one h1 in the article's header,
//! each h2 opening a `<section>` labelled by it, and every catalog text escaped.
//! The table has column and row headers (`scope`) so a screen reader announces
//! "Senior Product Manager, Owns" for a cell, and scrolls sideways on a phone.

use pulldown_cmark_escape::escape_html;

use super::{Cell, Comparison};
use crate::render::html::DEFAULT_STYLESHEET;

/// What a comparison adds to the careers page's stylesheet: a wide page and the table.
pub const TABLE_STYLESHEET: &str = include_str!("compare.css");

const TITLE_ID: &str = "compare-title";
const SHARED_ID: &str = "what-every-level-shares";

/// The comparison as an HTML page.
pub fn render(comparison: &Comparison) -> String {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    escape_into(&mut out, &comparison.title);
    out.push_str("</title>\n<style>\n");
    out.push_str(DEFAULT_STYLESHEET.trim_end());
    out.push('\n');
    out.push_str(TABLE_STYLESHEET.trim_end());
    out.push_str("\n</style>\n</head>\n<body>\n<main class=\"compare\">\n");
    out.push_str(&format!(
        "<article aria-labelledby=\"{TITLE_ID}\">\n<header>\n<h1 id=\"{TITLE_ID}\">"
    ));
    escape_into(&mut out, &comparison.title);
    out.push_str("</h1>\n<p class=\"intro\">");
    escape_into(&mut out, &comparison.intro);
    out.push_str("</p>\n</header>\n");
    table(&mut out, comparison);
    if !comparison.shared.is_empty() {
        out.push_str(&format!(
            "<section aria-labelledby=\"{SHARED_ID}\">\n<h2 id=\"{SHARED_ID}\">What every level shares</h2>\n"
        ));
        for shared in &comparison.shared {
            out.push_str("<h3>");
            escape_into(&mut out, shared.facet.label(&comparison.subject));
            out.push_str("</h3>\n");
            list(&mut out, &shared.bullets);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</article>\n</main>\n</body>\n</html>\n");
    out
}

fn table(out: &mut String, comparison: &Comparison) {
    // A focusable, labelled region: keyboard users can scroll a table wider than the screen.
    out.push_str(&format!(
        "<div class=\"table-scroll\" role=\"region\" aria-labelledby=\"{TITLE_ID}\" tabindex=\"0\">\n<table>\n"
    ));
    out.push_str(&format!(
        "<colgroup><col class=\"facet\">{}</colgroup>\n",
        "<col>".repeat(comparison.columns.len())
    ));
    out.push_str("<thead>\n<tr>\n<td></td>\n");
    for column in &comparison.columns {
        out.push_str("<th scope=\"col\">");
        escape_into(out, &column.title);
        out.push_str("</th>\n");
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &comparison.rows {
        out.push_str(&format!(
            "<tr class=\"{}\">\n<th scope=\"row\">",
            row.facet.key().replace('_', "-")
        ));
        escape_into(out, row.facet.label(&comparison.subject));
        out.push_str("</th>\n");
        for cell in &row.cells {
            match cell {
                Cell::Text(text) => {
                    out.push_str("<td>");
                    escape_into(out, text);
                    out.push_str("</td>\n");
                }
                Cell::Bullets(items) => {
                    out.push_str("<td>\n");
                    list(out, items);
                    out.push_str("</td>\n");
                }
                Cell::Empty => out.push_str("<td class=\"empty\"><span aria-label=\"not given\">—</span></td>\n"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn list(out: &mut String, items: &[String]) {
    out.push_str("<ul>\n");
    for item in items {
        out.push_str("<li>");
        escape_into(out, item);
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

fn escape_into(out: &mut String, text: &str) {
    escape_html(out, text).expect("writing to a String cannot fail");
}
