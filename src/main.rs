//! Jianbao's binary: with no arguments the desktop app, with a subcommand the CLI.

use std::process::ExitCode;

fn main() -> ExitCode {
    if std::env::args_os().len() <= 1 {
        return match jianbao::ui::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("jianbao: {e:#}");
                ExitCode::from(2)
            }
        };
    }
    ExitCode::from(jianbao::cli::main())
}
