//! The binary's allocator: the first allocations of a run come from a
//! fixed buffer by bumping an offset, everything after it (and anything
//! large) from the system allocator.
//!
//! A `jobgen new` makes about 1,200 allocations, nearly all small and
//! nearly none freed before the process ends; glibc's malloc takes its slow
//! path for most of them (a fresh heap has nothing to reuse) and was a
//! quarter of the run's instructions. Bumping costs a few instructions.
//! Memory freed inside the buffer is not reused (except the newest
//! allocation, which gives its room back), so a long run (`check` over
//! thousands of folders) fills the buffer early and then runs on the
//! system allocator as before: at most the buffer's size is ever held
//! beyond what the system allocator would hold.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::{AcqRel, Acquire};

/// A bump buffer of `N` bytes in front of the system allocator.
pub struct Arena<const N: usize> {
    buf: UnsafeCell<[u8; N]>,
    /// Offset of the first free byte.
    next: AtomicUsize,
}

// SAFETY: the buffer is only handed out in disjoint pieces, claimed with
// an atomic compare-and-swap on `next` (acquire-release, so a piece given
// back by one thread and claimed by another is ordered between them).
unsafe impl<const N: usize> Sync for Arena<N> {}

impl<const N: usize> Arena<N> {
    /// Allocations larger than this go to the system allocator, so one big
    /// buffer does not use the arena up.
    const LARGEST: usize = N / 16;

    pub const fn new() -> Self {
        Arena {
            buf: UnsafeCell::new([0; N]),
            next: AtomicUsize::new(0),
        }
    }

    fn start(&self) -> usize {
        self.buf.get() as usize
    }

    /// True when `p` points into the buffer.
    pub fn owns(&self, p: *const u8) -> bool {
        let a = p as usize;
        a >= self.start() && a < self.start() + N
    }

    /// Asks the kernel to map the first `len` bytes of the buffer now, in
    /// one call, rather than page by page as they are first written.
    pub fn prefault(&self, len: usize) {
        let start = self.start().next_multiple_of(4096);
        let end = (self.start() + N.min(len)) / 4096 * 4096;
        if end > start {
            // SAFETY: the range lies inside the buffer, which lives for
            // the whole process; populating changes no contents.
            let _ = unsafe {
                rustix::mm::madvise(
                    start as *mut std::ffi::c_void,
                    end - start,
                    rustix::mm::Advice::LinuxPopulateWrite,
                )
            };
        }
    }

    /// Bytes of the buffer handed out so far.
    pub fn used(&self) -> usize {
        self.next.load(Acquire)
    }

    /// A piece of the buffer for `layout`, or null when it does not fit.
    fn bump(&self, layout: Layout) -> *mut u8 {
        if layout.size() > Self::LARGEST {
            return std::ptr::null_mut();
        }
        let mut current = self.next.load(Acquire);
        loop {
            let Some(addr) = (self.start() + current).checked_next_multiple_of(layout.align())
            else {
                return std::ptr::null_mut();
            };
            let end = addr - self.start() + layout.size();
            if end > N {
                return std::ptr::null_mut();
            }
            match self
                .next
                .compare_exchange_weak(current, end, AcqRel, Acquire)
            {
                // The offset stays inside the buffer: a pointer into it.
                Ok(_) => {
                    return self
                        .buf
                        .get()
                        .cast::<u8>()
                        .wrapping_add(addr - self.start());
                }
                Err(now) => current = now,
            }
        }
    }
}

impl<const N: usize> Default for Arena<N> {
    fn default() -> Self {
        Self::new()
    }
}

