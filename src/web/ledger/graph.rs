//! Geometry of the two ledger charts, computed in Rust so that templates only place numbers:
//! the who-helped-whom graph (members on a circle, arrows helper → helped, width by minutes)
//! and the monthly trend bars. Both sit beside a table with the same data.

use crate::domain::ids::UserId;
use std::f64::consts::PI;

use serde::Serialize;

use crate::domain::ledger::{Edge, MonthTotal};
use crate::i18n::Lang;
use crate::service::ledger::Member;

/// Size of the square graph, in SVG units.
const SIZE: f64 = 440.0;
const RADIUS: f64 = 150.0;
const NODE: f64 = 16.0;
/// Room beside the circle for names written outwards (about 24 characters at 12 px).
const LABEL_ROOM: f64 = 150.0;

/// A member's circle and label.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// Centre x.
    pub x: String,
    /// Centre y.
    pub y: String,
    /// Label position.
    pub lx: String,
    /// Label position.
    pub ly: String,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
    pub name: String,
}

/// One arrow.
#[derive(Debug, Clone, Serialize)]
pub struct Arrow {
    /// Start, at the edge of the helper's circle (SVG user units, one decimal).
    pub x1: String,
    /// Start, vertical.
    pub y1: String,
    /// End, at the edge of the helped member's circle, where the arrowhead sits.
    pub x2: String,
    /// End, vertical.
    pub y2: String,
    /// Stroke width, 1.5 to 9, by minutes.
    pub width: String,
    /// Tooltip and accessible name: "Sam helped Lee: 2 h (3 exchanges)".
    pub title: String,
}

/// The whole graph.
#[derive(Debug, Clone, Serialize)]
pub struct Graph {
    /// Height of the drawing (the circle's box).
    pub size: String,
    /// Width of the drawing: the circle's box plus room on both sides for long names, so no
    /// label is clipped.
    pub width: String,
    /// The `viewBox` (the circle's box centred in the width).
    pub view_box: String,
    /// Members.
    pub nodes: Vec<Node>,
    pub arrows: Vec<Arrow>,
}

fn n(v: f64) -> String {
    format!("{v:.1}")
}

/// The `limit` members with the most minutes given and received in `edges`, in the order of
/// `members` (the roster's: by name, then id; all of them when the team is small), so a large
/// team's graph stays readable and small.
pub fn most_active(members: &[Member], edges: &[Edge], limit: usize) -> Vec<Member> {
    if members.len() <= limit {
        return members.to_vec();
    }
    let mut minutes: std::collections::HashMap<UserId, i64> = std::collections::HashMap::new();
    for e in edges {
        *minutes.entry(e.helper).or_default() += e.minutes;
        *minutes.entry(e.helped).or_default() += e.minutes;
    }
    // Most minutes first; ties keep the roster's order, so the choice is stable. The chosen
    // are then shown in the roster's order (by name, then id), as `members` comes.
    let mut ranked: Vec<(usize, &Member)> = members.iter().enumerate().collect();
    ranked.sort_by_key(|(_, m)| std::cmp::Reverse(minutes.get(&m.id).copied().unwrap_or(0)));
    ranked.truncate(limit);
    ranked.sort_unstable_by_key(|(i, _)| *i);
    ranked.into_iter().map(|(_, m)| m.clone()).collect()
}

