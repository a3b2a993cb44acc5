//! Compiles the built-in templates to Rust (build/compile.rs explains what
//! it understands); src/render/compiled.rs includes the result. Packs the
//! binary's relative relocations where the system's loader reads them.

#[path = "build/compile.rs"]
mod compile;

use std::fmt::Write as _;

fn main() {
    if packed_relocations_load() {
        // DT_RELR: the loader applies the binary's 7,850 relative
        // relocations from a 2 KB bitmap instead of 188 KB of records (5 %
        // off `new --stdout`). The linker also records a need for
        // GLIBC_ABI_DT_RELR, so an older loader refuses the binary by name.
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    println!("cargo:rerun-if-changed=build/compile.rs");
    println!("cargo:rerun-if-changed=templates");
    let mut names: Vec<String> = std::fs::read_dir("templates")
        .expect("the templates folder is part of the source")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".tera"))
        .collect();
    names.sort();
    let mut code = String::new();
    let mut table = String::new();
    for (i, name) in names.iter().enumerate() {
        let path = format!("templates/{name}");
        println!("cargo:rerun-if-changed={path}");
        let src = std::fs::read_to_string(&path).expect("a built-in template is UTF-8");
        let fn_name = format!("template_{i}");
        match compile::compile(&fn_name, &src) {
            Ok(f) => code.push_str(&f),
            Err(e) => {
                panic!("{path}: the template compiler (build/compile.rs) does not understand {e}")
            }
        }
        writeln!(table, "    ({name:?}, {fn_name}),").unwrap();
    }
    writeln!(
        code,
        "/// Every built-in template, by file name.\npub(super) static COMPILED: [(&str, Render); {}] = [\n{table}];",
        names.len()
    )
    .unwrap();
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("compiled_templates.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}

/// True when building on and for x86_64 Linux with glibc 2.36 or later
/// (the first to load DT_RELR), linked by rust-lld, Rust's default there.
fn packed_relocations_load() -> bool {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "linux"
        || var("CARGO_CFG_TARGET_ENV") != "gnu"
        || var("CARGO_CFG_TARGET_ARCH") != "x86_64"
        || var("HOST") != var("TARGET")
    {
        return false;
    }
    let Ok(out) = std::process::Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
    else {
        return false;
    };
    glibc_at_least(&String::from_utf8_lossy(&out.stdout), (2, 36))
}

/// `getconf GNU_LIBC_VERSION` prints e.g. `glibc 2.36`.
fn glibc_at_least(text: &str, want: (u32, u32)) -> bool {
    let Some(version) = text.trim().strip_prefix("glibc ") else {
        return false;
    };
    let mut parts = version.split('.').map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(major), Some(minor)) => (major, minor) >= want,
        _ => false,
    }
}
