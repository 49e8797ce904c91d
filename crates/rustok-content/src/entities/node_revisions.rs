use sea_orm::entity::prelude::*;

/// A node as it was before an update (node fields, translations and bodies as JSON).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "node_revisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub node_id: Uuid,
    pub tenant_id: Uuid,
    pub version: i32,
    #[sea_orm(column_type = "JsonBinary")]
    pub snapshot: Json,
    pub author_id: Option<Uuid>,
    pub created_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
