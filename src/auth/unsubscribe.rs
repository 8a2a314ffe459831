//! Unsubscribe links: `{user}.{kind}.{mac}`, where the mac is an HMAC-SHA256 (cut to 128 bits)
//! of the user and kind under a key derived from the cookie key. Anyone holding the link can
//! stop that one kind of mail for that one person, and nothing else: no sign-in is needed, and
//! a forged or altered link is refused.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::auth::tokens::{hex, same_secret};
use crate::domain::ids::UserId;
use crate::domain::notice::Kind;

type HmacSha256 = Hmac<Sha256>;

fn mac(key: &[u8], message: &[u8]) -> [u8; 32] {
    // HMAC takes keys of any length; `new_from_slice` cannot fail for it.
    match HmacSha256::new_from_slice(key) {
        Ok(mut m) => {
            m.update(message);
            m.finalize().into_bytes().into()
        }
        Err(_) => [0_u8; 32],
    }
}

/// The key unsubscribe links are signed with.
#[derive(Clone)]
pub struct UnsubscribeKey([u8; 32]);

impl UnsubscribeKey {
    /// Derives the key from the cookie key's master bytes (a separate purpose, a separate key).
    pub fn derive(master: &[u8]) -> Self {
        Self(mac(master, b"roundtable unsubscribe links v1"))
    }

    fn mac(&self, user_id: UserId, kind: Kind) -> String {
        let full = mac(
            &self.0,
            format!("{}.{}", user_id.0, kind.as_str()).as_bytes(),
        );
        hex(full.get(..16).unwrap_or(&full))
    }

    /// The link token for one person and kind.
    pub fn sign(&self, user_id: UserId, kind: Kind) -> String {
        format!(
            "{}.{}.{}",
            user_id.0,
            kind.as_str(),
            self.mac(user_id, kind)
        )
    }

    /// The person and kind a token names, if it is genuine.
    pub fn verify(&self, token: &str) -> Option<(UserId, Kind)> {
        let mut parts = token.splitn(3, '.');
        let user = parts.next()?.parse::<i64>().ok()?;
        let kind = Kind::parse(parts.next()?)?;
        let mac = parts.next()?;
        let user_id = UserId(user);
        same_secret(mac, &self.mac(user_id, kind)).then_some((user_id, kind))
    }
}

impl std::fmt::Debug for UnsubscribeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UnsubscribeKey(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_link_reads_back_and_an_altered_one_does_not() {
        let key = UnsubscribeKey::derive(&[7; 64]);
        let token = key.sign(UserId(42), Kind::VotingReminder);
        assert_eq!(key.verify(&token), Some((UserId(42), Kind::VotingReminder)));
        let other_person = token.replacen("42.", "43.", 1);
        assert_eq!(key.verify(&other_person), None);
        let other_kind = token.replace("voting_reminder", "voting_open");
        assert_eq!(key.verify(&other_kind), None);
        assert_eq!(key.verify("42.voting_reminder"), None);
        assert_eq!(key.verify(""), None);
        let other_key = UnsubscribeKey::derive(&[8; 64]);
        assert_eq!(other_key.verify(&token), None);
    }
}
