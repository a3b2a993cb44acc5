//! How the binary is linked on Linux with glibc (README, "Speed"): the
//! dynamic loader maps libc and nothing else at start (GCC's unwinder comes
//! from libgcc_eh.a, build.rs; `pow` is loaded from libm.so.6 on first use,
//! src/main.rs), and Tera's `**` still computes exactly what glibc's `pow`
//! does.
#![cfg(all(target_os = "linux", target_env = "gnu"))]

use assert_fs::TempDir;
use assert_fs::prelude::*;

use crate::harness::{jobgen, stdout_of};

/// The shared libraries the binary names (DT_NEEDED), read by binutils'
/// readelf (installed wherever the C compiler that links Rust is).
fn needed_libraries(binary: &std::path::Path) -> Vec<String> {
    let out = std::process::Command::new("readelf")
        .arg("--dynamic")
        .arg(binary)
        .output()
        .expect("readelf (binutils) runs");
    assert!(out.status.success(), "readelf failed: {out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.contains("(NEEDED)"))
        .filter_map(|l| Some(l.split_once('[')?.1.trim_end_matches(']').to_string()))
        .collect()
}

#[test]
fn the_binary_needs_libc_alone() {
    let needed = needed_libraries(std::path::Path::new(env!("CARGO_BIN_EXE_jobgen")));
    assert!(
        needed.iter().any(|n| n == "libc.so.6"),
        "readelf output was read: {needed:?}"
    );
    let others: Vec<&String> = needed
        .iter()
        .filter(|n| *n != "libc.so.6" && !n.starts_with("ld-linux"))
        .collect();
    assert!(
        others.is_empty(),
        "each shared library costs the loader ~0.1 ms at every start; the binary also needs {others:?}"
    );
}

#[test]
fn the_power_operator_computes_what_glibc_computes() {
    // 300 float powers across magnitudes and signs of the exponent; a
    // different pow (e.g. FreeBSD's, which the libm crate ports) differs
    // from glibc's in the last bit for about one in twenty of these.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let cases: Vec<(String, String)> = (0..300)
        .map(|_| {
            let x = format!("{:.6}", (next() % 1_000_000_000) as f64 / 1e6 + 0.000_001);
            let y = format!("{:.4}", (next() % 400_000) as f64 / 1e4 - 20.0);
            (x, y)
        })
        .collect();
    let template: String = cases
        .iter()
        .map(|(x, y)| format!("{{{{ {x} ** {y} }}}}\n"))
        .collect();
    let dir = TempDir::new().unwrap();
    dir.child("tpl/powers.md.tera")
        .write_str(&template)
        .unwrap();
    stdout_of(jobgen().current_dir(dir.path()).args([
        "new",
        "a-b",
        "--no-input",
        "--templates",
        "tpl",
    ]));
    let written = std::fs::read_to_string(dir.path().join("a-b/powers.md")).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(lines.len(), cases.len());
    for ((x, y), line) in cases.iter().zip(lines) {
        let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
        let expected = x.powf(y);
        let got: f64 = line
            .parse()
            .unwrap_or_else(|_| panic!("{x} ** {y} printed {line:?}"));
        assert_eq!(
            got.to_bits(),
            expected.to_bits(),
            "{x} ** {y}: jobgen printed {got:e}, glibc's pow gives {expected:e}"
        );
    }
}
