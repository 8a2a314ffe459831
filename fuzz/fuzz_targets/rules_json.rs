//! libFuzzer target: see `roundtable_fuzz::rules_json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = roundtable_fuzz::rules_json(data);
});
