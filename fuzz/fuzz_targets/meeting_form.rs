//! libFuzzer target: see `roundtable_fuzz::meeting_form`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = roundtable_fuzz::meeting_form(data);
});
