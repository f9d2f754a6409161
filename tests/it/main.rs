//! Black-box tests of the `jdgen` binary: one test binary, a module per feature.

mod architecture;
mod bad_input;
mod batch;
mod catalog;
mod common;
mod compare;
mod content;
mod docx;
mod exit_codes;
mod fuzz_regressions;
mod generate;
mod golden;
mod html;
mod limits;
mod lint;
mod lint_corpus;
mod output_folder;
mod readme;
mod recruiter_input;
mod site;
mod terminal;
