//! Query strings every module's REST routes share.

use serde::Deserialize;
use utoipa::IntoParams;

/// `?locale=`: the language a visitor asks for.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LocaleQuery {
    /// Preferred locale, a language tag like `en`, `de` or `pt-BR`; the tenant default is the
    /// fallback (the answer says which was used). A value that is not a language tag is 422
    /// `validation_failed`.
    pub locale: Option<String>,
}
