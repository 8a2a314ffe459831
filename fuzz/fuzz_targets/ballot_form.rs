//! libFuzzer target: see `roundtable_fuzz::ballot_form`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = roundtable_fuzz::ballot_form(data);
});
