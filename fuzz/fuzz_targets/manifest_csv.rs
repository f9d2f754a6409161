//! Fuzz target: a CSV batch manifest, see `jdgen::fuzzing::manifest`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| jdgen::fuzzing::manifest("fuzz.csv", data));
