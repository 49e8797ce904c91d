use sea_orm::entity::prelude::*;

/// A piece of content of any kind (post, page, comment, topic, reply, ...).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "nodes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub kind: String,
    pub parent_id: Option<Uuid>,
    pub author_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub status: String,
    pub position: i32,
    pub depth: i32,
    pub reply_count: i32,
    #[sea_orm(column_type = "JsonBinary")]
    pub metadata: Json,
    /// When a scheduled node is to be published.
    pub publish_at: Option<DateTimeWithTimeZone>,
    pub published_at: Option<DateTimeWithTimeZone>,
    /// Latest activity (own edits or replies), for forum ordering.
    pub last_activity_at: DateTimeWithTimeZone,
    /// Listed ahead of the others where a listing asks for pinned first (sticky posts, forum
    /// announcements).
    #[serde(default)]
    pub pinned: bool,
    /// No new children (comments, replies) may be added.
    #[serde(default)]
    pub locked: bool,
    /// Incremented by every update; each previous version is kept in `node_revisions`.
    pub version: i32,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
