//! Chunks: the .wasm's allocator for small blocks, a bump pointer in 64 KiB chunks.
//!
//! Grammar (the memory of one chunk, aligned to 64 KiB so that a block finds its chunk by
//! masking its address):
//!
//! ```text
//! chunk  = header { block } free-tail        ; CHUNK_SIZE bytes, CHUNK-aligned
//! header = live-count                        ; how many blocks of this chunk are still in use
//! block  = padding data                      ; up to SMALL bytes, aligned to at most ALIGN
//! ```
//!
//! A real excerpt of the pattern it serves: one `parse` of the corpus document A/C.2/80/L.3
//! (10 185 bytes) asks for 1 318 blocks of at most 1 KiB (1 269 of them at most 200 bytes: line
//! texts, clause texts, phrases, ids, lists of inlines) and 15 larger ones. 465 of the small blocks are
//! freed during the parse (line texts, temporaries); the rest live until the Document has been
//! converted for JS, and are then freed together.
//!
//! Why: a general allocator (talc in the .wasm) keeps free lists and merges neighbours at every
//! call, ~12 % of V8's profile of the parser. Here an allocation moves a pointer and counts,
//! a free counts down, and a chunk whose count reaches zero goes back to the general allocator
//! (one spare is kept). A block grown while it is the last one of the current chunk (a `String`
//! being pushed to) grows in place. Blocks are handed out in address order, so a document's
//! strings lie in the order they are read.
//!
//! The price: memory freed inside a chunk is not reused until the whole chunk is free, and a
//! parse frees about a third of its small blocks before its end. Its peak is higher: by a fifth
//! natively on a 12 MB input, by 8–14 % of the resident memory in Node (BENCHMARKS.md, session
//! 8). Larger blocks, and blocks with an alignment above [`ALIGN`], go to the general allocator
//! unchanged.
//!
//! Not thread-safe: [`Chunks`] is for one thread (the .wasm has no threads; `src/wasm.rs`
//! installs it only under `cfg(not(target_feature = "atomics"))`).

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::ptr::null_mut;

/// Alignment of a chunk: a block finds its chunk's header by clearing the low bits of its
/// address.
pub const CHUNK: usize = 64 << 10;
/// Size of a chunk: a little under its alignment, so that chunks can lie one after another. A
/// general allocator keeps a few bytes of its own next to each block it hands out (talc a tag
/// after the block); a chunk of exactly `CHUNK` bytes would leave the next chunk its own
/// `CHUNK` of alignment to skip, and double the memory the chunks take.
pub const CHUNK_SIZE: usize = CHUNK - 64;
/// The largest block served from a chunk; larger ones go to the general allocator.
pub const SMALL: usize = 1024;
/// The largest alignment served from a chunk.
pub const ALIGN: usize = 16;
/// The header: the live count, padded to keep blocks aligned.
const HEADER: usize = ALIGN;

/// A bump allocator in chunks, in front of a general allocator `A`.
pub struct Chunks<A> {
    backing: A,
    /// Next free byte of the current chunk (0: no current chunk).
    bump: Cell<usize>,
    /// End of the current chunk.
    end: Cell<usize>,
    /// One empty chunk kept for the next one needed (0: none).
    spare: Cell<usize>,
}

fn chunk_layout() -> Layout {
    // CHUNK is a power of two, so this cannot fail.
    Layout::from_size_align(CHUNK_SIZE, CHUNK).unwrap_or(Layout::new::<u8>())
}

/// Served from a chunk: decided by the layout alone, so `dealloc` agrees with `alloc`.
fn is_small(layout: Layout) -> bool {
    layout.size() <= SMALL && layout.align() <= ALIGN
}

fn chunk_of(addr: usize) -> usize {
    addr & !(CHUNK - 1)
}

impl<A> Chunks<A> {
    pub const fn new(backing: A) -> Self {
        Chunks {
            backing,
            bump: Cell::new(0),
            end: Cell::new(0),
            spare: Cell::new(0),
        }
    }

    /// The live count in a chunk's header.
    ///
    /// # Safety
    /// `chunk` is the start of a chunk this allocator owns.
    unsafe fn count(chunk: usize) -> *mut usize {
        chunk as *mut usize
    }

    fn current(&self) -> usize {
        // `end` is one past the current chunk, so the chunk starts CHUNK_SIZE before it.
        self.end.get().wrapping_sub(CHUNK_SIZE)
    }
}

