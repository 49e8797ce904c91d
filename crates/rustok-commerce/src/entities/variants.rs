use sea_orm::entity::prelude::*;

/// A purchasable variant; `options` maps option titles to values.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "commerce_variants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub product_id: Uuid,
    pub title: String,
    pub sku: Option<String>,
    pub barcode: Option<String>,
    pub manage_inventory: bool,
    pub allow_backorder: bool,
    pub weight: Option<i32>,
    pub length: Option<i32>,
    pub height: Option<i32>,
    pub width: Option<i32>,
    pub position: i32,
    #[sea_orm(column_type = "JsonBinary")]
    pub options: Json,
    #[sea_orm(column_type = "JsonBinary")]
    pub metadata: Json,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
