use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = amb::cli::Cli::parse();
    match amb::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => amb::error::report(&err),
    }
}
