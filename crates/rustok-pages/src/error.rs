use rustok_content::ContentError;
use rustok_core::Error;

#[derive(Debug, thiserror::Error)]
pub enum PagesError {
    #[error("page not found")]
    PageNotFound,
    #[error("menu not found")]
    MenuNotFound,
    #[error("menu item not found")]
    MenuItemNotFound,
    #[error("handle `{0}` is already used by another menu")]
    HandleTaken(String),
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// A refusal of the content service (slug taken, invalid transition, version conflict, ...).
    #[error(transparent)]
    Content(ContentError),
    #[error(transparent)]
    Core(#[from] Error),
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
}

impl PagesError {
    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid {
            field,
            message: message.into(),
        }
    }
}

/// A node that is missing (or not a page) is a missing page to callers of this crate.
impl From<ContentError> for PagesError {
    fn from(err: ContentError) -> Self {
        match err {
            ContentError::NotFound => Self::PageNotFound,
            other => Self::Content(other),
        }
    }
}

impl From<rustok_core::EventError> for PagesError {
    fn from(err: rustok_core::EventError) -> Self {
        Self::Core(err.into())
    }
}

impl From<PagesError> for Error {
    fn from(err: PagesError) -> Self {
        match err {
            PagesError::PageNotFound => Error::NotFound { what: "page" },
            PagesError::MenuNotFound => Error::NotFound { what: "menu" },
            PagesError::MenuItemNotFound => Error::NotFound { what: "menu item" },
            PagesError::HandleTaken(_) => Error::conflict("handle_taken", err.to_string()),
            PagesError::Invalid { field, message } => Error::invalid_field(field, message),
            PagesError::Content(content) => content.into(),
            PagesError::Core(core) => core,
            PagesError::Database(db) => Error::Database(db),
        }
    }
}
