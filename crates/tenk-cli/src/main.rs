//! `tenk`: the guidelines on the command line.
fn main() {
    eprintln!("tenk: under construction");
    std::process::exit(2);
}
