use std::process::ExitCode;

fn main() -> ExitCode {
    yuanqu::cli::main()
}
