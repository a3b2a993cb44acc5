//! The jobgen command. On Linux with glibc the C runtime calls `main`
//! below directly, without std's start-up (README, "Speed"); the unit-test
//! build of this file keeps std's `main` for the test harness.
#![cfg_attr(all(target_os = "linux", target_env = "gnu", not(test)), no_main)]

#[cfg(any(not(all(target_os = "linux", target_env = "gnu")), test))]
fn main() -> std::process::ExitCode {
    jobgen::run(std::env::args_os())
}

/// `main` as the C runtime calls it, doing itself the part of std's
/// start-up jobgen relies on: stdin, stdout and stderr are open (on
/// `/dev/null` if the caller closed one, so no file jobgen opens takes
/// their number and receives its output) and SIGPIPE is ignored (a closed
/// pipe is a write error jobgen reports, not a silent death). What it
/// leaves out: std's handler that names a stack overflow (which then ends
/// the process with SIGSEGV and no message; jobgen's recursion is bounded)
/// and its reading of `/proc/self/maps` to find the main thread's stack
/// for that handler: 0.04 ms of a 1.6 ms run. The arguments come from
/// glibc as before (std reads them in an `.init_array` function); std's
/// buffered stdout is flushed before returning, as std's own exit does.
#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
#[unsafe(no_mangle)]
extern "C" fn main(
    _argc: std::ffi::c_int,
    _argv: *const *const std::ffi::c_char,
) -> std::ffi::c_int {
    start::standard_streams_open();
    start::ignore_sigpipe();
    let code = jobgen::run_code(std::env::args_os());
    let _ = std::io::Write::flush(&mut std::io::stdout());
    code.into()
}

/// The two parts of std's start-up that `main` does itself, as std does
/// them (library/std/src/sys/pal/unix/mod.rs).
#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
mod start {
    /// Opens `/dev/null` on whichever of descriptors 0, 1 and 2 is closed
    /// (open takes the lowest free number); aborts if it cannot, as std does.
    pub fn standard_streams_open() {
        let mut fds = [0, 1, 2].map(|fd| libc::pollfd {
            fd,
            events: 0,
            revents: 0,
        });
        // SAFETY: three valid pollfd structures, no wait.
        let polled = unsafe { libc::poll(fds.as_mut_ptr(), 3, 0) } != -1;
        for pfd in &fds {
            let closed = if polled {
                pfd.revents & libc::POLLNVAL != 0
            } else {
                // SAFETY: F_GETFD takes no argument and only reads the flags.
                (unsafe { libc::fcntl(pfd.fd, libc::F_GETFD) }) == -1
            };
            // SAFETY: a NUL-terminated path; the descriptor stays open for
            // the life of the process, as std's does.
            if closed && unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) } == -1 {
                // SAFETY: ends the process.
                unsafe { libc::abort() }
            }
        }
    }

    /// SIGPIPE ignored, as std sets it before `main`.
    pub fn ignore_sigpipe() {
        // SAFETY: SIG_IGN is a valid disposition for SIGPIPE.
        if unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) } == libc::SIG_ERR {
            // SAFETY: ends the process.
            unsafe { libc::abort() }
        }
    }
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
