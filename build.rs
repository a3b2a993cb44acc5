//! Compiles the built-in templates to Rust (build/compile.rs explains what
//! it understands); src/render/compiled.rs includes the result. On
//! Linux with glibc it also links GCC's unwinder statically in a dynamic
//! build (`link_unwinder_statically`) and, where the linker is Rust's own
//! lld, places the functions a run needs side by side
//! (`order_hot_functions`) and packs a static binary's relocations
//! (`pack_relative_relocations`).

#[path = "build/compile.rs"]
mod compile;

use std::fmt::Write as _;

fn main() {
    compile_templates();
    link_unwinder_statically();
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    if linker_is_lld() {
        order_hot_functions();
        pack_relative_relocations();
    }
}

fn compile_templates() {
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

/// Links libgcc_eh.a (GCC's unwinder, the archive `-C target-feature=+crt-static`
/// links) instead of loading libgcc_s.so at every start: one shared
/// library fewer for the dynamic loader, 0.16 ms of a 2 ms run (README,
/// Speed). The linker takes the unwinder's symbols from the archive before
/// it meets `-lgcc_s`, and `--as-needed` then drops libgcc_s.so. Only for a
/// native linux-gnu build whose C compiler knows where the archive is;
/// anything else links as Rust always does.
fn link_unwinder_statically() {
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "linux"
        || var("CARGO_CFG_TARGET_ENV") != "gnu"
        || var("TARGET") != var("HOST")
        || static_build()
    {
        return;
    }
    let cc = std::env::var("RUSTC_LINKER").unwrap_or_else(|_| "cc".to_owned());
    let Ok(out) = std::process::Command::new(cc)
        .arg("-print-file-name=libgcc_eh.a")
        .output()
    else {
        return;
    };
    let archive = std::path::PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    // A compiler without the archive prints the bare name back.
    let (true, Some(dir)) = (archive.is_absolute() && archive.is_file(), archive.parent()) else {
        return;
    };
    println!("cargo:rustc-link-search=native={}", dir.display());
    println!("cargo:rustc-link-lib=static:-bundle=gcc_eh");
}

/// Hands build/hot-functions.txt (written by bench/hot-functions.py) to
/// the linker, which then lays those functions out first and side by side:
/// a run faults in a few dozen pages of code instead of functions
/// scattered over the whole binary (5-6 % of `new --stdout`, README
/// "Speed"). Names the binary no longer has are ignored.
fn order_hot_functions() {
    const FILE: &str = "build/hot-functions.txt";
    println!("cargo:rerun-if-changed={FILE}");
    let path =
        std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join(FILE);
    if path.is_file() {
        println!(
            "cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
            path.display()
        );
        println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    }
}

/// Packs the relative relocations of a static binary (`-z
/// pack-relative-relocs`, DT_RELR): 9,300 of them shrink from 220 KB to
/// 2 KB, and the start-up code that applies them reads two pages instead
/// of fifty-five (0.97x `new`, README "Speed"). Only in a static build
/// (`.cargo/config.toml`) whose glibc is 2.36 or later: a static binary
/// carries the start-up code of the glibc it was linked with, and older
/// ones ignore DT_RELR, which would leave every pointer unrelocated.
fn pack_relative_relocations() {
    if static_build() && glibc_at_least(2, 36) {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// Whether the C library this build script runs on (in a native build,
/// the one the binary is linked with) is glibc `major.minor` or later.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn glibc_at_least(major: u32, minor: u32) -> bool {
    unsafe extern "C" {
        fn gnu_get_libc_version() -> *const std::ffi::c_char;
    }
    // SAFETY: glibc returns a static NUL-terminated string such as "2.36";
    // this is only called in a native linux-gnu build (`linker_is_lld`).
    let version = unsafe { std::ffi::CStr::from_ptr(gnu_get_libc_version()) };
    let mut parts = version
        .to_str()
        .unwrap_or_default()
        .split('.')
        .map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0)) >= (major, minor)
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn glibc_at_least(_major: u32, _minor: u32) -> bool {
    false
}

/// Whether the C runtime is linked statically (`crt-static`, which
/// `.cargo/config.toml` turns on for linux-gnu).
fn static_build() -> bool {
    std::env::var("CARGO_CFG_TARGET_FEATURE")
        .unwrap_or_default()
        .split(',')
        .any(|f| f == "crt-static")
}

/// Whether the linker is known to be lld: Rust's default for a native
/// x86_64-unknown-linux-gnu build since 1.90, unless the build chooses its
/// own linker (RUSTC_LINKER, or linker flags in its rustflags).
fn linker_is_lld() -> bool {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    var("TARGET") == "x86_64-unknown-linux-gnu"
        && var("HOST") == var("TARGET")
        && std::env::var_os("RUSTC_LINKER").is_none()
        && !var("CARGO_ENCODED_RUSTFLAGS").contains("link")
        && rustc_links_with_lld(&var("RUSTC"))
}

/// Whether this rustc is 1.90 or later (lld by default on x86_64 Linux).
fn rustc_links_with_lld(rustc: &str) -> bool {
    let Ok(out) = std::process::Command::new(rustc).arg("-vV").output() else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let release = text
        .lines()
        .find_map(|l| l.strip_prefix("release: "))
        .unwrap_or_default();
    let mut parts = release
        .split(['.', '-'])
        .map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    (major, minor) >= (1, 90)
}
