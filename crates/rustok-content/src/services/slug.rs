use crate::ContentError;

pub const MAX_SLUG_LEN: usize = 200;

/// A URL slug from a title: lower-case ASCII letters and digits joined by single hyphens.
/// Latin letters with accents are spelt in ASCII (`Über` → `ueber`, `é` → `e`, `ß` → `ss`);
/// other scripts are dropped, and an empty result is the caller's to replace.
pub fn slugify(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for ch in title.chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if let Some(ascii) = fold_latin(ch) {
            slug.push_str(ascii);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= MAX_SLUG_LEN {
            slug.truncate(MAX_SLUG_LEN);
            break;
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// The ASCII spelling of a Latin letter with a diacritic (lower case), German umlauts as two
/// letters.
fn fold_latin(ch: char) -> Option<&'static str> {
    let lower = ch.to_lowercase().next()?;
    Some(match lower {
        'ä' | 'æ' => "ae",
        'ö' | 'ø' | 'œ' => "oe",
        'ü' => "ue",
        'ß' => "ss",
        'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' | 'ĺ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ō' | 'ő' => "o",
        'ř' | 'ŕ' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    })
}

/// A slug given by a client: `[a-z0-9-]` (upper case read as lower), 1..=200, no edge or double
/// hyphens, surrounding whitespace trimmed ([`crate::dto::patterns::SLUG`] in the API).
pub fn validate_slug(slug: &str) -> Result<String, ContentError> {
    let slug = slug.trim().to_ascii_lowercase();
    let ok = !slug.is_empty()
        && slug.len() <= MAX_SLUG_LEN
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--");
    if ok {
        Ok(slug)
    } else {
        Err(ContentError::invalid(
            "slug",
            "use 1-200 lower-case letters, digits and single hyphens",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugifies_titles() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(
            slugify("  Rust & SQLite: 2x faster  "),
            "rust-sqlite-2x-faster"
        );
        assert_eq!(slugify("Привет"), "");
        assert_eq!(slugify("Über uns"), "ueber-uns");
        assert_eq!(slugify("Größe & Café Señor"), "groesse-cafe-senor");
        assert!(slugify(&"a b ".repeat(500)).len() <= MAX_SLUG_LEN);
    }

    #[test]
    fn validates_given_slugs() {
        assert_eq!(validate_slug("About-Us").unwrap(), "about-us");
        assert_eq!(validate_slug(" about\n").unwrap(), "about");
        for bad in ["", " ", "-a", "a-", "a--b", "a b", "a/b", "<x>", "é"] {
            assert!(validate_slug(bad).is_err(), "{bad}");
        }
        // The limit counts the slug once trimmed.
        assert!(validate_slug(&format!(" {} ", "a".repeat(MAX_SLUG_LEN))).is_ok());
        assert!(validate_slug(&"a".repeat(MAX_SLUG_LEN + 1)).is_err());
    }
}
