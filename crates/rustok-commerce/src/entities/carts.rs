use sea_orm::entity::prelude::*;

/// A cart: anonymous (its id is the key) or a customer's.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "commerce_carts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub customer_id: Option<Uuid>,
    pub region_id: Uuid,
    pub currency_code: String,
    pub email: Option<String>,
    pub status: String,
    pub shipping_option_id: Option<Uuid>,
    #[sea_orm(column_type = "JsonBinary", nullable)]
    pub shipping_address: Option<Json>,
    pub order_id: Option<Uuid>,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
