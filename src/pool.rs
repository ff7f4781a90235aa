//! A pool of small blocks in front of the .wasm's allocator (talc, [`crate::wasm`]).
//!
//! A parse allocates many small blocks and frees them soon: on the corpus, 85 % of its ~17 000
//! allocations ask for 128 bytes or less (clause ids like "op17-b", labels, categories, short
//! vectors of inlines). talc finds, splits and merges gaps for each; in V8's profile of the
//! parser that bookkeeping was about 8 % of the time. Here a request of up to [`LARGEST`] bytes
//! takes a block of its size class (16, 32, …, 256 bytes) from that class's free list, or cuts a
//! new one from a 64 KiB chunk that talc gave; a freed block goes back on its list. Larger
//! requests go to talc as they are.
//!
//! Grammar of the memory: `chunk = block*`, `block = class size bytes`; a free block's first
//! word is the next free block of its class (an intrusive list, no header on used blocks).
//!
//! Blocks are never merged and chunks never go back to talc: the pool keeps what the busiest
//! moment needed, as any allocator does with a wasm memory, which never shrinks. The module is
//! single-threaded (no `atomics` target feature), so the state needs no lock.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr::{copy_nonoverlapping, null_mut};

/// Size classes are multiples of this; it is also the blocks' alignment.
const GRAIN: usize = 16;
const CLASSES: usize = 16;
/// The largest request the pool serves (256 bytes).
pub const LARGEST: usize = GRAIN * CLASSES;
/// What the pool asks of the inner allocator at a time.
const CHUNK: usize = 64 * 1024;

pub struct Pool<A> {
    inner: A,
    state: UnsafeCell<State>,
}

struct State {
    /// The first free block of each class (null: none).
    free: [*mut u8; CLASSES],
    /// The uncut rest of the current chunk.
    next: *mut u8,
    end: *mut u8,
}

// SAFETY: only for single-threaded targets (the .wasm, and tests that use a pool from one
// thread); the state is not synchronised.
unsafe impl<A: Sync> Sync for Pool<A> {}

impl<A> Pool<A> {
    pub const fn new(inner: A) -> Self {
        Pool {
            inner,
            state: UnsafeCell::new(State {
                free: [null_mut(); CLASSES],
                next: null_mut(),
                end: null_mut(),
            }),
        }
    }
}

/// The size class of a request, or None for one the pool leaves to the inner allocator.
fn class(size: usize, align: usize) -> Option<usize> {
    (size <= LARGEST && align <= GRAIN).then(|| size.saturating_sub(1) / GRAIN)
}

