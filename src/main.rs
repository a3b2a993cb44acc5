fn main() -> std::process::ExitCode {
    jobgen::run(std::env::args_os())
}

/// glibc's `pow`, loaded when first called instead of at every start.
///
/// `pow` is the only libm function jobgen's code can reach (Tera's `**`
/// operator on floats, through `f64::powf`, which only a team template
/// uses). Defined here, it is what the linker binds that call to, and
/// `--as-needed` leaves libm.so out of the binary: one shared library
/// fewer for the dynamic loader at every start, 0.11 ms of a 2 ms run
/// (README, "Speed"). On first use this opens libm.so.6 and calls its own
/// `pow`, so results are glibc's to the last bit
/// (`tests/it/linking.rs` compares them). Not in a static build
/// (`.cargo/config.toml`), which links glibc's own `pow` from libm.a.
#[cfg(all(
    target_os = "linux",
    target_env = "gnu",
    not(target_feature = "crt-static")
))]
mod pow_on_demand {
    use std::ffi::{c_char, c_int, c_void};
    use std::sync::OnceLock;

    unsafe extern "C" {
        fn dlopen(file: *const c_char, mode: c_int) -> *mut c_void;
        fn dlsym(handle: *mut c_void, name: *const c_char) -> *mut c_void;
    }

    const RTLD_NOW: c_int = 2;

    type Pow = extern "C" fn(f64, f64) -> f64;

    static GLIBC_POW: OnceLock<Pow> = OnceLock::new();

    #[unsafe(no_mangle)]
    pub extern "C" fn pow(x: f64, y: f64) -> f64 {
        let pow = GLIBC_POW.get_or_init(|| {
            // SAFETY: both names are NUL-terminated; a handle from dlopen
            // is searched in libm and its own dependencies, never in this
            // executable, so the symbol found is libm's `pow`, whose C
            // signature is `double pow(double, double)`.
            let symbol = unsafe {
                let libm = dlopen(c"libm.so.6".as_ptr(), RTLD_NOW);
                if libm.is_null() {
                    std::ptr::null_mut()
                } else {
                    dlsym(libm, c"pow".as_ptr())
                }
            };
            if symbol.is_null() {
                eprintln!("jobgen: cannot load pow from libm.so.6 (the C maths library)");
                std::process::exit(jobgen::error::exit::IO.into());
            }
            // SAFETY: see above.
            unsafe { std::mem::transmute::<*mut c_void, Pow>(symbol) }
        });
        pow(x, y)
    }
}
