//! Fuzz target: see `jdgen::fuzzing::job_file`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| jdgen::fuzzing::job_file(data));