unsafe impl<A: GlobalAlloc> GlobalAlloc for Pool<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(c) = class(layout.size(), layout.align()) else {
            return self.inner.alloc(layout);
        };
        let state = &mut *self.state.get();
        let head = state.free[c];
        if !head.is_null() {
            state.free[c] = head.cast::<*mut u8>().read();
            return head;
        }
        let size = (c + 1) * GRAIN;
        if (state.end as usize) - (state.next as usize) < size {
            // The chunk's uncut rest (under 256 bytes) is left unused.
            let chunk = self
                .inner
                .alloc(Layout::from_size_align_unchecked(CHUNK, GRAIN));
            if chunk.is_null() {
                return null_mut();
            }
            state.next = chunk;
            state.end = chunk.add(CHUNK);
        }
        let block = state.next;
        state.next = block.add(size);
        block
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match class(layout.size(), layout.align()) {
            Some(c) => {
                let state = &mut *self.state.get();
                ptr.cast::<*mut u8>().write(state.free[c]);
                state.free[c] = ptr;
            }
            None => self.inner.dealloc(ptr, layout),
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        match (class(layout.size(), align), class(new_size, align)) {
            (None, None) => self.inner.realloc(ptr, layout, new_size),
            (Some(old), Some(new)) if old == new => ptr,
            _ => {
                let moved = self.alloc(Layout::from_size_align_unchecked(new_size, align));
                if !moved.is_null() {
                    copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                moved
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::System;

    /// A block filled with a pattern of its own, to check that no two live blocks overlap.
    struct Live {
        ptr: *mut u8,
        layout: Layout,
        tag: u8,
    }

    fn fill(b: &Live) {
        unsafe { std::ptr::write_bytes(b.ptr, b.tag, b.layout.size()) }
    }

    fn intact(b: &Live) -> bool {
        (0..b.layout.size()).all(|i| unsafe { *b.ptr.add(i) } == b.tag)
    }

    #[test]
    fn live_blocks_never_overlap_through_allocs_frees_and_reallocs() {
        let pool = Pool::new(System);
        let mut live: Vec<Live> = Vec::new();
        // A fixed pseudo-random walk (xorshift) over sizes that cross every class boundary and
        // the pool's limit, with alignments of 1 to 32.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        // Miri, which also checks the pointer rules, runs a shorter walk:
        // `MIRIFLAGS=-Zmiri-ignore-leaks cargo +nightly miri test --lib pool` (the pool keeps
        // its chunks by design, which Miri would report as leaks).
        let steps = if cfg!(miri) { 1_500 } else { 20_000u32 };
        for step in 0..steps {
            let r = next();
            let size = 1 + (r % (LARGEST as u64 + 64)) as usize;
            let align = 1 << ((r >> 20) % 6);
            match (r >> 32) % 4 {
                0 | 1 => {
                    let layout = Layout::from_size_align(size, align).unwrap();
                    let ptr = unsafe { pool.alloc(layout) };
                    assert!(!ptr.is_null(), "should allocate {size} bytes");
                    assert_eq!(ptr as usize % align, 0, "should align to {align}");
                    let b = Live {
                        ptr,
                        layout,
                        tag: step as u8,
                    };
                    fill(&b);
                    live.push(b);
                }
                2 if !live.is_empty() => {
                    let b = live.swap_remove((r as usize >> 8) % live.len());
                    assert!(
                        intact(&b),
                        "a block should keep its bytes until it is freed"
                    );
                    unsafe { pool.dealloc(b.ptr, b.layout) };
                }
                3 if !live.is_empty() => {
                    let i = (r as usize >> 8) % live.len();
                    let b = &mut live[i];
                    assert!(intact(b), "a block should keep its bytes until it is moved");
                    let keep = b.layout.size().min(size);
                    let ptr = unsafe { pool.realloc(b.ptr, b.layout, size) };
                    assert!(!ptr.is_null(), "should reallocate to {size} bytes");
                    assert!(
                        (0..keep).all(|k| unsafe { *ptr.add(k) } == b.tag),
                        "realloc should keep the first {keep} bytes"
                    );
                    b.ptr = ptr;
                    b.layout = Layout::from_size_align(size, b.layout.align()).unwrap();
                    b.tag = step as u8;
                    fill(b);
                }
                _ => {}
            }
        }
        for b in live.drain(..) {
            assert!(intact(&b), "every live block should be intact at the end");
            unsafe { pool.dealloc(b.ptr, b.layout) };
        }
        // The chunks stay with the pool (never freed): the test leaks at most a few of them.
    }

    #[test]
    fn a_freed_block_is_reused_for_its_class() {
        let pool = Pool::new(System);
        let layout = Layout::from_size_align(20, 8).unwrap();
        let a = unsafe { pool.alloc(layout) };
        unsafe { pool.dealloc(a, layout) };
        let b = unsafe { pool.alloc(Layout::from_size_align(32, 8).unwrap()) };
        assert_eq!(
            a, b,
            "a 32-byte request should reuse the freed 20-byte block (same class)"
        );
        let big = Layout::from_size_align(LARGEST + 1, 8).unwrap();
        let c = unsafe { pool.alloc(big) };
        assert!(
            !c.is_null(),
            "a request past the pool should come from the inner allocator"
        );
        unsafe { pool.dealloc(c, big) };
    }
}
