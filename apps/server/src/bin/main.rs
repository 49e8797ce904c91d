use migration::Migrator;
use rustok_server::app::App;

#[tokio::main]
async fn main() {
    if let Err(err) = loco_rs::cli::main::<App, Migrator>().await {
        eprintln!("rustok-server: {err}");
        std::process::exit(1);
    }
}
