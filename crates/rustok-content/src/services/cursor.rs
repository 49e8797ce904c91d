//! Keyset pagination for node listings: the order of each [`NodeSort`] and the opaque cursor
//! that carries its sort key, so a page boundary never skips or repeats a node even when many
//! share the same key.

use chrono::{DateTime, FixedOffset};
use sea_orm::sea_query::{Condition, SimpleExpr};
use sea_orm::{ColumnTrait, Order, QueryFilter, QueryOrder, Select, Value};
use uuid::Uuid;

use crate::ContentError;
use crate::dto::NodeSort;
use crate::entities::nodes;

/// Where the previous page ended: the values of the listing's sort columns on its last node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cursor {
    pinned: Option<bool>,
    key: Key,
    id: Uuid,
}

#[derive(Debug, Clone, PartialEq)]
enum Key {
    None,
    Time(DateTime<FixedOffset>),
    Position(i32),
}

/// The columns a listing is ordered by, most significant first, with their direction.
fn columns(sort: NodeSort, pinned_first: bool) -> Vec<(nodes::Column, Order)> {
    let mut columns = Vec::with_capacity(3);
    if pinned_first {
        columns.push((nodes::Column::Pinned, Order::Desc));
    }
    match sort {
        NodeSort::Newest => columns.push((nodes::Column::Id, Order::Desc)),
        NodeSort::Oldest => columns.push((nodes::Column::Id, Order::Asc)),
        NodeSort::PublishedAt => {
            columns.push((nodes::Column::PublishedAt, Order::Desc));
            columns.push((nodes::Column::Id, Order::Desc));
        }
        NodeSort::LastActivity => {
            columns.push((nodes::Column::LastActivityAt, Order::Desc));
            columns.push((nodes::Column::Id, Order::Desc));
        }
        NodeSort::Position => {
            columns.push((nodes::Column::Position, Order::Asc));
            columns.push((nodes::Column::Id, Order::Asc));
        }
    }
    columns
}

/// Orders `query` for the listing and, with a cursor, keeps only what comes after it.
pub(crate) fn apply(
    mut query: Select<nodes::Entity>,
    sort: NodeSort,
    pinned_first: bool,
    after: Option<&Cursor>,
) -> Select<nodes::Entity> {
    if sort == NodeSort::PublishedAt {
        query = query.filter(nodes::Column::PublishedAt.is_not_null());
    }
    let columns = columns(sort, pinned_first);
    if let Some(cursor) = after {
        let values = cursor.values(&columns);
        // (c1 > v1) OR (c1 = v1 AND c2 > v2) OR ... with `<` for descending columns.
        let mut after = Condition::any();
        for (i, (column, order)) in columns.iter().enumerate() {
            let mut step = Condition::all();
            for (j, (equal, _)) in columns.iter().take(i).enumerate() {
                step = step.add(equal.eq(values[j].clone()));
            }
            step = step.add(beyond(*column, order, values[i].clone()));
            after = after.add(step);
        }
        query = query.filter(after);
    }
    for (column, order) in columns {
        query = query.order_by(column, order);
    }
    query
}

fn beyond(column: nodes::Column, order: &Order, value: Value) -> SimpleExpr {
    match order {
        Order::Desc => column.lt(value),
        _ => column.gt(value),
    }
}

impl Cursor {
    /// The cursor pointing just past `node` in a listing of this order.
    pub(crate) fn after(node: &nodes::Model, sort: NodeSort, pinned_first: bool) -> Self {
        let key = match sort {
            NodeSort::Newest | NodeSort::Oldest => Key::None,
            NodeSort::PublishedAt => Key::Time(node.published_at.unwrap_or(node.created_at)),
            NodeSort::LastActivity => Key::Time(node.last_activity_at),
            NodeSort::Position => Key::Position(node.position),
        };
        Self {
            pinned: pinned_first.then_some(node.pinned),
            key,
            id: node.id,
        }
    }

    /// The cursor pointing just past a node read from the index.
    pub(crate) fn after_indexed(
        node: &rustok_core::IndexedNode,
        sort: NodeSort,
        pinned_first: bool,
    ) -> Self {
        let key = match sort {
            NodeSort::Newest | NodeSort::Oldest => Key::None,
            NodeSort::PublishedAt => Key::Time(node.published_at.unwrap_or(node.last_activity_at)),
            NodeSort::LastActivity => Key::Time(node.last_activity_at),
            NodeSort::Position => Key::Position(node.position),
        };
        Self {
            pinned: pinned_first.then_some(node.pinned),
            key,
            id: node.id,
        }
    }

    /// The same position in an index listing.
    pub(crate) fn for_index(&self) -> rustok_core::ContentCursor {
        rustok_core::ContentCursor {
            pinned: self.pinned,
            key: match self.key {
                Key::None => rustok_core::ContentSortKey::None,
                Key::Time(at) => rustok_core::ContentSortKey::Time(at),
                Key::Position(position) => rustok_core::ContentSortKey::Position(position),
            },
            id: self.id,
        }
    }

