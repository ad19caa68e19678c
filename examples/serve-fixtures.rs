//! Serve tests/data/fetch on 127.0.0.1 to try `yuanqu fetch` by hand (docs/fetch.md):
//!     cargo run --example serve-fixtures -- 8000

#[allow(dead_code)] // the tests use more of it than this example does
#[path = "../tests/support/fixture_server.rs"]
mod fixture_server;

fn main() {
    let port = std::env::args()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(8000);
    let server = fixture_server::FixtureServer::start(port);
    eprintln!(
        "serving tests/data/fetch at {} (Ctrl-C to stop)",
        server.base
    );
    server.wait();
}
