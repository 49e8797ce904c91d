use sea_orm::entity::prelude::*;

/// A region: countries sold to in one currency, with one tax rate (basis points).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "commerce_regions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub name: String,
    pub currency_code: String,
    #[sea_orm(column_type = "JsonBinary")]
    pub countries: Json,
    pub tax_rate_bp: i32,
    pub tax_inclusive: bool,
    pub created_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
