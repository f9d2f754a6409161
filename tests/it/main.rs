//! Black-box tests of the `jdgen` binary: one test binary, a module per feature.

mod bad_input;
mod batch;
mod catalog;
mod common;
mod docx;
mod generate;
mod golden;
mod html;
mod lint;
mod lint_corpus;
mod terminal;
