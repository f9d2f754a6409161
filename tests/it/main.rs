//! Black-box tests of the `jdgen` binary: one test binary, a module per feature.

mod bad_input;
mod common;
mod docx;
mod generate;
mod golden;
