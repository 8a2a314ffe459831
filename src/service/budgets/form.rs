//! Creating and editing a round (leaders). Once the first ballot exists the ballot type, its
//! maximum, the rule, the privacy and the amount are frozen and voting may only be extended;
//! once voting has closed nothing changes. Every change is audited. This file holds the form
//! and its parsing; saving it is `save.rs`, re-exported here.

use crate::domain::ids::RoundId;
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::access::{Action, Principal};
use crate::domain::budget::{
    BallotType, BudgetRule, RoundPurpose, RoundTitle, RoundWindows, money_input, parse_currency,
    parse_money,
};
use crate::domain::meeting::{Privacy, input_value, parse_local};
use crate::domain::zone::Zone;
use crate::i18n::Msg;
use crate::service::{FieldErrors, Result, ServiceError};
use crate::store::entities::budget_rounds;

pub use super::save::{create, update};
use super::{RoundAccess, authorize, privacy};

/// A round as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RoundForm {
    #[serde(default)]
    pub title: String,
    /// What the money is for.
    #[serde(default)]
    pub purpose: String,
    /// Amount ("25000" or "25000.50").
    #[serde(default)]
    pub amount: String,
    /// Currency shown with amounts.
    #[serde(default)]
    pub currency: String,
    /// Ideas phase starts (UTC).
    #[serde(default)]
    pub ideas_open: String,
    /// Review starts.
    #[serde(default)]
    pub review_at: String,
    #[serde(default)]
    pub voting_open: String,
    #[serde(default)]
    pub voting_close: String,
    /// `approval`, `approval_max`, `knapsack`, `ranked`.
    #[serde(default)]
    pub ballot_type: String,
    /// Most ideas per ballot (approval with a maximum; optional for ranked).
    #[serde(default)]
    pub ballot_max: String,
    /// `mes`, `greedy`, `phragmen`.
    #[serde(default)]
    pub rule: String,
    /// `open` or `secret`.
    #[serde(default)]
    pub privacy: String,
}

/// A parsed round.
#[derive(Debug, Clone)]
pub struct RoundCommand {
    pub title: RoundTitle,
    pub purpose: RoundPurpose,
    /// Amount in minor units.
    pub amount: i64,
    pub currency: String,
    /// Phases.
    pub windows: RoundWindows,
    pub ballot_type: BallotType,
    /// Ballot maximum.
    pub ballot_max: Option<i32>,
    pub rule: BudgetRule,
    pub privacy: Privacy,
}

impl RoundForm {
    /// A blank form for a new round starting at `now`: ideas for a week, review for two
    /// days, voting for a week; equal shares, secret, approval ballots.
    pub fn new_at(now: OffsetDateTime, zone: Zone) -> Self {
        let at = |days: i64| input_value(now + Duration::days(days), zone);
        Self {
            currency: "EUR".to_owned(),
            ideas_open: input_value(now, zone),
            review_at: at(7),
            voting_open: at(9),
            voting_close: at(16),
            ballot_type: BallotType::Approval.as_str().to_owned(),
            rule: BudgetRule::Mes.as_str().to_owned(),
            privacy: Privacy::Secret.as_str().to_owned(),
            ..Self::default()
        }
    }

    /// The form showing a stored round.
    pub fn of(round: &budget_rounds::Model, zone: Zone) -> Self {
        Self {
            title: round.title.clone(),
            purpose: round.purpose.clone(),
            amount: money_input(round.amount),
            currency: round.currency.clone(),
            ideas_open: input_value(round.ideas_open_at, zone),
            review_at: input_value(round.review_at, zone),
            voting_open: input_value(round.voting_open_at, zone),
            voting_close: input_value(round.voting_close_at, zone),
            ballot_type: BallotType::from(round.ballot_type).as_str().to_owned(),
            ballot_max: round.ballot_max.map(|m| m.to_string()).unwrap_or_default(),
            rule: BudgetRule::from(round.rule).as_str().to_owned(),
            privacy: privacy(round).as_str().to_owned(),
        }
    }

