use sea_orm::entity::prelude::*;

/// A published content node in one locale, as visitors read it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "index_content")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub locale: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub node_id: Uuid,
    pub kind: String,
    pub parent_id: Option<Uuid>,
    pub author_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub slug: String,
    pub pinned: bool,
    pub position: i32,
    pub published_at: Option<DateTimeWithTimeZone>,
    pub last_activity_at: DateTimeWithTimeZone,
    pub title: String,
    pub search_text: String,
    pub document: Json,
    pub indexed_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
