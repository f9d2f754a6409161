//! The comparison as a terminal table: 80 columns, cells wrapped side by side, bold only on a terminal.
//!
//! Each facet opens with its label on a rule of its own, so every column gets the
//! full width between the separators (a label column would leave four levels a
//! dozen characters each). Past four columns the cells no longer fit side by side
//! and each facet lists its columns one under another instead.

use textwrap::core::display_width;
use textwrap::Options;

use super::{Cell, Comparison};

/// The width the table fits in.
pub const WIDTH: usize = 80;
/// Between two columns.
const SEPARATOR: &str = " │ ";
/// Narrower than this, side-by-side cells wrap a word or two a line: stack them instead.
const MIN_COLUMN: usize = 16;
/// What an empty cell shows.
const NOTHING: &str = "—";

/// The comparison as text; `bold` adds ANSI bold to headings (only when writing to a terminal).
pub fn render(comparison: &Comparison, bold: bool) -> String {
    let style = Style { bold };
    let mut out = String::new();
    for line in textwrap::wrap(&comparison.title, WIDTH) {
        out.push_str(&style.strong(&line));
        out.push('\n');
    }
    out.push('\n');
    for line in textwrap::wrap(&comparison.intro, WIDTH) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    // A hand-built comparison may have no columns; never divide by nothing.
    let columns = comparison.columns.len().max(1);
    let column_width = (WIDTH - SEPARATOR.len_chars() * (columns - 1)) / columns;
    match column_width >= MIN_COLUMN {
        true => side_by_side(&mut out, comparison, column_width, style),
        false => stacked(&mut out, comparison, style),
    }
    if !comparison.shared.is_empty() {
        out.push('\n');
        out.push_str(&style.strong("What every level shares"));
        out.push('\n');
        for shared in &comparison.shared {
            out.push_str(&rule(
                shared.facet.label(&comparison.subject),
                WIDTH,
                &[],
                '─',
                '─',
                style,
            ));
            for line in cell_lines(&Cell::Bullets(shared.bullets.clone()), WIDTH) {
                push_line(&mut out, &line);
            }
        }
    }
    out
}

/// Columns next to each other, each facet a band of wrapped lines under its labelled rule.
fn side_by_side(out: &mut String, comparison: &Comparison, width: usize, style: Style) {
    let joints: Vec<usize> = (1..comparison.columns.len())
        .map(|i| i * (width + SEPARATOR.len_chars()) - 2)
        .collect();
    let total = comparison.columns.len() * width + SEPARATOR.len_chars() * comparison.columns.len().saturating_sub(1);
    let titles: Vec<Vec<String>> = comparison
        .columns
        .iter()
        .map(|c| wrap(&c.title, width, "", ""))
        .collect();
    band(out, &titles, width, |line| style.strong(line));
    out.push_str(&rule("", total, &joints, '━', '┿', style));
    for row in &comparison.rows {
        out.push_str(&rule(
            row.facet.label(&comparison.subject),
            total,
            &joints,
            '─',
            '┼',
            style,
        ));
        let cells: Vec<Vec<String>> = row.cells.iter().map(|cell| cell_lines(cell, width)).collect();
        band(out, &cells, width, str::to_owned);
    }
    out.push_str(&rule("", total, &joints, '─', '┴', style));
}

/// Each facet's columns one under another, each under its title.
fn stacked(out: &mut String, comparison: &Comparison, style: Style) {
    for row in &comparison.rows {
        out.push_str(&rule(row.facet.label(&comparison.subject), WIDTH, &[], '─', '─', style));
        for (column, cell) in comparison.columns.iter().zip(&row.cells) {
            out.push_str(&style.strong(&column.title));
            out.push('\n');
            for line in cell_lines(cell, WIDTH - 2) {
                push_line(out, &format!("  {line}"));
            }
        }
    }
}

