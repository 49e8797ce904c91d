//! The process's log subscriber, in place of Loco's: every crate of the workspace logs at the
//! configured level (Loco's default whitelists its own modules only), colours only on a terminal,
//! and a JSON log carries no banner (see `bin/main.rs`).

use std::io::IsTerminal;

use loco_rs::config::Logger;
use loco_rs::logger::{Format, LogLevel};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Libraries that are chatty at `info`/`debug`; everything else logs at the configured level.
const QUIET: &str = "sqlx=warn,hyper=warn,h2=warn,rustls=warn,tower=warn";

/// The filter: `RUST_LOG` wins, then `logger.override_filter`, then the configured level for every
/// target (with [`QUIET`] libraries at `warn`). A default directive, so a new crate needs no entry.
pub fn filter_directives(
    rust_log: Option<&str>,
    override_filter: Option<&str>,
    level: &LogLevel,
) -> String {
    let non_empty = |s: &&str| !s.trim().is_empty();
    match (
        rust_log.filter(non_empty),
        override_filter.filter(non_empty),
    ) {
        (Some(env), _) => env.to_string(),
        (None, Some(configured)) => configured.to_string(),
        (None, None) => format!("{level},{QUIET}"),
    }
}

/// Colours only when standard output is a terminal and `NO_COLOR` is unset.
pub fn use_ansi(stdout_is_terminal: bool, no_color: Option<&str>) -> bool {
    stdout_is_terminal && no_color.is_none_or(str::is_empty)
}

/// Installs the global subscriber. Returns `false` (and installs nothing) when logging is off.
pub fn init(config: &Logger) -> loco_rs::Result<bool> {
    if !config.enable {
        return Ok(false);
    }
    let rust_log = std::env::var("RUST_LOG").ok();
    let directives = filter_directives(
        rust_log.as_deref(),
        config.override_filter.as_deref(),
        &config.level,
    );
    let filter = EnvFilter::try_new(&directives).map_err(|err| {
        loco_rs::Error::string(&format!("invalid log filter `{directives}`: {err}"))
    })?;
    let no_color = std::env::var("NO_COLOR").ok();
    let ansi = use_ansi(std::io::stdout().is_terminal(), no_color.as_deref());
    let layer = loco_rs::logger::init_layer(std::io::stdout, &config.format, ansi);
    tracing_subscriber::registry()
        .with(layer)
        .with(filter)
        .try_init()
        .map_err(|err| loco_rs::Error::string(&format!("cannot install the logger: {err}")))?;
    Ok(true)
}

/// Whether `config` writes JSON lines (then nothing else may go to standard output).
pub fn is_json(config: &Logger) -> bool {
    config.enable && matches!(config.format, Format::Json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_filter_covers_every_crate_at_the_level() {
        let directives = filter_directives(None, None, &LogLevel::Info);
        assert!(directives.starts_with("info,"), "{directives}");
        let filter = EnvFilter::try_new(&directives).unwrap();
        // A bare level directive is the default for every target, workspace crates included.
        assert!(filter.to_string().contains("info"));
    }

    #[test]
    fn rust_log_wins_then_the_configured_override() {
        assert_eq!(
            filter_directives(Some("debug"), Some("warn"), &LogLevel::Info),
            "debug"
        );
        assert_eq!(
            filter_directives(None, Some("warn,rustok_api=info"), &LogLevel::Info),
            "warn,rustok_api=info"
        );
        assert_eq!(
            filter_directives(Some(" "), Some(""), &LogLevel::Warn),
            format!("warn,{QUIET}")
        );
    }

    #[test]
    fn colours_only_on_a_terminal_without_no_color() {
        assert!(use_ansi(true, None));
        assert!(use_ansi(true, Some("")));
        assert!(!use_ansi(true, Some("1")));
        assert!(!use_ansi(false, None));
    }
}
