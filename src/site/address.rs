//! `--base-url`: where the site will be published, so the sitemap, the feeds and the JSON-LD
//! can name each page by an absolute address.

use crate::error::{Error, Result};

/// A site's published address: `http(s)`, with a host, ending in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks `--base-url`: a full `http(s)` address with no query, fragment or password.
    pub fn parse(text: &str) -> Result<BaseUrl> {
        let bad = |why: &str| {
            Error::Usage(format!(
                "--base-url '{}': {why}; give the address the folder will be published at, e.g. https://careers.example.com/",
                crate::ui::escape_controls(text)
            ))
        };
        let mut url = url::Url::parse(text.trim()).map_err(|e| bad(&format!("not a web address ({e})")))?;
        if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
            return Err(bad("only http and https addresses with a host can be published"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(bad("a site's address has no query (?…) or fragment (#…)"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(bad("an address with a user name or password would publish it"));
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(BaseUrl(url.into()))
    }

    /// The site's own address (its careers page).
    pub fn root(&self) -> &str {
        &self.0
    }

    /// The absolute address of `path`, a file of the site named by jdgen (safe ASCII, `/`-separated).
    pub fn of(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_and_end_in_a_slash() {
        assert_eq!(
            BaseUrl::parse("https://jobs.example.com").unwrap().root(),
            "https://jobs.example.com/"
        );
        let base = BaseUrl::parse("https://example.com/careers").unwrap();
        assert_eq!(base.of("jobs/pm.html"), "https://example.com/careers/jobs/pm.html");
        for bad in [
            "javascript:alert(1)",
            "ftp://example.com/",
            "example.com",
            "https://example.com/?a=1",
            "https://u:p@example.com/",
            "file:///tmp/site",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
