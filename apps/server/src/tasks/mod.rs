//! CLI tasks: `rustok-server task <name> key:value ...`.

pub mod create_super_admin;
pub mod create_tenant;
pub mod reindex;
pub mod seed_catalog;

use loco_rs::task::Vars;

/// The values of `required` arguments, or one error naming every missing one and the usage.
pub(crate) fn required_args<'a, const N: usize>(
    vars: &'a Vars,
    task: &str,
    required: [&str; N],
    usage: &str,
) -> loco_rs::Result<[&'a str; N]> {
    let missing: Vec<String> = required
        .iter()
        .filter(|name| vars.cli.get(**name).is_none_or(|v| v.trim().is_empty()))
        .map(|name| format!("{name}:"))
        .collect();
    if !missing.is_empty() {
        return Err(loco_rs::Error::string(&format!(
            "{task} needs {}; usage: rustok-server task {task} {usage}",
            missing.join(", ")
        )));
    }
    Ok(required.map(|name| vars.cli.get(name).map_or("", String::as_str)))
}
