use rustok_core::Error;

use crate::status::{NodeStatus, Transition};

#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("node not found")]
    NotFound,
    #[error("revision not found")]
    RevisionNotFound,
    #[error("category not found")]
    CategoryNotFound,
    #[error("a {from} node cannot {transition:?}")]
    InvalidTransition {
        from: NodeStatus,
        transition: Transition,
    },
    #[error("slug `{0}` is already used by another node of this kind and locale")]
    SlugTaken(String),
    #[error("the node is locked: it takes no new replies")]
    Locked,
    #[error("the node changed meanwhile (now at version {current})")]
    VersionConflict { current: i32 },
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error(transparent)]
    Core(#[from] Error),
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
}

impl ContentError {
    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid {
            field,
            message: message.into(),
        }
    }
}

impl From<rustok_core::EventError> for ContentError {
    fn from(err: rustok_core::EventError) -> Self {
        Self::Core(err.into())
    }
}

impl From<ContentError> for Error {
    fn from(err: ContentError) -> Self {
        match err {
            ContentError::NotFound => Error::NotFound { what: "node" },
            ContentError::RevisionNotFound => Error::NotFound { what: "revision" },
            ContentError::CategoryNotFound => Error::NotFound { what: "category" },
            ContentError::InvalidTransition { .. } => {
                Error::conflict("invalid_transition", err.to_string())
            }
            ContentError::Locked => Error::conflict("node_locked", err.to_string()),
            ContentError::SlugTaken(_) => Error::conflict("slug_taken", err.to_string()),
            ContentError::VersionConflict { .. } => {
                Error::conflict("version_conflict", err.to_string())
            }
            ContentError::Invalid { field, message } => Error::invalid_field(field, message),
            ContentError::Core(core) => core,
            ContentError::Database(db) => Error::Database(db),
        }
    }
}
