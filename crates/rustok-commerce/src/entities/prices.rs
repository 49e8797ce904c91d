use sea_orm::entity::prelude::*;

/// A variant's price in one currency (minor units), optionally in a price list and from a quantity.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "commerce_prices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub variant_id: Uuid,
    pub currency_code: String,
    pub amount: i64,
    pub price_list_id: Option<Uuid>,
    pub min_quantity: i32,
    pub created_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
