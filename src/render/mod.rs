//! Output formats: every format is a view of the same rendered Markdown.

pub mod context;
pub mod escape;
pub mod markdown;

use crate::catalog::Catalog;
use crate::error::Result;
use crate::resolve::Job;

/// Renders one job's description as Markdown.
pub fn render_markdown(catalog: &Catalog, job: &Job) -> Result<String> {
    let context = context::template_context(job);
    catalog.engine().render(&job.template_name(), &context)
}
