mod nodes;
mod slug;

use rustok_core::{LocalePolicy, TenantId};
use uuid::Uuid;

pub use nodes::NodeService;

/// Who writes, for which tenant, in which languages. Built by the API layer per request.
#[derive(Debug, Clone)]
pub struct ContentContext {
    pub tenant: TenantId,
    pub actor: Option<Uuid>,
    pub locales: LocalePolicy,
}
