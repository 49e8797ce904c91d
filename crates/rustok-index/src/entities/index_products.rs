use sea_orm::entity::prelude::*;

/// A published product in one locale, as visitors read it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "index_products")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub locale: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub product_id: Uuid,
    pub handle: String,
    pub collection_id: Option<Uuid>,
    pub in_stock: bool,
    pub published_at: Option<DateTimeWithTimeZone>,
    pub title: String,
    pub search_text: String,
    pub document: Json,
    pub pricing: Json,
    pub indexed_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