impl<A: GlobalAlloc> Chunks<A> {
    /// Make a fresh chunk current (the spare if there is one). False if memory is exhausted.
    ///
    /// # Safety
    /// As for [`GlobalAlloc::alloc`].
    #[cold]
    unsafe fn next_chunk(&self) -> bool {
        let old = self.current();
        if self.end.get() != 0 && *Self::count(old) == 0 {
            // The current chunk holds no live block: start it again.
            self.bump.set(old + HEADER);
            return true;
        }
        let chunk = match self.spare.replace(0) {
            0 => self.backing.alloc(chunk_layout()) as usize,
            spare => spare,
        };
        if chunk == 0 || chunk.checked_add(CHUNK_SIZE).is_none() {
            // Out of memory (or a chunk at the very top of the address space, whose end
            // would wrap to the "no chunk" value): the caller gets a null pointer.
            return false;
        }
        *Self::count(chunk) = 0;
        self.bump.set(chunk + HEADER);
        self.end.set(chunk + CHUNK_SIZE);
        true
    }

    /// A chunk whose last block was freed, other than the current one.
    ///
    /// # Safety
    /// `chunk` is a chunk of this allocator with a live count of zero.
    #[cold]
    unsafe fn release(&self, chunk: usize) {
        if self.spare.get() == 0 {
            self.spare.set(chunk);
        } else {
            self.backing.dealloc(chunk as *mut u8, chunk_layout());
        }
    }

    /// # Safety
    /// `layout` is small (see [`is_small`]) and of non-zero size.
    #[inline]
    unsafe fn alloc_small(&self, layout: Layout) -> *mut u8 {
        loop {
            let start = (self.bump.get() + layout.align() - 1) & !(layout.align() - 1);
            let stop = start + layout.size();
            if self.end.get() != 0 && stop <= self.end.get() {
                self.bump.set(stop);
                *Self::count(self.current()) += 1;
                return start as *mut u8;
            }
            if !self.next_chunk() {
                return null_mut();
            }
        }
    }
}

