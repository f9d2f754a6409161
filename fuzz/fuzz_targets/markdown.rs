//! Fuzz target: see `jdgen::fuzzing::markdown`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| jdgen::fuzzing::markdown(data));
