//! Authentication: password hashing (Argon2id, off the async threads).

pub mod cookie_key;
pub mod password;
