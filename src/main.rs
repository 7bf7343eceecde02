use std::process::ExitCode;

use clap::Parser;

/// mimalloc: an import's parser thread allocates what the storing thread frees, which
/// glibc's allocator makes slow (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match amb::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => match amb::cli::refused_value(&err) {
            Some(message) => {
                eprintln!("amb: {message}");
                return ExitCode::from(amb::error::EXIT_ERROR);
            }
            None => err.exit(),
        },
    };
    amb::interrupt::install();
    match amb::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => amb::error::report(&err),
    }
}
