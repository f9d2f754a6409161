//! The comparison as Markdown: one GitHub-style table a recruiter can paste, catalog text escaped.
//!
//! A Markdown table cell holds one line, so a cell's bullets are joined with `<br>`
//! (the line break GitHub, GitLab, pandoc and Confluence all read in a table cell),
//! each after a "• ". The bullets every level shares follow the table as a list.

use super::{Cell, Comparison};
use crate::render::escape::escape_markdown;

/// The comparison as a Markdown document.
pub fn render(comparison: &Comparison) -> String {
    let mut out = format!(
        "# {}\n\n{}\n\n",
        escape_markdown(&comparison.title),
        escape_markdown(&comparison.intro)
    );
    out.push('|');
    out.push_str(" |");
    for column in &comparison.columns {
        out.push_str(&format!(" {} |", escape_markdown(&column.title)));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(comparison.columns.len()));
    out.push('\n');
    for row in &comparison.rows {
        out.push_str(&format!("| **{}** |", row.facet.label(&comparison.subject)));
        for cell in &row.cells {
            out.push_str(&format!(" {} |", cell_text(cell)));
        }
        out.push('\n');
    }
    if !comparison.shared.is_empty() {
        out.push_str("\n## What every level shares\n");
        for shared in &comparison.shared {
            out.push_str(&format!("\n### {}\n\n", shared.facet.label(&comparison.subject)));
            for bullet in &shared.bullets {
                out.push_str(&format!("- {}\n", escape_markdown(bullet)));
            }
        }
    }
    out
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => escape_markdown(text),
        Cell::Bullets(items) => items
            .iter()
            .map(|item| format!("• {}", escape_markdown(item)))
            .collect::<Vec<_>>()
            .join("<br>"),
        Cell::Empty => "—".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Column, Facet, Named, Row, Subject};
    use super::*;

    #[test]
    fn cells_are_escaped_and_stay_on_one_line() {
        let comparison = Comparison {
            subject: Subject::Roles {
                level: Named {
                    id: "senior".into(),
                    name: "Senior".into(),
                },
            },
            title: "A | B?".into(),
            intro: "Intro.".into(),
            columns: vec![Column {
                role: "a".into(),
                variant: None,
                level: "senior".into(),
                title: "AT&T <Labs> *Beta*".into(),
            }],
            rows: vec![Row {
                facet: Facet::Responsibilities,
                cells: vec![Cell::Bullets(vec!["x | y".into(), "- z".into()])],
            }],
            shared: Vec::new(),
        };
        let markdown = render(&comparison);
        assert!(markdown.contains("| AT&T \\<Labs\\> \\*Beta\\* |"), "{markdown}");
        assert!(
            markdown.contains("| **Core responsibilities** | • x \\| y<br>• \\- z |"),
            "{markdown}"
        );
        assert!(markdown.starts_with("# A \\| B?\n"));
    }
}
