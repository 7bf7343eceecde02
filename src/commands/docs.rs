//! `amb completions bash|zsh|fish|powershell|elvish` and `amb man`: generated from the command line's own definition
//! (clap_complete, clap_mangen), so they can never drift from it.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;

use crate::cli::Cli;

/// Prints the completion script for `shell` to stdout.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<()> {
    let mut command = Cli::command();
    // Into memory first: clap_complete panics on a write error, such as a closed pipe.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "amb", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}

/// Prints amb.1 to stdout, or writes it and a page per command into `dir` (mode 0600).
pub fn man(dir: Option<&Path>) -> anyhow::Result<()> {
    let command = Cli::command();
    let Some(dir) = dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(command).render(&mut page)?;
        let mut out = std::io::stdout().lock();
        out.write_all(&page)?;
        out.flush()?;
        return Ok(());
    };
    std::fs::create_dir_all(dir)
        .map_err(|err| anyhow::anyhow!("cannot create the folder {}: {err}", dir.display()))?;
    let mut written = 0;
    write_pages(&command, "amb", dir, &mut written)?;
    eprintln!("Wrote {written} manual pages to {}", dir.display());
    Ok(())
}

/// Writes the page of `command` (named `name`, e.g. `amb-person-add`) and of each of its
/// subcommands.
fn write_pages(
    command: &clap::Command,
    name: &str,
    dir: &Path,
    written: &mut usize,
) -> anyhow::Result<()> {
    let command = command.clone().name(name.to_string());
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    crate::fs::write_atomically(&dir.join(format!("{name}.1")), |out| {
        out.write_all(&page)?;
        Ok(())
    })?;
    *written += 1;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, &format!("{name}-{}", sub.get_name()), dir, written)?;
    }
    Ok(())
}
