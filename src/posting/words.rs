//! How a recruiter's word is compared with the words a field accepts.

/// `text` as compared with a list of words: lowercase letters and digits only, so "Full time",
/// "full_time", "FULL-TIME" and "fulltime" are one word.
pub(crate) fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
