/// A bump buffer of 1 MiB in front of the system allocator (src/arena.rs).
#[global_allocator]
static ALLOCATOR: jobgen::arena::Arena<{ 1 << 20 }> = jobgen::arena::Arena::new();

fn main() -> std::process::ExitCode {
    // A `new` uses 310-430 KiB of the buffer: mapped in one call, not in
    // a hundred page faults.
    ALLOCATOR.prefault(384 << 10);
    jobgen::run(std::env::args_os())
}
