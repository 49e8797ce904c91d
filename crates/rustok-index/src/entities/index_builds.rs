use sea_orm::entity::prelude::*;

/// Where a tenant's rebuild of one kind stands.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "index_builds")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    /// `building` or `ready`.
    pub status: String,
    /// The last product id done: a rebuild resumes after it.
    pub cursor: Option<Uuid>,
    pub done: i64,
    pub errors: i64,
    pub last_error: Option<String>,
    pub started_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