    /// Parses every field, collecting every problem; times are wall-clock times in `zone`.
    pub fn parse(&self, zone: Zone) -> Result<RoundCommand> {
        let mut e = FieldErrors::new();
        let title = RoundTitle::parse(&self.title)
            .map_err(|m| e.add("title", m))
            .ok();
        let purpose = RoundPurpose::parse(&self.purpose)
            .map_err(|m| e.add("purpose", m))
            .ok();
        let amount = parse_money(&self.amount)
            .map_err(|m| e.add("amount", m))
            .ok();
        let currency = parse_currency(&self.currency)
            .map_err(|m| e.add("currency", m))
            .ok();
        let mut time =
            |field: &str, raw: &str| parse_local(raw, zone).map_err(|m| e.add(field, m)).ok();
        let ideas_open = time("ideas_open", &self.ideas_open);
        let review = time("review_at", &self.review_at);
        let voting_open = time("voting_open", &self.voting_open);
        let voting_close = time("voting_close", &self.voting_close);
        let ballot_type = BallotType::parse(&self.ballot_type);
        if ballot_type.is_none() {
            e.add("ballot_type", Msg::new("sm-choose-ballot-type"));
        }
        let rule = BudgetRule::parse(&self.rule);
        if rule.is_none() {
            e.add("rule", Msg::new("sm-choose-rule"));
        }
        let privacy = Privacy::parse(&self.privacy);
        if privacy.is_none() {
            e.add("privacy", Msg::new("sm-choose-privacy"));
        }
        let max_raw = self.ballot_max.trim();
        let ballot_max = if max_raw.is_empty() {
            None
        } else {
            match max_raw.parse::<i32>() {
                Ok(n) if (1..=1000).contains(&n) => Some(n),
                _ => {
                    e.add("ballot_max", Msg::new("sm-ballot-max-range"));
                    None
                }
            }
        };
        if ballot_type == Some(BallotType::ApprovalMax)
            && ballot_max.is_none()
            && max_raw.is_empty()
        {
            e.add("ballot_max", Msg::new("sm-ballot-max-missing"));
        }
        if ballot_type == Some(BallotType::Ranked) && rule == Some(BudgetRule::Phragmen) {
            e.add("rule", Msg::new("sm-phragmen-needs-approval"));
        }
        let windows = match (ideas_open, review, voting_open, voting_close) {
            (Some(ideas_open), Some(review), Some(voting_open), Some(voting_close)) => {
                let w = RoundWindows {
                    ideas_open,
                    review,
                    voting_open,
                    voting_close,
                };
                for (field, message) in w.check() {
                    e.add(field, message);
                }
                Some(w)
            }
            _ => None,
        };
        match (
            title,
            purpose,
            amount,
            currency,
            windows,
            ballot_type,
            rule,
            privacy,
        ) {
            (
                Some(title),
                Some(purpose),
                Some(amount),
                Some(currency),
                Some(windows),
                Some(ballot_type),
                Some(rule),
                Some(privacy),
            ) if e.is_empty() => Ok(RoundCommand {
                title,
                purpose,
                amount,
                currency,
                windows,
                ballot_type,
                ballot_max: matches!(ballot_type, BallotType::ApprovalMax | BallotType::Ranked)
                    .then_some(ballot_max)
                    .flatten(),
                rule,
                privacy,
            }),
            _ => Err(ServiceError::Invalid(e)),
        }
    }
}

/// The round for its edit form (leaders).
pub async fn edit_form(
    db: &DatabaseConnection,
    principal: Principal,
    slug: &str,
    round_id: RoundId,
) -> Result<(RoundAccess, RoundForm)> {
    let access = authorize(db, principal, slug, round_id, Action::ManageBudgets).await?;
    let form = RoundForm::of(&access.round, access.zone);
    Ok((access, form))
}
