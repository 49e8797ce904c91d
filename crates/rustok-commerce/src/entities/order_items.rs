use sea_orm::entity::prelude::*;

/// A line of an order, as it was sold.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "commerce_order_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub order_id: Uuid,
    pub product_id: Uuid,
    pub variant_id: Uuid,
    pub title: String,
    pub sku: Option<String>,
    pub quantity: i64,
    pub unit_price: i64,
    pub subtotal: i64,
    pub tax_total: i64,
    pub total: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
