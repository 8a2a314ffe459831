//! The turnout and open rankings on `/api/v1` a page at a time: whatever the page size, a walk
//! meets every member who has not voted and every open ballot exactly once, in the documented
//! order, with the counts on every page; a cursor or limit the API did not make is a 400.

use std::collections::HashMap;

use roundtable::store::entities::{agenda_ballots, users};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use time::Duration;

use crate::api_helpers::{cast, expect};
use crate::meeting_helpers::{WINDOW_HOURS, create_meeting, members, proposal_ids, propose, vote};

/// Every page of the list `field` at `path` with `limit` rows a page; the rows, and the pages'
/// bodies.
async fn walk(
    app: &crate::helpers::TestApp,
    path: &str,
    token: &str,
    field: &str,
    limit: usize,
) -> (Vec<Value>, Vec<Value>) {
    let (mut rows, mut pages) = (Vec::new(), Vec::new());
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(c) => format!("{path}?limit={limit}&cursor={c}"),
            None => format!("{path}?limit={limit}"),
        };
        let page = expect(app, ("GET", &url), token, None, 200).await;
        let got = page[field].as_array().unwrap().clone();
        assert!(got.len() <= limit, "{url}: {page}");
        rows.extend(got);
        cursor = page["next_cursor"].as_str().map(str::to_owned);
        pages.push(page);
        if cursor.is_none() {
            return (rows, pages);
        }
        assert!(pages.len() < 50, "the walk does not end");
    }
}

#[tokio::test]
async fn who_has_not_voted_and_the_rankings_come_a_page_at_a_time_each_once() {
    let f = cast().await;
    let (app, a) = (&f.app, &f.world.team_a);
    let open = create_meeting(app, &f.leader, a, "open").await;
    propose(&f.leader, a, open, "Reading plan", 10).await;
    propose(&f.leader, a, open, "Trips", 10).await;
    let voters = members(app, &f.world.leader, a, 7, "Voter").await;
    app.clock.advance(Duration::hours(WINDOW_HOURS));
    let ids = proposal_ids(app, open).await;
    let mut expected = vec![("Member".to_owned(), json!(["Trips", "Reading plan"]))];
    assert_eq!(
        vote(&f.member, a, open, &[ids[1], ids[0]]).await.status(),
        200
    );
    for (i, voter) in voters.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
        let order = if i % 4 == 0 {
            vec![ids[0], ids[1]]
        } else {
            vec![ids[1]]
        };
        assert_eq!(vote(voter, a, open, &order).await.status(), 200);
        let titles: Vec<&str> = order
            .iter()
            .map(|id| {
                if *id == ids[0] {
                    "Reading plan"
                } else {
                    "Trips"
                }
            })
            .collect();
        expected.push((format!("Voter{i}"), json!(titles)));
    }

    // Nine members, five voted: the other four by name, three a page.
    let path = format!("/api/v1/teams/{a}/meetings/{open}/turnout");
    let (not_voted, pages) = walk(app, &path, &f.leader_token, "not_voted", 3).await;
    let names: Vec<&str> = not_voted
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Leader", "Voter1", "Voter3", "Voter5"]);
    assert_eq!(pages.len(), 2);
    for page in &pages {
        assert_eq!(
            (page["voted"].clone(), page["members"].clone()),
            (json!(5), json!(9))
        );
    }
    // One page big enough for all has no cursor.
    let all = expect(app, ("GET", &path), &f.leader_token, None, 200).await;
    assert_eq!(all["not_voted"].as_array().unwrap().len(), 4);
    assert_eq!(all["next_cursor"], Value::Null);

    // After the close: five ballots, two a page, each once, in the receipts file's order.
    app.clock
        .advance(Duration::hours(WINDOW_HOURS) + Duration::minutes(1));
    let path = format!("/api/v1/teams/{a}/meetings/{open}/rankings");
    let (rankings, pages) = walk(app, &path, &f.leader_token, "rankings", 2).await;
    assert_eq!(pages.len(), 3);
    let mut got: Vec<(String, Value)> = rankings
        .iter()
        .map(|r| (r["voter"].as_str().unwrap().to_owned(), r["items"].clone()))
        .collect();
    let names: HashMap<_, String> = users::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let stored: Vec<String> = agenda_ballots::Entity::find()
        .filter(agenda_ballots::Column::MeetingId.eq(open))
        .order_by_asc(agenda_ballots::Column::ReceiptHash)
        .order_by_asc(agenda_ballots::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|b| names[&b.voter_id.unwrap()].clone())
        .collect();
    let walked: Vec<&String> = got.iter().map(|(voter, _)| voter).collect();
    assert_eq!(walked, stored.iter().collect::<Vec<_>>());
    got.sort_by(|x, y| x.0.cmp(&y.0));
    expected.sort_by(|x, y| x.0.cmp(&y.0));
    assert_eq!(got, expected);

    // Cursors and limits the API did not make.
    for query in ["cursor=zz", "cursor=MTIz", "limit=0", "limit=101"] {
        for list in ["turnout", "rankings"] {
            let url = format!("/api/v1/teams/{a}/meetings/{open}/{list}?{query}");
            let refused = expect(app, ("GET", &url), &f.leader_token, None, 400).await;
            assert_eq!(refused["error"], "invalid_parameter", "{url}");
        }
    }
}
