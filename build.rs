//! Compiles the built-in templates to Rust (build/compile.rs explains what
//! it understands); src/render/compiled.rs includes the result.

#[path = "build/compile.rs"]
mod compile;

use std::fmt::Write as _;

fn main() {
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
