//! Fuzz target: see `jdgen::fuzzing::catalog_folder`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| jdgen::fuzzing::catalog_folder(data));
