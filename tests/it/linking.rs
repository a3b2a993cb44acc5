//! How the binary is linked on Linux with glibc (README, "Speed"): static
//! and position-independent (`.cargo/config.toml` turns on `crt-static`,
//! so no dynamic loader runs at start and the address space is still
//! randomised); when a build overrides that (e.g. its own RUSTFLAGS), the
//! dynamic loader maps libc and nothing else (GCC's unwinder comes from
//! libgcc_eh.a, build.rs; `pow` is loaded from libm.so.6 on first use,
//! src/main.rs). Either way Tera's `**` computes exactly what glibc's `pow`
//! does.
#![cfg(all(target_os = "linux", target_env = "gnu"))]

use assert_fs::TempDir;
use assert_fs::prelude::*;

use crate::harness::{jobgen, stdout_of};

/// What binutils' readelf (installed wherever the C compiler that links
/// Rust is) prints about the binary with `option`.
fn readelf(option: &str, binary: &std::path::Path) -> String {
    let out = std::process::Command::new("readelf")
        .arg(option)
        .arg(binary)
        .output()
        .expect("readelf (binutils) runs");
    assert!(out.status.success(), "readelf failed: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The shared libraries the binary names (DT_NEEDED).
fn needed_libraries(binary: &std::path::Path) -> Vec<String> {
    readelf("--dynamic", binary)
        .lines()
        .filter(|l| l.contains("(NEEDED)"))
        .filter_map(|l| Some(l.split_once('[')?.1.trim_end_matches(']').to_string()))
        .collect()
}

#[cfg(target_feature = "crt-static")]
#[test]
fn the_binary_is_static_and_position_independent() {
    let binary = std::path::Path::new(env!("CARGO_BIN_EXE_jobgen"));
    let header = readelf("--file-header", binary);
    assert!(
        header
            .lines()
            .any(|l| l.trim_start().starts_with("Type:") && l.contains("DYN")),
        "a static binary that is not position-independent loses address-space randomisation:\n{header}"
    );
    let segments = readelf("--program-headers", binary);
    assert!(
        segments.contains("LOAD"),
        "readelf output was read:\n{segments}"
    );
    assert!(
        !segments.contains("INTERP"),
        "the binary asks for the dynamic loader (~0.2 ms at every start):\n{segments}"
    );
    assert_eq!(needed_libraries(binary), Vec::<String>::new());
}

#[cfg(not(target_feature = "crt-static"))]
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
