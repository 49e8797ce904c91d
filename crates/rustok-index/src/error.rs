use rustok_core::Error;

/// What the index can fail with.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error(transparent)]
    Core(#[from] Error),
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("tenant {0} not found")]
    TenantNotFound(uuid::Uuid),
    /// `fill_missing` built what it could; this many tenants' builds failed (each recorded).
    #[error("{0} tenant build(s) failed")]
    BuildsFailed(u64),
}

impl From<IndexError> for Error {
    fn from(err: IndexError) -> Self {
        match err {
            IndexError::Core(core) => core,
            IndexError::Database(db) => Error::Database(db),
            IndexError::TenantNotFound(_) => Error::NotFound { what: "tenant" },
            IndexError::BuildsFailed(n) => Error::Internal(format!("{n} tenant build(s) failed")),
        }
    }
}
