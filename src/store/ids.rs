//! sea-orm support for the typed ids of `domain::ids` (what `DeriveValueType` would generate;
//! the domain stays free of sea-orm): each is stored as a `BIGINT`.

use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr};
use sea_orm::{
    ColIdx, DbErr, IntoActiveValue, QueryResult, TryFromU64, TryGetError, TryGetable, Value,
};

use crate::domain::ids::{
    ActionId, ExchangeId, IdeaId, MeetingId, PostId, ProposalId, RoundId, TeamId, UserId,
};

macro_rules! stored_id {
    ($($name:ident),* $(,)?) => {$(
        impl From<$name> for Value {
            fn from(id: $name) -> Self {
                id.0.into()
            }
        }

        impl TryGetable for $name {
            fn try_get_by<I: ColIdx>(res: &QueryResult, idx: I) -> Result<Self, TryGetError> {
                <i64 as TryGetable>::try_get_by(res, idx).map($name)
            }
        }

        impl ValueType for $name {
            fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
                <i64 as ValueType>::try_from(v).map($name)
            }
            fn type_name() -> String {
                stringify!($name).to_owned()
            }
            fn array_type() -> ArrayType {
                <i64 as ValueType>::array_type()
            }
            fn column_type() -> ColumnType {
                <i64 as ValueType>::column_type()
            }
        }

        impl Nullable for $name {
            fn null() -> Value {
                <i64 as Nullable>::null()
            }
        }

        impl IntoActiveValue<$name> for $name {
            fn into_active_value(self) -> sea_orm::ActiveValue<$name> {
                sea_orm::ActiveValue::Set(self)
            }
        }

        impl TryFromU64 for $name {
            fn try_from_u64(n: u64) -> Result<Self, DbErr> {
                <i64 as TryFromU64>::try_from_u64(n).map($name)
            }
        }
    )*};
}

stored_id!(
    ActionId, ExchangeId, IdeaId, MeetingId, PostId, ProposalId, RoundId, TeamId, UserId,
);

use crate::domain::ids::{MilestoneId, RoleMapId};
stored_id!(MilestoneId, RoleMapId);

use crate::domain::ids::{OccurrenceId, SeriesId};
stored_id!(OccurrenceId, SeriesId);

use crate::domain::ids::TeamLinkId;
stored_id!(TeamLinkId);
