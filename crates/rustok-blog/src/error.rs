use rustok_content::ContentError;
use rustok_core::Error;

#[derive(Debug, thiserror::Error)]
pub enum BlogError {
    #[error("post not found")]
    PostNotFound,
    #[error("comment not found")]
    CommentNotFound,
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error(transparent)]
    Content(ContentError),
}

impl From<ContentError> for BlogError {
    fn from(err: ContentError) -> Self {
        Self::Content(err)
    }
}

impl From<sea_orm::DbErr> for BlogError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Content(ContentError::Database(err))
    }
}

impl From<BlogError> for Error {
    fn from(err: BlogError) -> Self {
        match err {
            BlogError::PostNotFound => Error::NotFound { what: "post" },
            BlogError::CommentNotFound => Error::NotFound { what: "comment" },
            BlogError::Invalid { field, message } => Error::invalid_field(field, message),
            BlogError::Content(content) => content.into(),
        }
    }
}
