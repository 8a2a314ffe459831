//! The home page's prompt: in which of the person's teams this week's check-in is still to
//! write (each team's week on its own clock).

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use time::OffsetDateTime;

use crate::domain::checkin::IsoWeek;
use crate::domain::ids::{TeamId, UserId};
use crate::domain::zone::Zone;
use crate::i18n::Lang;
use crate::service::Result;
use crate::store::entities::{checkins, teams};

/// One team's check-in of the week, as the home page prompts for it.
#[derive(Debug, Clone, Serialize)]
pub struct Due {
    /// The team.
    pub team_id: TeamId,
    /// "week of 30 November".
    pub week: String,
    /// Whether the person has checked in this week.
    pub done: bool,
    /// Where to check in.
    pub link: String,
}

/// This week's check-in in `team` for `user_id`.
pub async fn due(
    db: &impl ConnectionTrait,
    user_id: UserId,
    team: &teams::Model,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<Due> {
    let zone = Zone::stored(&team.time_zone);
    let week = IsoWeek::at(now, zone);
    let done = checkins::Entity::find()
        .filter(checkins::Column::TeamId.eq(team.id))
        .filter(checkins::Column::UserId.eq(user_id))
        .filter(checkins::Column::Week.eq(week.label()))
        .one(db)
        .await?
        .is_some();
    Ok(Due {
        team_id: team.id,
        week: week.in_words(zone.today(now)).render(lang),
        done,
        link: format!("/teams/{}/checkins#mine", team.slug),
    })
}
