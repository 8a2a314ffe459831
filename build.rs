//! Rebuild when a message catalogue is added or changed: `fluent-templates` compiles every
//! `.ftl` file of `locales/` into the binary, and Cargo would not notice a new file by itself.

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
