//! The per-tenant module switches as `tenant_modules` keeps them, for modules' work that runs
//! across tenants (content's scheduler). Requests ask the server instead, which adds its module
//! registry and a cache.

use async_trait::async_trait;
use rustok_core::{ModuleSwitches, TenantId};
use sea_orm::DatabaseConnection;

use crate::TenantService;

/// [`ModuleSwitches`] read from the tenant tables.
#[derive(Clone)]
pub struct StoredModuleSwitches {
    db: DatabaseConnection,
}

impl StoredModuleSwitches {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[async_trait]
impl ModuleSwitches for StoredModuleSwitches {
    async fn tenants_without(&self, module: &str) -> rustok_core::Result<Vec<TenantId>> {
        Ok(TenantService::tenants_with_module_off(&self.db, module).await?)
    }
}
