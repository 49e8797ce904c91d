//! Payment providers. Checkout authorizes, staff capture, a refund returns the captured amount;
//! each operation is recorded as a row of `commerce_payments` by the order service.

use async_trait::async_trait;
use uuid::Uuid;

use crate::{CommerceError, Money};

/// What a provider answers: its own reference for the operation (shown to staff).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentReceipt {
    pub reference: Option<String>,
}

/// A payment gateway. Implementations must be idempotent per `(order_id, operation)`: the
/// order service may retry after a crash.
#[async_trait]
pub trait PaymentProvider: Send + Sync {
    /// Stable identifier stored on payment rows, e.g. `manual`, `stripe`.
    fn id(&self) -> &'static str;
    async fn authorize(
        &self,
        order_id: Uuid,
        amount: Money,
    ) -> Result<PaymentReceipt, CommerceError>;
    async fn capture(&self, order_id: Uuid, amount: Money)
    -> Result<PaymentReceipt, CommerceError>;
    async fn refund(&self, order_id: Uuid, amount: Money) -> Result<PaymentReceipt, CommerceError>;
}

/// Payment collected outside the platform (bank transfer, cash on delivery): every operation
/// succeeds and staff confirm the money arrived by capturing.
pub struct ManualProvider;

#[async_trait]
impl PaymentProvider for ManualProvider {
    fn id(&self) -> &'static str {
        "manual"
    }
    async fn authorize(
        &self,
        _order_id: Uuid,
        _amount: Money,
    ) -> Result<PaymentReceipt, CommerceError> {
        Ok(PaymentReceipt { reference: None })
    }
    async fn capture(
        &self,
        _order_id: Uuid,
        _amount: Money,
    ) -> Result<PaymentReceipt, CommerceError> {
        Ok(PaymentReceipt { reference: None })
    }
    async fn refund(
        &self,
        _order_id: Uuid,
        _amount: Money,
    ) -> Result<PaymentReceipt, CommerceError> {
        Ok(PaymentReceipt { reference: None })
    }
}

/// The provider registered under `id` (only `manual` is built in).
pub fn provider(id: &str) -> Result<&'static dyn PaymentProvider, CommerceError> {
    match id {
        "manual" => Ok(&ManualProvider),
        other => Err(CommerceError::UnknownProvider(
            other.chars().take(64).collect(),
        )),
    }
}
