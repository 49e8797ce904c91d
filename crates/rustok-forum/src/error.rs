use rustok_content::ContentError;
use rustok_core::Error;

#[derive(Debug, thiserror::Error)]
pub enum ForumError {
    /// Missing, of another kind, of another tenant, or not visible to the caller.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A member editing someone else's post: only moderators may.
    #[error("only the author or a moderator may edit this post")]
    NotAuthor,
    /// A member editing a topic, or a reply to it, while the topic is locked: only moderators
    /// may. Same code as content's refusal of a reply to it (`node_locked`).
    #[error("the topic is locked: it and its replies cannot be edited")]
    Locked,
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// A refusal of the content service (locked topic, slug taken, version conflict, ...).
    #[error(transparent)]
    Content(#[from] ContentError),
}

impl ForumError {
    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid {
            field,
            message: message.into(),
        }
    }
}

impl From<ForumError> for Error {
    fn from(err: ForumError) -> Self {
        match err {
            ForumError::NotFound(what) => Error::NotFound { what },
            ForumError::NotAuthor => Error::Forbidden {
                permission: crate::access::MODERATE.to_string(),
            },
            err @ ForumError::Locked => Error::conflict("node_locked", err.to_string()),
            ForumError::Invalid { field, message } => Error::invalid_field(field, message),
            ForumError::Content(content) => content.into(),
        }
    }
}
