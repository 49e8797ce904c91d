use sea_orm::entity::prelude::*;

/// The per-locale face of a node: title, slug, excerpt, SEO.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "node_translations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub node_id: Uuid,
    pub tenant_id: Uuid,
    /// Copied from the node so slugs can be unique per tenant + kind + locale.
    pub kind: String,
    pub locale: String,
    pub title: String,
    pub slug: String,
    pub excerpt: Option<String>,
    pub seo_title: Option<String>,
    pub seo_description: Option<String>,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
