use rustok_core::Error;
use uuid::Uuid;

/// Everything commerce refuses, with a stable problem+json `code` for each (see `From` below).
#[derive(Debug, thiserror::Error)]
pub enum CommerceError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("`{0}` is not an ISO 4217 currency code")]
    UnknownCurrency(String),
    #[error("expected an amount in {expected}, got {found}")]
    CurrencyMismatch { expected: String, found: String },
    #[error("the amount is too large")]
    AmountOverflow,
    #[error("variant {variant_id} is out of stock")]
    OutOfStock { variant_id: Uuid },
    #[error("variant {variant_id} has no price in {currency}")]
    PriceMissing { variant_id: Uuid, currency: String },
    #[error("an order that is {from} cannot {action}")]
    InvalidTransition { from: String, action: String },
    #[error("the cart is already checked out")]
    CartCompleted,
    #[error("the cart is empty")]
    CartEmpty,
    #[error("this idempotency key was used for another cart")]
    IdempotencyKeyReused,
    #[error("{what} `{value}` is already used in this tenant")]
    Taken { what: &'static str, value: String },
    #[error(
        "`{value}` of `{option}` is used by {variants} variant(s); delete or change them first"
    )]
    OptionValueInUse {
        option: String,
        value: String,
        variants: usize,
    },
    #[error("without `{option}` two variants would both be {combination}; delete one first")]
    OptionInUse { option: String, combination: String },
    #[error("another variant of this product is already {combination}")]
    VariantOptionsTaken { combination: String },
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("payment provider `{0}` is not available")]
    UnknownProvider(String),
    #[error(transparent)]
    Core(#[from] Error),
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// A stored read-model document that does not read back (written by another version).
    #[error("stored document: {0}")]
    Document(#[from] serde_json::Error),
}

impl CommerceError {
    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid {
            field,
            message: message.into(),
        }
    }
}

impl From<rustok_core::EventError> for CommerceError {
    fn from(err: rustok_core::EventError) -> Self {
        Self::Core(err.into())
    }
}

impl From<rustok_core::LocaleError> for CommerceError {
    fn from(err: rustok_core::LocaleError) -> Self {
        Self::Core(err.into())
    }
}

impl From<CommerceError> for Error {
    fn from(err: CommerceError) -> Self {
        match err {
            CommerceError::NotFound(what) => Error::NotFound { what },
            CommerceError::UnknownCurrency(_) => Error::invalid_field("currency", err.to_string()),
            // 422 like every other invalid field; the message names both currencies.
            CommerceError::CurrencyMismatch { .. } => {
                Error::invalid_field("currency", err.to_string())
            }
            CommerceError::AmountOverflow => Error::invalid_field("amount", err.to_string()),
            CommerceError::OutOfStock { .. } => Error::conflict("out_of_stock", err.to_string()),
            CommerceError::PriceMissing { .. } => Error::conflict("price_missing", err.to_string()),
            CommerceError::InvalidTransition { .. } => {
                Error::conflict("invalid_transition", err.to_string())
            }
            CommerceError::CartCompleted => Error::conflict("cart_completed", err.to_string()),
            CommerceError::CartEmpty => Error::conflict("cart_empty", err.to_string()),
            CommerceError::IdempotencyKeyReused => {
                Error::conflict("idempotency_key_reused", err.to_string())
            }
            CommerceError::Taken { .. } => Error::conflict("already_taken", err.to_string()),
            CommerceError::OptionValueInUse { .. } => {
                Error::conflict("option_value_in_use", err.to_string())
            }
            CommerceError::OptionInUse { .. } => Error::conflict("option_in_use", err.to_string()),
            CommerceError::VariantOptionsTaken { .. } => {
                Error::conflict("variant_options_taken", err.to_string())
            }
            CommerceError::Invalid { field, message } => Error::invalid_field(field, message),
            CommerceError::UnknownProvider(_) => Error::invalid_field("provider", err.to_string()),
            CommerceError::Core(core) => core,
            CommerceError::Database(db) => Error::Database(db),
            CommerceError::Document(err) => Error::Internal(format!("stored document: {err}")),
        }
    }
}