    fn values(&self, columns: &[(nodes::Column, Order)]) -> Vec<Value> {
        columns
            .iter()
            .map(|(column, _)| match column {
                nodes::Column::Pinned => Value::from(self.pinned.unwrap_or(false)),
                nodes::Column::Id => Value::from(self.id),
                _ => match &self.key {
                    Key::Time(at) => Value::from(*at),
                    Key::Position(position) => Value::from(*position),
                    Key::None => Value::from(self.id),
                },
            })
            .collect()
    }

    /// `sort.pinned.key.id`, e.g. `a.1.1764089631123456789.0194…`.
    pub(crate) fn encode(&self, sort: NodeSort) -> String {
        let pinned = match self.pinned {
            Some(true) => "1",
            Some(false) => "0",
            None => "-",
        };
        let key = match &self.key {
            Key::None => "-".to_string(),
            Key::Time(at) => at
                .timestamp_nanos_opt()
                .map_or_else(|| at.timestamp().to_string(), |n| n.to_string()),
            Key::Position(position) => position.to_string(),
        };
        format!("{}.{pinned}.{key}.{}", code(sort), self.id.simple())
    }

    /// Reads a cursor made by [`Self::encode`] for the same listing order.
    pub(crate) fn decode(
        text: &str,
        sort: NodeSort,
        pinned_first: bool,
    ) -> Result<Self, ContentError> {
        let invalid = || ContentError::invalid("after", "not a cursor of this listing");
        let mut parts = text.split('.');
        let (Some(code_part), Some(pinned), Some(key), Some(id), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(invalid());
        };
        if code_part != code(sort) {
            return Err(invalid());
        }
        let pinned = match (pinned, pinned_first) {
            ("1", true) => Some(true),
            ("0", true) => Some(false),
            ("-", false) => None,
            _ => return Err(invalid()),
        };
        let key = match sort {
            NodeSort::Newest | NodeSort::Oldest if key == "-" => Key::None,
            NodeSort::PublishedAt | NodeSort::LastActivity => {
                let nanos: i64 = key.parse().map_err(|_| invalid())?;
                Key::Time(DateTime::from_timestamp_nanos(nanos).fixed_offset())
            }
            NodeSort::Position => Key::Position(key.parse().map_err(|_| invalid())?),
            _ => return Err(invalid()),
        };
        let id = Uuid::parse_str(id).map_err(|_| invalid())?;
        Ok(Self { pinned, key, id })
    }
}

/// The index's name for a listing order.
pub(crate) fn index_sort(sort: NodeSort) -> rustok_core::ContentSort {
    use rustok_core::ContentSort;
    match sort {
        NodeSort::Newest => ContentSort::Newest,
        NodeSort::Oldest => ContentSort::Oldest,
        NodeSort::PublishedAt => ContentSort::PublishedAt,
        NodeSort::LastActivity => ContentSort::LastActivity,
        NodeSort::Position => ContentSort::Position,
    }
}

fn code(sort: NodeSort) -> &'static str {
    match sort {
        NodeSort::Newest => "n",
        NodeSort::Oldest => "o",
        NodeSort::PublishedAt => "p",
        NodeSort::LastActivity => "a",
        NodeSort::Position => "s",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node() -> nodes::Model {
        let now = chrono::Utc::now().fixed_offset();
        nodes::Model {
            id: rustok_core::generate_id(),
            tenant_id: rustok_core::generate_id(),
            kind: "post".into(),
            parent_id: None,
            author_id: None,
            category_id: None,
            status: "published".into(),
            position: 7,
            depth: 0,
            reply_count: 0,
            metadata: serde_json::json!({}),
            publish_at: None,
            published_at: Some(now),
            last_activity_at: now,
            pinned: true,
            locked: false,
            version: 1,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn cursors_round_trip_for_every_order() {
        let node = node();
        for sort in [
            NodeSort::Newest,
            NodeSort::Oldest,
            NodeSort::PublishedAt,
            NodeSort::LastActivity,
            NodeSort::Position,
        ] {
            for pinned_first in [false, true] {
                let cursor = Cursor::after(&node, sort, pinned_first);
                let text = cursor.encode(sort);
                assert_eq!(Cursor::decode(&text, sort, pinned_first).unwrap(), cursor);
            }
        }
    }

    #[test]
    fn a_cursor_is_refused_by_another_order_or_when_mangled() {
        let node = node();
        let text =
            Cursor::after(&node, NodeSort::LastActivity, true).encode(NodeSort::LastActivity);
        assert!(Cursor::decode(&text, NodeSort::Newest, true).is_err());
        assert!(Cursor::decode(&text, NodeSort::LastActivity, false).is_err());
        for bad in ["", "garbage", "a.1.x.y", "a.1.12.0194", "a.1.12.abc.def"] {
            assert!(
                Cursor::decode(bad, NodeSort::LastActivity, true).is_err(),
                "{bad}"
            );
        }
    }
}