// SAFETY: pieces of the buffer are disjoint, aligned as asked and at least
// as large as asked; a piece is only given back or resized while it is the
// newest (checked atomically); everything else is the system allocator's,
// recognised by address.
unsafe impl<const N: usize> GlobalAlloc for Arena<N> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = self.bump(layout);
        if p.is_null() {
            // SAFETY: the caller's layout, as GlobalAlloc requires.
            unsafe { System.alloc(layout) }
        } else {
            p
        }
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        if self.owns(p) {
            // The newest piece gives its room back; any other stays used.
            let offset = p as usize - self.start();
            let _ = self
                .next
                .compare_exchange(offset + layout.size(), offset, AcqRel, Acquire);
        } else {
            // SAFETY: p came from System.alloc with this layout.
            unsafe { System.dealloc(p, layout) }
        }
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !self.owns(p) {
            // SAFETY: p came from System with this layout.
            return unsafe { System.realloc(p, layout, new_size) };
        }
        let offset = p as usize - self.start();
        if new_size <= layout.size() {
            let _ = self.next.compare_exchange(
                offset + layout.size(),
                offset + new_size,
                AcqRel,
                Acquire,
            );
            return p;
        }
        // The newest piece grows in place while the buffer has room.
        if new_size <= Self::LARGEST
            && offset + new_size <= N
            && self
                .next
                .compare_exchange(offset + layout.size(), offset + new_size, AcqRel, Acquire)
                .is_ok()
        {
            return p;
        }
        // SAFETY: new_size is non-zero and, rounded to the alignment, does
        // not overflow (GlobalAlloc::realloc's contract).
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: a valid, non-zero layout.
        let q = unsafe { self.alloc(new_layout) };
        if !q.is_null() {
            // SAFETY: both pieces are live, disjoint and at least
            // layout.size() long.
            unsafe {
                std::ptr::copy_nonoverlapping(p, q, layout.size());
                self.dealloc(p, layout);
            }
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SMALL: Arena<4096> = Arena::new();

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn pieces_are_aligned_disjoint_and_big_ones_go_to_the_system() {
        let arena: &'static Arena<4096> = Box::leak(Box::new(Arena::new()));
        // SAFETY: valid layouts; every piece is freed with its own layout.
        unsafe {
            let a = arena.alloc(layout(3, 1));
            let b = arena.alloc(layout(8, 8));
            let c = arena.alloc(layout(16, 64));
            for (p, align) in [(a, 1), (b, 8), (c, 64)] {
                assert!(arena.owns(p));
                assert_eq!(p as usize % align, 0);
            }
            assert!(b as usize >= a as usize + 3);
            assert!(c as usize >= b as usize + 8);
            // Larger than a sixteenth of the buffer: the system's.
            let big = arena.alloc(layout(4096 / 16 + 1, 1));
            assert!(!big.is_null() && !arena.owns(big));
            arena.dealloc(big, layout(4096 / 16 + 1, 1));
            for (p, l) in [(c, layout(16, 64)), (b, layout(8, 8)), (a, layout(3, 1))] {
                arena.dealloc(p, l);
            }
        }
    }

    #[test]
    fn the_newest_piece_is_given_back_and_grows_in_place() {
        let arena: &'static Arena<4096> = Box::leak(Box::new(Arena::new()));
        // SAFETY: valid layouts and sizes; pieces freed with their layouts.
        unsafe {
            let a = arena.alloc(layout(10, 1));
            let used = arena.used();
            let b = arena.alloc(layout(20, 1));
            arena.dealloc(b, layout(20, 1));
            assert_eq!(arena.used(), used, "the newest piece gave its room back");
            a.write_bytes(7, 10);
            let grown = arena.realloc(a, layout(10, 1), 200);
            assert_eq!(grown, a, "the newest piece grew in place");
            assert_eq!(std::slice::from_raw_parts(grown, 10), &[7; 10]);
            // Not the newest any more: moved, contents kept.
            let c = arena.alloc(layout(8, 1));
            let moved = arena.realloc(grown, layout(200, 1), 230);
            assert_ne!(moved, grown);
            assert_eq!(std::slice::from_raw_parts(moved, 10), &[7; 10]);
            arena.dealloc(c, layout(8, 1));
            arena.dealloc(moved, layout(230, 1));
        }
    }

    #[test]
    fn a_full_buffer_falls_back_to_the_system() {
        let arena: &'static Arena<4096> = Box::leak(Box::new(Arena::new()));
        // SAFETY: valid layouts; every piece freed with its layout.
        unsafe {
            let mut pieces = Vec::new();
            for _ in 0..100 {
                let p = arena.alloc(layout(200, 8));
                assert!(!p.is_null());
                p.write_bytes(1, 200);
                pieces.push(p);
            }
            assert!(pieces.iter().any(|p| !arena.owns(*p)), "the buffer ran out");
            assert!(arena.used() <= 4096);
            // A piece of the buffer grown past it moves to the system.
            let owned = pieces[0];
            let moved = arena.realloc(owned, layout(200, 8), 5000);
            assert!(!arena.owns(moved));
            assert_eq!(std::slice::from_raw_parts(moved, 200), &[1; 200]);
            pieces[0] = moved;
            for (i, p) in pieces.into_iter().enumerate() {
                let size = if i == 0 { 5000 } else { 200 };
                arena.dealloc(p, layout(size, 8));
            }
        }
    }

    /// Threads allocating, writing, growing, checking and freeing at once
    /// never see one another's bytes.
    #[test]
    fn threads_never_share_a_piece() {
        static SHARED: Arena<65536> = Arena::new();
        std::thread::scope(|s| {
            for t in 0..4u8 {
                s.spawn(move || {
                    let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
                    let mut seed = 0x9e37_79b9_u32.wrapping_mul(u32::from(t) + 1);
                    for step in 0..4000u32 {
                        seed ^= seed << 13;
                        seed ^= seed >> 17;
                        seed ^= seed << 5;
                        let mark = t.wrapping_mul(31).wrapping_add(step as u8);
                        // SAFETY: valid layouts; pieces written within
                        // their sizes and freed with their layouts.
                        unsafe {
                            match seed % 4 {
                                0 | 1 => {
                                    let l = layout(1 + (seed as usize >> 8) % 300, 1 << (seed % 4));
                                    let p = SHARED.alloc(l);
                                    p.write_bytes(mark, l.size());
                                    live.push((p, l, mark));
                                }
                                2 if !live.is_empty() => {
                                    let i = (seed as usize >> 4) % live.len();
                                    let (p, l, m) = live[i];
                                    let new_size = 1 + (seed as usize >> 9) % 600;
                                    let q = SHARED.realloc(p, l, new_size);
                                    let kept = l.size().min(new_size);
                                    assert!(
                                        std::slice::from_raw_parts(q, kept).iter().all(|b| *b == m)
                                    );
                                    q.write_bytes(m, new_size);
                                    live[i] = (q, layout(new_size, l.align()), m);
                                }
                                _ if !live.is_empty() => {
                                    let (p, l, m) =
                                        live.swap_remove((seed as usize >> 4) % live.len());
                                    assert!(
                                        std::slice::from_raw_parts(p, l.size())
                                            .iter()
                                            .all(|b| *b == m)
                                    );
                                    SHARED.dealloc(p, l);
                                }
                                _ => {}
                            }
                        }
                    }
                    for (p, l, m) in live {
                        // SAFETY: as above.
                        unsafe {
                            assert!(
                                std::slice::from_raw_parts(p, l.size())
                                    .iter()
                                    .all(|b| *b == m)
                            );
                            SHARED.dealloc(p, l);
                        }
                    }
                });
            }
        });
        assert!(SHARED.used() > 0);
    }

    #[test]
    fn prefaulting_changes_nothing_it_should_not() {
        SMALL.prefault(1 << 20);
        // SAFETY: a valid layout, freed with it.
        unsafe {
            let p = SMALL.alloc(layout(64, 8));
            assert!(SMALL.owns(p));
            assert!(std::slice::from_raw_parts(p, 64).iter().all(|b| *b == 0));
            SMALL.dealloc(p, layout(64, 8));
        }
    }
}
