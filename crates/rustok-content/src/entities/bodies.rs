use sea_orm::entity::prelude::*;

/// The per-locale body of a node: its source and the sanitised HTML rendered on write.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "bodies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub node_id: Uuid,
    pub tenant_id: Uuid,
    pub locale: String,
    /// markdown | html | blocks
    pub format: String,
    pub source: String,
    pub html: String,
    /// Rich-text blocks (format `blocks`), kept as given.
    #[sea_orm(column_type = "JsonBinary", nullable)]
    pub blocks: Option<Json>,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
