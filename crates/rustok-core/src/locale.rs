//! Locales: BCP 47-style tags (`en`, `de`, `pt-BR`, `zh-Hant`), validated once at the edge.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

const MAX_LOCALE_LEN: usize = 35;

/// What [`Locale`] parses, as an ECMA-262 pattern (OpenAPI `pattern`; see [`crate::pattern`]):
/// surrounding whitespace, then at most 35 characters: a 2–3 letter language and `-` (or `_`) subtags of 2–8 letters or
/// digits, any case.
pub const LOCALE_PATTERN: &str = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9_-]{2,35}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a locale (expected a tag like `en`, `de`, `pt-BR`)")]
pub struct LocaleError(pub String);

/// A language tag: a 2–3 letter language, then optional `-` subtags of 2–8 letters or digits.
/// Stored in its canonical case (language lower-case, 2-letter region upper-case).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Locale(String);

impl Locale {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `en`: the language of a tenant that has not chosen any.
    pub fn english() -> Self {
        Self("en".to_string())
    }
}

impl FromStr for Locale {
    type Err = LocaleError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || LocaleError(text.chars().take(MAX_LOCALE_LEN + 5).collect());
        let text = text.trim().replace('_', "-");
        if text.is_empty() || text.len() > MAX_LOCALE_LEN {
            return Err(invalid());
        }
        let mut parts = text.split('-');
        let language = parts.next().unwrap_or_default();
        if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic())
        {
            return Err(invalid());
        }
        let mut canonical = language.to_ascii_lowercase();
        for part in parts {
            if !(2..=8).contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(invalid());
            }
            canonical.push('-');
            if part.len() == 2 && part.bytes().all(|b| b.is_ascii_alphabetic()) {
                canonical.push_str(&part.to_ascii_uppercase());
            } else if part.len() == 4 && part.bytes().all(|b| b.is_ascii_alphabetic()) {
                // Script subtag: title case (`Hant`).
                let mut chars = part.chars();
                if let Some(first) = chars.next() {
                    canonical.push(first.to_ascii_uppercase());
                    canonical.push_str(&chars.as_str().to_ascii_lowercase());
                }
            } else {
                canonical.push_str(part);
            }
        }
        Ok(Self(canonical))
    }
}

impl TryFrom<String> for Locale {
    type Error = LocaleError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<Locale> for String {
    fn from(locale: Locale) -> Self {
        locale.0
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<LocaleError> for crate::Error {
    fn from(err: LocaleError) -> Self {
        crate::Error::invalid_field("locale", err.to_string())
    }
}

/// A tenant's languages: the default (the fallback of every read) and the enabled ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalePolicy {
    pub default: Locale,
    pub enabled: Vec<Locale>,
}

impl LocalePolicy {
    pub fn single(locale: Locale) -> Self {
        Self {
            enabled: vec![locale.clone()],
            default: locale,
        }
    }

    pub fn allows(&self, locale: &Locale) -> bool {
        self.enabled.contains(locale) || &self.default == locale
    }

    /// The locale a write may use: it must be enabled.
    pub fn check(&self, locale: &Locale) -> Result<(), crate::Error> {
        if self.allows(locale) {
            Ok(())
        } else {
            Err(crate::Error::invalid_field(
                "locale",
                format!("`{locale}` is not enabled for this tenant"),
            ))
        }
    }

    /// Read order: the requested locale (if enabled), then the tenant default.
    pub fn fallback_chain(&self, requested: Option<&Locale>) -> Vec<Locale> {
        let mut chain = Vec::with_capacity(2);
        if let Some(requested) = requested.filter(|l| self.allows(l)) {
            chain.push(requested.clone());
        }
        if !chain.contains(&self.default) {
            chain.push(self.default.clone());
        }
        chain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonicalises_tags() {
        assert_eq!("EN".parse::<Locale>().unwrap().as_str(), "en");
        assert_eq!("pt_br".parse::<Locale>().unwrap().as_str(), "pt-BR");
        assert_eq!(
            "zh-hant-tw".parse::<Locale>().unwrap().as_str(),
            "zh-Hant-TW"
        );
    }

    #[test]
    fn refuses_garbage() {
        for bad in [
            "",
            "e",
            "english",
            "en-",
            "en--US",
            "<script>",
            "en-US-x",
            &"en-".repeat(20),
        ] {
            assert!(bad.parse::<Locale>().is_err(), "{bad}");
        }
    }

    #[test]
    fn falls_back_to_the_default() {
        let en: Locale = "en".parse().unwrap();
        let de: Locale = "de".parse().unwrap();
        let fr: Locale = "fr".parse().unwrap();
        let policy = LocalePolicy {
            default: en.clone(),
            enabled: vec![en.clone(), de.clone()],
        };
        assert_eq!(
            policy.fallback_chain(Some(&de)),
            vec![de.clone(), en.clone()]
        );
        assert_eq!(policy.fallback_chain(Some(&fr)), vec![en.clone()]);
        assert_eq!(policy.fallback_chain(None), vec![en.clone()]);
        assert!(policy.check(&fr).is_err());
    }
}
