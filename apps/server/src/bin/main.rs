use std::ffi::OsString;

use migration::Migrator;
use rustok_server::app::App;

#[tokio::main]
async fn main() {
    banner_off_for_json_logs();
    if let Err(err) = loco_rs::cli::main::<App, Migrator>().await {
        let args: Vec<OsString> = std::env::args_os().collect();
        let message = rustok_server::app::explain_database_error(&environment_of(&args), &err)
            .await
            .unwrap_or_else(|| err.to_string());
        eprintln!("rustok-server: {message}");
        std::process::exit(1);
    }
}

/// Loco prints its banner to standard output; where logs are JSON lines (production) that output
/// must stay machine-readable, so `start` then runs as `start --no-banner`. Loco's CLI reads the
/// process arguments itself, hence the re-exec (Unix; elsewhere the banner stays).
fn banner_off_for_json_logs() {
    let args: Vec<OsString> = std::env::args_os().collect();
    if !args.iter().any(|a| a == "start") || args.iter().any(|a| a == "--no-banner") {
        return;
    }
    if !rustok_server::app::logs_are_json(&environment_of(&args)) {
        return;
    }
    #[cfg(unix)]
    if let Ok(exe) = std::env::current_exe() {
        use std::os::unix::process::CommandExt;
        let err = std::process::Command::new(exe)
            .args(&args[1..])
            .arg("--no-banner")
            .exec();
        eprintln!("rustok-server: cannot restart without the banner: {err}");
    }
}

/// The environment Loco will pick: `-e`/`--environment`, else `LOCO_ENV` (and its aliases).
fn environment_of(args: &[OsString]) -> loco_rs::environment::Environment {
    let flag = args.windows(2).find_map(|pair| {
        (pair[0] == "-e" || pair[0] == "--environment").then(|| pair[1].to_string_lossy().into())
    });
    let inline = args.iter().find_map(|a| {
        a.to_str()
            .and_then(|a| a.strip_prefix("--environment="))
            .map(str::to_string)
    });
    flag.or(inline)
        .unwrap_or_else(loco_rs::environment::resolve_from_env)
        .into()
}
