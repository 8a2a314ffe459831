//! Mail settings (`[mail]` in `roundtable.toml`, `ROUNDTABLE_MAIL__SMTP_HOST`, ...). With no
//! `smtp_host`, nothing is mailed: notifications stay in the app and links are shown to copy.

use serde::{Deserialize, Serialize};

use super::{ConfigError, Secret, invalid};

/// How the SMTP connection is secured (`mail.smtp_tls`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain connection, upgraded with STARTTLS (required); port 587 by default.
    #[default]
    Starttls,
    /// TLS from the first byte ("SMTPS"); port 465 by default.
    Tls,
    /// No encryption at all: only for a relay on the same machine or a test sink; port 25.
    None,
}

impl SmtpTls {
    /// The usual port for this mode.
    pub fn default_port(self) -> u16 {
        match self {
            Self::Starttls => 587,
            Self::Tls => 465,
            Self::None => 25,
        }
    }
}

/// Outgoing mail.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MailSettings {
    /// SMTP server name; unset (the default) means no mail is sent.
    pub smtp_host: Option<String>,
    /// SMTP port; default: 587 (starttls), 465 (tls) or 25 (none).
    pub smtp_port: Option<u16>,
    /// `starttls` (default), `tls` or `none`.
    pub smtp_tls: SmtpTls,
    /// User name for SMTP authentication, if the server asks for one.
    pub smtp_user: Option<String>,
    /// Password for SMTP authentication (never logged).
    pub smtp_password: Option<Secret>,
    /// The sender, e.g. `Roundtable <roundtable@school.example>`; required with `smtp_host`.
    pub from: Option<String>,
    /// Hours before voting closes that members who have not voted are reminded.
    pub reminder_hours: u32,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            smtp_host: None,
            smtp_port: None,
            smtp_tls: SmtpTls::default(),
            smtp_user: None,
            smtp_password: None,
            from: None,
            reminder_hours: 24,
        }
    }
}

impl MailSettings {
    /// Whether mail is configured at all.
    pub fn enabled(&self) -> bool {
        self.smtp_host.is_some()
    }

    /// The port to connect to.
    pub fn port(&self) -> u16 {
        self.smtp_port
            .unwrap_or_else(|| self.smtp_tls.default_port())
    }

    /// Checks the mail settings together with the public URL that links in mail need.
    pub(super) fn validate(&self, public_url: Option<&str>) -> Result<(), ConfigError> {
        if self.reminder_hours == 0 || self.reminder_hours > 24 * 14 {
            return Err(invalid(
                "mail.reminder_hours",
                "must be between 1 and 336 (two weeks)",
            ));
        }
        let Some(host) = &self.smtp_host else {
            return Ok(());
        };
        if host.trim().is_empty() {
            return Err(invalid(
                "mail.smtp_host",
                "must not be empty; remove it to turn mail off",
            ));
        }
        let Some(from) = &self.from else {
            return Err(invalid(
                "mail.from",
                "is required when mail.smtp_host is set, e.g. \"Roundtable <roundtable@school.example>\"",
            ));
        };
        if from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(invalid(
                "mail.from",
                "is not an email address, e.g. \"Roundtable <roundtable@school.example>\"",
            ));
        }
        if self.smtp_user.is_some() != self.smtp_password.is_some() {
            return Err(invalid(
                "mail.smtp_user",
                "needs mail.smtp_password (and the other way round)",
            ));
        }
        if public_url.is_none() {
            return Err(invalid(
                "public_url",
                "is required when mail.smtp_host is set, so links in mail reach the site",
            ));
        }
        Ok(())
    }
}
