use roundtable::store::entities::invitations;
use sea_orm::{EntityTrait, QueryOrder};

use crate::helpers::TestApp;

pub async fn newest_invitation(app: &TestApp) -> i64 {
    invitations::Entity::find()
        .order_by_desc(invitations::Column::Id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .id
}
