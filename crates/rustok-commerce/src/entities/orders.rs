use sea_orm::entity::prelude::*;

/// An order with totals frozen at checkout (minor units of `currency_code`).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "commerce_orders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub display_id: i64,
    pub customer_id: Option<Uuid>,
    pub cart_id: Option<Uuid>,
    pub region_id: Option<Uuid>,
    pub email: Option<String>,
    pub status: String,
    pub currency_code: String,
    pub subtotal: i64,
    pub tax_total: i64,
    pub shipping_total: i64,
    pub discount_total: i64,
    pub total: i64,
    pub tax_rate_bp: i32,
    pub tax_inclusive: bool,
    #[sea_orm(column_type = "JsonBinary", nullable)]
    pub shipping_address: Option<Json>,
    #[sea_orm(column_type = "JsonBinary", nullable)]
    pub billing_address: Option<Json>,
    pub idempotency_key: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    pub metadata: Json,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
