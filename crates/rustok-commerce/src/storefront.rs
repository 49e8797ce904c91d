//! Product reads, shared by REST and GraphQL. Visitors (anyone without `products:read`) are
//! served from the read model ([`rustok_core::ProductReads`], wired by the server) as soon as
//! the tenant's index is built: one indexed query, no join. Staff, who see drafts and every
//! price, read the write model. Both give the same views.
//!
//! A visitor's read that names no region is answered with the stored document text as it is
//! ([`Answer::Stored`]): nothing is parsed or rebuilt between the row and the response.

use chrono::{DateTime, Utc};
use rustok_api::ApiContext;
use rustok_core::{IndexedDocument, Locale, ProductKey, ProductListing, ProductReads};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use std::sync::Arc;

use crate::access::{catalog, price_mode};
use crate::dto::{ProductFilter, ProductPage, ProductStatus, ProductView};
use crate::{CommerceContext, CommerceError, Currency, PriceMode, visitor_view};

/// A product as the caller gets it: a stored document served as it is, or a view.
#[derive(Debug)]
pub(crate) enum Answer {
    Stored(Box<RawValue>),
    View(ProductView),
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Stored(raw) => raw.serialize(serializer),
            Answer::View(view) => view.serialize(serializer),
        }
    }
}

impl Answer {
    /// The view (GraphQL selects fields of it).
    pub fn into_view(self) -> Result<ProductView, CommerceError> {
        match self {
            Answer::Stored(raw) => Ok(serde_json::from_str(raw.get())?),
            Answer::View(view) => Ok(view),
        }
    }

    /// What a visitor gets of a stored document: it as it is without a region, else priced.
    fn visitor(
        stored: IndexedDocument,
        region: Option<Currency>,
        now: DateTime<Utc>,
    ) -> Result<Self, CommerceError> {
        match region {
            None => Ok(Answer::Stored(RawValue::from_string(stored.document)?)),
            Some(_) => Ok(Answer::View(visitor_view(stored, region, now)?)),
        }
    }
}

/// A page of [`Answer`]s, serialised as [`ProductPage`] is.
#[derive(Debug, Serialize)]
pub(crate) struct AnswerPage {
    pub items: Vec<Answer>,
    pub next_cursor: Option<String>,
}

impl AnswerPage {
    pub fn into_page(self) -> Result<ProductPage, CommerceError> {
        Ok(ProductPage {
            items: self
                .items
                .into_iter()
                .map(Answer::into_view)
                .collect::<Result<_, _>>()?,
            next_cursor: self.next_cursor,
        })
    }
}

impl From<ProductPage> for AnswerPage {
    fn from(page: ProductPage) -> Self {
        AnswerPage {
            items: page.items.into_iter().map(Answer::View).collect(),
            next_cursor: page.next_cursor,
        }
    }
}

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
    ) -> Result<Answer, CommerceError> {
        let mode = price_mode(self.api, self.ctx, region).await?;
        if let Some(index) = self.index().await? {
            let row_locale = self.row_locale(locale);
            let stored = index
                .product(self.ctx.tenant, row_locale.as_str(), key)
                .await?
                .ok_or(CommerceError::NotFound("product"))?;
            return Answer::visitor(stored, currency(mode), Utc::now());
        }
        let service = catalog(&self.api.platform);
        let published_only = !self.staff;
        let view = match key {
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
        }?;
        Ok(Answer::View(view))
    }

    /// A page of products, newest first. Visitors see published products whatever
    /// `filter.status` says.
    pub async fn products(
        &self,
        mut filter: ProductFilter,
        locale: Option<&Locale>,
        region: Option<uuid::Uuid>,
    ) -> Result<AnswerPage, CommerceError> {
        if !self.staff {
            filter.status = Some(ProductStatus::Published);
        }
        let mode = price_mode(self.api, self.ctx, region).await?;
        let Some(index) = self.index().await? else {
            let page = catalog(&self.api.platform)
                .list_products(self.ctx, filter, locale, mode)
                .await?;
            return Ok(page.into());
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
            .map(|stored| Answer::visitor(stored, currency(mode), now))
            .collect::<Result<_, _>>()?;
        Ok(AnswerPage {
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
