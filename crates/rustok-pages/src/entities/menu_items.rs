use sea_orm::entity::prelude::*;

/// An entry of a menu; `parent_id` nests it. Links to exactly one of a page or a URL.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "menu_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub menu_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub position: i32,
    pub page_id: Option<Uuid>,
    pub url: Option<String>,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
