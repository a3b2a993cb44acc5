//! Work on every core, results in order: each item's result is handed on
//! as soon as it and every item before it are done, so what is printed
//! keeps the items' order and only results waiting for an earlier one are
//! held (memory does not grow with the number of items). `check`,
//! `update` and `adopt` run their folders through it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Runs `work` on every item, on all cores, and calls `emit` with each
/// item's index and result in the items' order. One item, one core, or no
/// thread to be had: all on this thread, in order.
pub fn ordered<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    mut emit: impl FnMut(usize, R),
) {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    let next = AtomicUsize::new(0);
    let mut started = 0;
    if workers > 1 {
        let (send, receive) = mpsc::channel::<(usize, R)>();
        std::thread::scope(|scope| {
            for _ in 0..workers {
                let send = send.clone();
                let (next, work) = (&next, &work);
                let worker = move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        if send.send((i, work(item))).is_err() {
                            break;
                        }
                    }
                };
                started += usize::from(
                    std::thread::Builder::new()
                        .spawn_scoped(scope, worker)
                        .is_ok(),
                );
            }
            drop(send);
            let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
            let mut done = 0;
            for (i, r) in receive.iter() {
                waiting.insert(i, r);
                while let Some(r) = waiting.remove(&done) {
                    emit(done, r);
                    done += 1;
                }
            }
        });
    }
    if started == 0 {
        for (i, item) in items.iter().enumerate() {
            emit(i, work(item));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_items_order_whoever_finishes_first() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        ordered(
            &items,
            |&n| {
                // Early items take longest, so later ones finish first.
                std::thread::sleep(std::time::Duration::from_micros(200 - n));
                n * 2
            },
            |i, r| seen.push((i, r)),
        );
        let expected: Vec<(usize, u64)> = (0..200).map(|n| (n as usize, n * 2)).collect();
        assert_eq!(seen, expected);
        let mut none = Vec::new();
        ordered(&[] as &[u64], |&n| n, |i, r| none.push((i, r)));
        assert!(none.is_empty());
    }
}
