//! jdgen: job descriptions from seniority profiles and role templates.
//!
//! The flow: [`catalog`] (profiles and templates) + posting facts ([`posting`])
//! → [`resolve`] (one typed job) → [`render`] (Markdown, then other formats).

// Errors carry the source text so a report can quote the offending line; they
// are the cold path, so their size is not worth boxing away.
#![allow(clippy::result_large_err)]

pub mod batch;
pub mod catalog;
pub mod check;
pub mod compare;
pub mod error;
pub mod exit;
pub mod fsio;
#[doc(hidden)]
pub mod fuzzing;
pub mod interrupt;
pub mod lint;
pub mod names;
pub mod posting;
pub mod render;
pub mod resolve;
pub mod site;
pub mod sniff;
pub mod suggest;
pub mod ui;
pub mod yaml;

pub use error::{Error, Result};
