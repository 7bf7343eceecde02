use std::process::ExitCode;

use clap::Parser;

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
