//! Jianbao's binary: with no arguments the desktop app, with a subcommand the CLI.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    // `jianbao` opens the window; `jianbao ARCHIVE [FILES…]` opens that
    // archive in it (importing FILES); anything else is a CLI command.
    let archive = args
        .first()
        .map(std::path::PathBuf::from)
        .filter(|p| p.join(jianbao::archive::store::PROJECT_FILE).is_file());
    if args.is_empty() || archive.is_some() {
        let files = args.iter().skip(1).map(std::path::PathBuf::from).collect();
        return match jianbao::ui::run_with(archive, files) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("jianbao: {e:#}");
                ExitCode::from(2)
            }
        };
    }
    ExitCode::from(jianbao::cli::main())
}
