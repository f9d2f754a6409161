//! Where a field is set in a YAML text: the line and column errors found after the parse point at.

use crate::error::Located;

/// The 1-based line and column of the key at `path` in YAML `text` (or of its
/// deepest enclosing key that is there), found by scanning for each key in
/// turn after the previous one. Good enough to point a person at the line; the
/// parser has already accepted the document.
pub fn locate_key(text: &str, start: usize, path: &[&str]) -> Option<(usize, usize)> {
    let mut from = start.min(text.len());
    let mut found = None;
    for key in path {
        match find_key(text, key, from) {
            Some(offset) => {
                from = offset + key.len() + 1;
                found = Some(offset);
            }
            None => break,
        }
    }
    let offset = found?;
    let line = text[..offset].matches('\n').count() + 1;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    Some((line, text[line_start..offset].chars().count() + 1))
}

/// Where `field` (a dotted path) is set in the YAML `text` of the file `name`, for errors found outside [`validate`].
pub fn locate_in_text(name: &str, text: &str, field: &str) -> Option<Located> {
    let path: Vec<&str> = field.split('.').collect();
    locate_key(text, 0, &path).map(|(line, column)| Located::at(name, text, line, column))
}

/// Byte offset of `key:` at or after `from`, where it starts a key (not inside another word).
fn find_key(text: &str, key: &str, from: usize) -> Option<usize> {
    let needle = format!("{key}:");
    let mut search = from;
    loop {
        let hit = search + text[search..].find(&needle)?;
        let before = text[..hit].chars().next_back();
        if before.is_none_or(|c| c.is_whitespace() || c == '{' || c == ',') {
            return Some(hit);
        }
        search = hit + needle.len();
    }
}