/// Lines of several cells side by side, each padded to `width` but the last.
fn band(out: &mut String, cells: &[Vec<String>], width: usize, decorate: impl Fn(&str) -> String) {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0);
    for index in 0..height {
        let mut line = String::new();
        for (column, lines) in cells.iter().enumerate() {
            let text = lines.get(index).map_or("", String::as_str);
            if column > 0 {
                line.push_str(SEPARATOR);
            }
            if !text.is_empty() {
                line.push_str(&decorate(text));
            }
            line.push_str(&" ".repeat(width.saturating_sub(display_width(text))));
        }
        push_line(out, &line);
    }
}

/// A horizontal rule with `label` at its start, `joint` where a column separator crosses it.
fn rule(label: &str, width: usize, joints: &[usize], line: char, joint: char, style: Style) -> String {
    let mut chars: Vec<char> = vec![line; width];
    for &at in joints {
        chars[at] = joint;
    }
    let lead = match label.is_empty() {
        true => 0,
        false => display_width(label) + 1,
    };
    let rest: String = chars.into_iter().skip(lead).collect();
    match label.is_empty() {
        true => format!("{rest}\n"),
        false => format!("{} {rest}\n", style.strong(label)),
    }
}

/// A cell's text wrapped to `width`: bullets with a hanging indent.
fn cell_lines(cell: &Cell, width: usize) -> Vec<String> {
    match cell {
        Cell::Text(text) => wrap(text, width, "", ""),
        Cell::Bullets(items) => items.iter().flat_map(|item| wrap(item, width, "• ", "  ")).collect(),
        Cell::Empty => vec![NOTHING.to_owned()],
    }
}

fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let options = Options::new(width).initial_indent(first).subsequent_indent(rest);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line.trim_end());
    out.push('\n');
}

/// Bold or not.
#[derive(Clone, Copy)]
struct Style {
    bold: bool,
}

impl Style {
    fn strong(&self, text: &str) -> String {
        match self.bold {
            true => format!("\x1b[1m{text}\x1b[0m"),
            false => text.to_owned(),
        }
    }
}

/// Characters, not bytes: the separator's bar is three bytes wide.
trait CharLen {
    fn len_chars(&self) -> usize;
}

impl CharLen for str {
    fn len_chars(&self) -> usize {
        self.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_line_fits_80_columns_and_no_colour_without_asking() {
        let catalog = Catalog::load(None).unwrap();
        let all = names(&["product-manager", "project-owner", "product-owner", "scrum-master"]);
        let levels = names(&["senior", "lead", "principal", "head"]);
        for comparison in [
            super::super::roles(&catalog, &all[..2], "senior").unwrap(),
            super::super::roles(&catalog, &all, "head").unwrap(),
            super::super::levels(&catalog, "scrum-master", &levels).unwrap(),
        ] {
            let text = render(&comparison, false);
            for line in text.lines() {
                assert!(display_width(line) <= WIDTH, "{} columns: {line}", display_width(line));
            }
            assert!(!text.contains('\x1b'));
            assert!(render(&comparison, true).contains("\x1b[1m"));
        }
    }

    #[test]
    fn cells_line_up_under_their_columns() {
        let catalog = Catalog::load(None).unwrap();
        let comparison = super::super::roles(&catalog, &names(&["product-manager", "scrum-master"]), "senior").unwrap();
        let text = render(&comparison, false);
        let width = (WIDTH - 3) / 2;
        for line in text.lines().filter(|l| l.contains('│')) {
            let bar = line.chars().position(|c| c == '│').unwrap();
            assert_eq!(bar, width + 1, "{line}");
        }
    }

    #[test]
    fn many_columns_stack() {
        let catalog = Catalog::load(None).unwrap();
        let mut comparison =
            super::super::roles(&catalog, &names(&["product-manager", "scrum-master"]), "senior").unwrap();
        let extra = comparison.columns.clone();
        comparison
            .columns
            .extend(extra.iter().cloned().chain(extra.iter().cloned()));
        for row in &mut comparison.rows {
            let cells = row.cells.clone();
            row.cells.extend(cells.iter().cloned().chain(cells.iter().cloned()));
        }
        let text = render(&comparison, false);
        assert!(!text.contains('│'), "six columns are stacked:\n{text}");
        assert!(text.lines().all(|l| display_width(l) <= WIDTH));
    }
}