unsafe impl<A: GlobalAlloc> GlobalAlloc for Chunks<A> {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if is_small(layout) {
            self.alloc_small(layout)
        } else {
            self.backing.alloc(layout)
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if !is_small(layout) {
            return self.backing.dealloc(ptr, layout);
        }
        let chunk = chunk_of(ptr as usize);
        let count = Self::count(chunk);
        *count -= 1;
        if *count == 0 {
            if chunk == self.current() {
                self.bump.set(chunk + HEADER);
            } else {
                self.release(chunk);
            }
        } else if ptr as usize + layout.size() == self.bump.get() {
            // The last block of the current chunk: its room can be handed out again.
            self.bump.set(ptr as usize);
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        match (is_small(layout), is_small(new_layout)) {
            (false, false) => return self.backing.realloc(ptr, layout, new_size),
            (true, true) => {
                let addr = ptr as usize;
                if addr + layout.size() == self.bump.get() && addr + new_size <= self.end.get() {
                    // The last block of the current chunk grows (or shrinks) in place.
                    self.bump.set(addr + new_size);
                    return ptr;
                }
                if new_size <= layout.size() {
                    return ptr;
                }
            }
            _ => {}
        }
        let new = self.alloc(new_layout);
        if !new.is_null() {
            std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::System;

    /// Counts the chunks it hands out and takes back.
    struct Counting {
        live: Cell<isize>,
    }

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            self.live.set(self.live.get() + 1);
            System.alloc(layout)
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            self.live.set(self.live.get() - 1);
            System.dealloc(ptr, layout)
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn small_blocks_share_a_chunk_and_it_is_reused_when_empty() {
        let a = Chunks::new(Counting { live: Cell::new(0) });
        unsafe {
            let p = a.alloc(layout(24, 8));
            let q = a.alloc(layout(100, 1));
            assert_eq!(
                chunk_of(p as usize),
                chunk_of(q as usize),
                "should bump within one chunk"
            );
            assert_eq!(p as usize % 8, 0, "should honour the alignment");
            assert_eq!(
                a.backing.live.get(),
                1,
                "should take one chunk from the backing allocator"
            );
            a.dealloc(p, layout(24, 8));
            a.dealloc(q, layout(100, 1));
            let r = a.alloc(layout(8, 8));
            assert_eq!(r, p, "should start an emptied current chunk again");
            a.dealloc(r, layout(8, 8));
        }
    }

    #[test]
    fn large_blocks_go_to_the_backing_allocator() {
        let a = Chunks::new(Counting { live: Cell::new(0) });
        unsafe {
            let big = a.alloc(layout(SMALL + 1, 1));
            let aligned = a.alloc(layout(64, 64));
            assert_eq!(
                a.backing.live.get(),
                2,
                "should pass large and over-aligned blocks on"
            );
            a.dealloc(big, layout(SMALL + 1, 1));
            a.dealloc(aligned, layout(64, 64));
            assert_eq!(a.backing.live.get(), 0, "should give them back");
        }
    }

    #[test]
    fn the_last_block_grows_in_place_and_others_move() {
        let a = Chunks::new(Counting { live: Cell::new(0) });
        unsafe {
            let p = a.alloc(layout(16, 1));
            p.write_bytes(7, 16);
            let p2 = a.realloc(p, layout(16, 1), 200);
            assert_eq!(p2, p, "the last block should grow in place");
            let q = a.alloc(layout(8, 1));
            let p3 = a.realloc(p2, layout(200, 1), 400);
            assert_ne!(p3, p2, "a block that is not the last should move");
            assert_eq!(
                std::slice::from_raw_parts(p3, 16),
                &[7; 16],
                "should keep the contents"
            );
            let p4 = a.realloc(p3, layout(400, 1), SMALL * 4);
            assert_eq!(
                std::slice::from_raw_parts(p4, 16),
                &[7; 16],
                "should keep the contents when it leaves the chunks"
            );
            a.dealloc(p4, layout(SMALL * 4, 1));
            a.dealloc(q, layout(8, 1));
        }
    }

    #[test]
    fn full_chunks_go_back_when_their_blocks_are_freed() {
        let a = Chunks::new(Counting { live: Cell::new(0) });
        let blocks: Vec<*mut u8> = (0..1000)
            .map(|_| unsafe { a.alloc(layout(SMALL, 8)) })
            .collect();
        let chunks = a.backing.live.get();
        assert!(
            chunks >= 1000 * SMALL as isize / CHUNK as isize,
            "should have taken {chunks} chunks"
        );
        for p in blocks {
            unsafe { a.dealloc(p, layout(SMALL, 8)) };
        }
        // The current chunk stays, and one spare.
        assert!(
            a.backing.live.get() <= 2,
            "should keep at most the current chunk and a spare, kept {}",
            a.backing.live.get()
        );
    }

    /// A random walk of allocations, frees and reallocations, each block filled with a byte of
    /// its own and checked before it is freed or moved.
    #[test]
    fn random_walk_keeps_every_block_intact() {
        let a = Chunks::new(System);
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
        let steps = if cfg!(miri) { 2_000 } else { 200_000 };
        for step in 0..steps {
            let r = next();
            let check = |&(p, l, tag): &(*mut u8, Layout, u8)| unsafe {
                assert!(
                    std::slice::from_raw_parts(p, l.size())
                        .iter()
                        .all(|&b| b == tag),
                    "block should be intact at step {step}"
                );
            };
            match r % 8 {
                0..=3 => {
                    let size =
                        1 + (next() % if r % 64 == 0 { 4 * SMALL as u64 } else { 300 }) as usize;
                    let l = layout(size, 1 << (next() % 5));
                    let p = unsafe { a.alloc(l) };
                    assert!(!p.is_null());
                    assert_eq!(p as usize % l.align(), 0, "should be aligned");
                    let tag = (step % 251) as u8;
                    unsafe { p.write_bytes(tag, size) };
                    live.push((p, l, tag));
                }
                4..=5 if !live.is_empty() => {
                    let i = (next() % live.len() as u64) as usize;
                    let b = live.swap_remove(i);
                    check(&b);
                    unsafe { a.dealloc(b.0, b.1) };
                }
                6..=7 if !live.is_empty() => {
                    let i = (next() % live.len() as u64) as usize;
                    let (p, l, tag) = live[i];
                    check(&live[i]);
                    let size = 1 + (next() % 600) as usize;
                    let q = unsafe { a.realloc(p, l, size) };
                    let nl = layout(size, l.align());
                    unsafe {
                        q.add(l.size().min(size))
                            .write_bytes(tag, size.saturating_sub(l.size()))
                    };
                    live[i] = (q, nl, tag);
                    check(&live[i]);
                }
                _ => {}
            }
        }
        for b in live {
            check_free(&a, b);
        }
        fn check_free(a: &Chunks<System>, (p, l, tag): (*mut u8, Layout, u8)) {
            unsafe {
                assert!(std::slice::from_raw_parts(p, l.size())
                    .iter()
                    .all(|&b| b == tag));
                a.dealloc(p, l);
            }
        }
    }
}
