//! Fuzz target: see `jdgen::fuzzing::templates`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| jdgen::fuzzing::templates(data));
