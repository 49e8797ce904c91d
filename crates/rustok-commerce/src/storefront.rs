//! Product reads, shared by REST and GraphQL. Visitors (anyone without `products:read`) are
//! served from the read model ([`rustok_core::ProductReads`], wired by the server) as soon as
//! the tenant's index is built: one indexed query, no join. Staff, who see drafts and every
//! price, read the write model. Both give the same views.

use chrono::Utc;
use rustok_api::ApiContext;
use rustok_core::{Locale, ProductKey, ProductListing, ProductReads};
use std::sync::Arc;

use crate::access::{catalog, price_mode};
use crate::dto::{ProductFilter, ProductPage, ProductStatus, ProductView};
use crate::{CommerceContext, CommerceError, Currency, PriceMode, visitor_view};

/// Who reads and how: staff see every status and the write model.
pub(crate) struct Reader<'a> {
    pub api: &'a ApiContext,
    pub ctx: &'a CommerceContext,
    pub staff: bool,
}

impl Reader<'_> {
    /// The index, when this read may use it: a visitor's, for a tenant whose index is built.
    async fn index(&self) -> Result<Option<Arc<dyn ProductReads>>, CommerceError> {
        if self.staff {
            return Ok(None);
        }
        match self.api.platform.product_reads() {
            Some(reads) if reads.ready(self.ctx.tenant).await? => Ok(Some(reads)),
            _ => Ok(None),
        }
    }

    /// The tenant locale whose index rows answer a request for `locale`.
    fn row_locale(&self, locale: Option<&Locale>) -> Locale {
        let chain = self.ctx.locales.fallback_chain(locale);
        chain
            .into_iter()
            .next()
            .unwrap_or_else(|| self.ctx.locales.default.clone())
    }

    /// One product by id or handle; unpublished ones are 404 for visitors.
    pub async fn product(
        &self,
        key: ProductKey<'_>,
        locale: Option<&Locale>,
        region: Option<uuid::Uuid>,
    ) -> Result<ProductView, CommerceError> {
        let mode = price_mode(self.api, self.ctx, region).await?;
        if let Some(index) = self.index().await? {
            let row_locale = self.row_locale(locale);
            let stored = index
                .product(self.ctx.tenant, row_locale.as_str(), key)
                .await?
                .ok_or(CommerceError::NotFound("product"))?;
            return visitor_view(stored, currency(mode), Utc::now());
        }
        let service = catalog(&self.api.platform);
        let published_only = !self.staff;
        match key {
            ProductKey::Id(id) => {
                service
                    .get_product(self.ctx, id, locale, mode, published_only)
                    .await
            }
            ProductKey::Handle(handle) => {
                service
                    .get_by_handle(self.ctx, handle, locale, mode, published_only)
                    .await
            }
        }
    }

    /// A page of products, newest first. Visitors see published products whatever
    /// `filter.status` says.
    pub async fn products(
        &self,
        mut filter: ProductFilter,
        locale: Option<&Locale>,
        region: Option<uuid::Uuid>,
    ) -> Result<ProductPage, CommerceError> {
        if !self.staff {
            filter.status = Some(ProductStatus::Published);
        }
        let mode = price_mode(self.api, self.ctx, region).await?;
        let Some(index) = self.index().await? else {
            return catalog(&self.api.platform)
                .list_products(self.ctx, filter, locale, mode)
                .await;
        };
        let price = match (
            mode,
            filter.min_price.is_some() || filter.max_price.is_some(),
        ) {
            (_, false) => None,
            (PriceMode::Region(currency), true) => Some((
                currency.code().to_string(),
                filter.min_price,
                filter.max_price,
            )),
            (PriceMode::All, true) => {
                return Err(CommerceError::invalid(
                    "region_id",
                    "a price filter needs a region",
                ));
            }
        };
        let listing = ProductListing {
            collection_id: filter.collection_id,
            category_id: filter.category_id,
            tag: filter.tag,
            price,
            in_stock: filter.in_stock == Some(true),
            after: filter.after,
            limit: filter.limit,
        };
        let row_locale = self.row_locale(locale);
        let page = index
            .products(self.ctx.tenant, row_locale.as_str(), &listing)
            .await?;
        let now = Utc::now();
        let items = page
            .items
            .into_iter()
            .map(|stored| visitor_view(stored, currency(mode), now))
            .collect::<Result<_, _>>()?;
        Ok(ProductPage {
            items,
            next_cursor: page.next.map(|id| id.to_string()),
        })
    }
}

fn currency(mode: PriceMode) -> Option<Currency> {
    match mode {
        PriceMode::All => None,
        PriceMode::Region(currency) => Some(currency),
    }
}
