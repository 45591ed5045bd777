//! Arbitrary UTF-8 through the whole pipeline to events and measures: every
//! span is well formed, every `same_as` points back to a first mention, and
//! tagging twice gives the same result.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| annals_fuzz::tag_events(data));
