//! The floor for `bench/compare.sh`: read an NDJSON file line by line and parse each line
//! to a `serde_json::Value`, doing nothing else. Prints the number of lines parsed.
//!
//! `cargo run --release --example jsonfloor -- FILE`

use std::io::BufRead;

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).expect("usage: jsonfloor FILE");
    let reader = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
    let mut n = 0usize;
    let mut bad = 0usize;
    for line in reader.split(b'\n') {
        let line = line?;
        if line.is_empty() {
            continue;
        }
        match serde_json::from_slice::<serde_json::Value>(&line) {
            Ok(v) => {
                std::hint::black_box(v);
                n += 1;
            }
            Err(_) => bad += 1,
        }
    }
    println!("{n} lines parsed, {bad} not JSON");
    Ok(())
}