/// Places `members` on a circle and draws one arrow per edge between two of them.
pub fn who_helped_whom(members: &[Member], edges: &[Edge], lang: Lang) -> Graph {
    let count = members.len().max(1) as f64;
    let centre = SIZE / 2.0;
    let position = |i: usize| {
        let angle = -PI / 2.0 + 2.0 * PI * i as f64 / count;
        (
            angle,
            centre + RADIUS * angle.cos(),
            centre + RADIUS * angle.sin(),
        )
    };
    let nodes = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let (angle, x, y) = position(i);
            let (lx, ly) = (
                centre + (RADIUS + NODE + 10.0) * angle.cos(),
                centre + (RADIUS + NODE + 10.0) * angle.sin() + 4.0,
            );
            let anchor = if angle.cos() > 0.3 {
                "start"
            } else if angle.cos() < -0.3 {
                "end"
            } else {
                "middle"
            };
            Node {
                x: n(x),
                y: n(y),
                lx: n(lx),
                ly: n(ly),
                anchor,
                name: m.name.clone(),
            }
        })
        .collect();
    let max = edges.iter().map(|e| e.minutes).max().unwrap_or(1).max(1) as f64;
    let positions: std::collections::HashMap<UserId, usize> =
        members.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    let index_of = |id: UserId| positions.get(&id).copied();
    let arrows = edges
        .iter()
        .filter_map(|e| {
            let (from, to) = (index_of(e.helper)?, index_of(e.helped)?);
            let (_, x1, y1) = position(from);
            let (_, x2, y2) = position(to);
            let (dx, dy) = (x2 - x1, y2 - y1);
            let length = (dx * dx + dy * dy).sqrt().max(1.0);
            let (ux, uy) = (dx / length, dy / length);
            // Shift each direction to its own side so A → B and B → A do not overlap.
            let (ox, oy) = (-uy * 5.0, ux * 5.0);
            let gap = NODE + 4.0;
            let helper = &members.get(from)?.name;
            let helped = &members.get(to)?.name;
            Some(Arrow {
                x1: n(x1 + ux * gap + ox),
                y1: n(y1 + uy * gap + oy),
                x2: n(x2 - ux * (gap + 6.0) + ox),
                y2: n(y2 - uy * (gap + 6.0) + oy),
                width: n(1.5 + 7.5 * e.minutes as f64 / max),
                title: arrow_title(lang, helper, helped, e),
            })
        })
        .collect();
    Graph {
        size: n(SIZE),
        width: n(SIZE + 2.0 * LABEL_ROOM),
        view_box: format!(
            "{} 0 {} {}",
            n(-LABEL_ROOM),
            n(SIZE + 2.0 * LABEL_ROOM),
            n(SIZE)
        ),
        nodes,
        arrows,
    }
}

/// "Sam helped Lee: 2 h (3 exchanges)" in the page's language (the count stays a number, so
/// the catalogue can choose its plural).
fn arrow_title(lang: Lang, helper: &str, helped: &str, edge: &Edge) -> String {
    use fluent_templates::Loader;
    use fluent_templates::fluent_bundle::FluentValue;
    use std::borrow::Cow;
    let args: std::collections::HashMap<Cow<'static, str>, FluentValue<'_>> = [
        (
            Cow::Borrowed("helper"),
            FluentValue::from(helper.to_owned()),
        ),
        (
            Cow::Borrowed("helped"),
            FluentValue::from(helped.to_owned()),
        ),
        (
            Cow::Borrowed("minutes"),
            FluentValue::from(crate::format::minutes(edge.minutes)),
        ),
        (Cow::Borrowed("count"), FluentValue::from(edge.count)),
    ]
    .into_iter()
    .collect();
    crate::i18n::LOCALES.lookup_with_args(&lang.id(), "fl-team-arrow", &args)
}

/// One bar of the monthly trend.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// "Nov 2026" ("nov. 2026" in French).
    pub label: String,
    /// "2 h 30 min".
    pub minutes: String,
    /// Exchanges.
    pub count: i64,
    /// Left edge.
    pub x: String,
    /// Top.
    pub y: String,
    pub height: String,
    /// Label x (centre of the bar).
    pub cx: String,
}

/// Bars 40 units wide, 72 apart (room for a 12 px "Sep 2026" under each), in a 450 × 160 chart.
pub fn trend(months: &[MonthTotal], lang: Lang) -> Vec<Bar> {
    let max = months.iter().map(|m| m.minutes).max().unwrap_or(0).max(1) as f64;
    months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let height = 120.0 * m.minutes as f64 / max;
            let x = 10.0 + 72.0 * i as f64;
            Bar {
                label: crate::format::month_in(m.year, m.month, lang),
                minutes: crate::format::minutes(m.minutes),
                count: m.count,
                x: n(x),
                y: n(130.0 - height),
                height: n(height),
                cx: n(x + 20.0),
            }
        })
        .collect()
}
