//! The WebAssembly build's allocator: smaller than the standard library's `dlmalloc`
//! (≈ 3 KB of the WASM gzipped), for a core that allocates in one thread and never gives
//! memory back to the page anyway (WebAssembly memory only grows).
//!
//! - Small blocks (up to [`SMALL`] bytes) come in power-of-two sizes, each size with its own
//!   list of freed blocks; a new one is cut from its size's current slab, a large block of
//!   [`SLAB`] bytes (so small blocks do not sit between large ones).
//! - Larger blocks are whole multiples of [`SMALL`] bytes, aligned to [`SMALL`]: freed ones
//!   are kept in a list sorted by address and merged with free neighbours (and with the unused
//!   end of the heap), and a request takes the smallest that is large enough (splitting off the
//!   rest); otherwise it is cut from the end of the heap, which grows when needed. The last
//!   block of the heap is resized where it is (a growing `Vec`'s buffer).
//!
//! Memory, measured in `node` against `dlmalloc` (BENCHMARKS.md): 8.9 MB against 10.3 MB after
//! the engine's build and a few hundred comments; 28.4 MB against 25.8 MB after analysing a
//! 1 MB text thirty times (steady from the tenth). Freed memory is reused, never returned. Alignment above [`SMALL`] is refused (a null
//! pointer: Rust's allocation error), which nothing in the core asks for.
//!
//! Tested natively (`cargo test -p tenk-wasm`): `memory.grow` is replaced by pages of one
//! reserved arena, and random runs of allocations, frees and reallocations check that blocks
//! are aligned, never overlap and keep their bytes; also reuse, growing in place and memory
//! grown by someone else.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr::null_mut;

/// The largest small block, and the granule and alignment of large ones.
const SMALL: usize = 4096;
/// The largest alignment a small block is asked for (small blocks are cut one after another
/// from a slab aligned to [`SMALL`], so each is aligned to its size).
const ALIGN: usize = 16;
/// The large block that small blocks of one size are cut from.
const SLAB: usize = 4 * SMALL;
/// WebAssembly's page size.
const PAGE: usize = 65536;
/// Small sizes: 8, 16, …, [`SMALL`].
const CLASSES: usize = 10;

/// A freed large block's header, at its start.
struct Free {
    size: usize,
    next: *mut Free,
}

struct State {
    /// Freed small blocks per size: the first, whose first word points to the next.
    small: [*mut u8; CLASSES],
    /// The rest of each small size's current slab: `[next, end)`.
    slab: [(usize, usize); CLASSES],
    /// Freed large blocks, sorted by address.
    large: *mut Free,
    /// The unused rest of the heap: `[top, end)`; `end` is the memory's end.
    top: usize,
    end: usize,
}

pub struct Heap(UnsafeCell<State>);

// SAFETY: the WebAssembly build has one thread.
unsafe impl Sync for Heap {}

impl Heap {
    pub const fn new() -> Heap {
        Heap(UnsafeCell::new(State {
            small: [null_mut(); CLASSES],
            slab: [(0, 0); CLASSES],
            large: null_mut(),
            top: 0,
            end: 0,
        }))
    }
}

/// Whether a request is served from the small sizes: at most [`SMALL`] bytes, aligned to at
/// most [`ALIGN`] (small blocks are cut aligned to their size or [`ALIGN`], whichever is less;
/// a rarer, stricter alignment takes a large block).
fn is_small(layout: &Layout) -> bool {
    layout.size() <= SMALL && layout.align() <= ALIGN
}

/// The size class of a small request (`size` and `align` at most [`SMALL`]).
fn class(layout: &Layout) -> usize {
    let size = layout.size().max(layout.align()).max(8);
    (size.next_power_of_two().trailing_zeros() - 3) as usize
}

/// A large request's size, in whole [`SMALL`] granules.
fn large_size(size: usize) -> usize {
    (size + SMALL - 1) & !(SMALL - 1)
}

impl State {
    /// `size` bytes aligned to `align` from the end of the heap, growing memory if needed.
    unsafe fn cut(&mut self, size: usize, align: usize) -> *mut u8 {
        let start = (self.top + align - 1) & !(align - 1);
        if start < self.top || start + size > self.end || self.end == 0 {
            let want = size + align;
            let pages = want.div_ceil(PAGE).max(16);
            let old = grow(pages);
            if old == usize::MAX {
                return null_mut();
            }
            let base = old * PAGE;
            if base != self.end {
                // Memory grown by someone else, or the first call: start afresh there (the
                // rest of the old region is left unused).
                self.top = base;
            }
            self.end = (old + pages) * PAGE;
            return self.cut(size, align);
        }
        self.top = start + size;
        start as *mut u8
    }

    /// The smallest freed large block that holds `size` (the rest of it stays free), or a
    /// new one from the end of the heap.
    unsafe fn alloc_large(&mut self, size: usize) -> *mut u8 {
        let mut best: *mut *mut Free = null_mut();
        let mut link: *mut *mut Free = &mut self.large;
        while !(*link).is_null() {
            let block = *link;
            if (*block).size >= size && (best.is_null() || (*block).size < (**best).size) {
                best = link;
            }
            link = &mut (*block).next;
        }
        if best.is_null() {
            return self.cut(size, SMALL);
        }
        let block = *best;
        let rest = (*block).size - size;
        if rest == 0 {
            *best = (*block).next;
        } else {
            let tail = (block as *mut u8).add(size) as *mut Free;
            (*tail).size = rest;
            (*tail).next = (*block).next;
            *best = tail;
        }
        block as *mut u8
    }

    unsafe fn free_large(&mut self, ptr: *mut u8, size: usize) {
        let block = ptr as *mut Free;
        let mut prev: *mut Free = null_mut();
        let mut next = self.large;
        while !next.is_null() && (next as usize) < (block as usize) {
            prev = next;
            next = (*next).next;
        }
        (*block).size = size;
        (*block).next = next;
        if !next.is_null() && ptr.add(size) as *mut Free == next {
            (*block).size += (*next).size;
            (*block).next = (*next).next;
        }
        let (first, link): (*mut Free, *mut *mut Free) = if prev.is_null() {
            self.large = block;
            (block, &mut self.large)
        } else if (prev as *mut u8).add((*prev).size) as *mut Free == block {
            (*prev).size += (*block).size;
            (*prev).next = (*block).next;
            (prev, self.link_to(prev))
        } else {
            (*prev).next = block;
            (block, &mut (*prev).next)
        };
        // A free block that ends at the top of the heap goes back to it.
        if (*first).next.is_null() && first as usize + (*first).size == self.top {
            self.top = first as usize;
            *link = null_mut();
        }
    }

    /// The link that points to `block` in the list of large blocks.
    unsafe fn link_to(&mut self, block: *mut Free) -> *mut *mut Free {
        let mut link: *mut *mut Free = &mut self.large;
        while *link != block {
            link = &mut (**link).next;
        }
        link
    }
}

/// Grows the WebAssembly memory by `pages`: the old size in pages, or `usize::MAX`.
#[cfg(target_arch = "wasm32")]
fn grow(pages: usize) -> usize {
    core::arch::wasm32::memory_grow(0, pages)
}

#[cfg(not(target_arch = "wasm32"))]
use tests::grow;

unsafe impl GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let s = &mut *self.0.get();
        if layout.align() > SMALL {
            return null_mut();
        }
        if is_small(&layout) {
            let c = class(&layout);
            let head = s.small[c];
            if !head.is_null() {
                s.small[c] = *(head as *mut *mut u8);
                return head;
            }
            // Cut from the size's current slab, or from a new one.
            let size = 8 << c;
            if s.slab[c].0 + size > s.slab[c].1 {
                let slab = s.alloc_large(SLAB);
                if slab.is_null() {
                    return slab;
                }
                s.slab[c] = (slab as usize, slab as usize + SLAB);
            }
            let block = s.slab[c].0;
            s.slab[c].0 += size;
            return block as *mut u8;
        }
        s.alloc_large(large_size(layout.size()))
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let s = &mut *self.0.get();
        if is_small(&layout) {
            let c = class(&layout);
            *(ptr as *mut *mut u8) = s.small[c];
            s.small[c] = ptr;
        } else {
            s.free_large(ptr, large_size(layout.size()));
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // The same block when it has room (its class, or its granules).
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        let fits = match (is_small(&layout), is_small(&new_layout)) {
            (true, true) => class(&layout) == class(&new_layout),
            (false, false) => large_size(new_size) == large_size(layout.size()),
            _ => false,
        };
        if fits {
            return ptr;
        }
        let s = &mut *self.0.get();
        if !is_small(&layout) && !is_small(&new_layout) {
            let (old, new) = (large_size(layout.size()), large_size(new_size));
            // The last block of the heap grows or shrinks where it is (growing takes the
            // space after it, unless the memory had to grow somewhere else).
            if ptr as usize + old == s.top {
                if new < old {
                    s.top = ptr as usize + new;
                    return ptr;
                }
                if s.cut(new - old, 1) as usize == ptr as usize + old {
                    return ptr;
                }
            }
        }
        let new = self.alloc(new_layout);
        if !new.is_null() {
            std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}

/// Native tests of the allocator: `grow` hands out pages of one large, page-aligned arena, as
/// `memory.grow` hands out the WebAssembly memory's pages (tests that run at the same time
/// share it, so each also sees memory «grown by someone else»).
#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// The arena's size: reserved, not touched until used.
    const ARENA_PAGES: usize = 8192;

    /// Where the arena starts (a multiple of [`PAGE`]) and how many of its pages are given out.
    static ARENA: Mutex<(usize, usize)> = Mutex::new((0, 0));

    /// `memory.grow` over the arena: the old end in pages, or `usize::MAX` when it is full.
    pub(super) fn grow(pages: usize) -> usize {
        let mut arena = ARENA.lock().unwrap_or_else(|e| e.into_inner());
        if arena.0 == 0 {
            let layout = Layout::from_size_align(ARENA_PAGES * PAGE, PAGE).expect("a layout");
            // SAFETY: a non-zero size; the arena lives as long as the test process.
            arena.0 = unsafe { std::alloc::alloc(layout) } as usize;
            assert_ne!(arena.0, 0, "the test arena is reserved");
        }
        if arena.1 + pages > ARENA_PAGES {
            return usize::MAX;
        }
        let old = arena.0 / PAGE + arena.1;
        arena.1 += pages;
        old
    }

    /// A small deterministic generator (xorshift64).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// A live block: where, its layout, and the byte it was filled with.
    struct Block {
        ptr: *mut u8,
        layout: Layout,
        fill: u8,
    }

    fn fill(block: &Block) {
        // SAFETY: the block is live and `layout.size()` bytes long.
        unsafe { std::ptr::write_bytes(block.ptr, block.fill, block.layout.size()) };
    }

    fn assert_intact(block: &Block) {
        // SAFETY: as in `fill`.
        let bytes = unsafe { std::slice::from_raw_parts(block.ptr, block.layout.size()) };
        assert!(
            bytes.iter().all(|&b| b == block.fill),
            "a block of {} bytes was overwritten",
            block.layout.size()
        );
    }

    fn random_layout(rng: &mut Rng) -> Layout {
        let size = match rng.below(10) {
            0..=5 => 1 + rng.below(SMALL),
            6..=8 => SMALL + 1 + rng.below(4 * SMALL),
            _ => 1 + rng.below(20 * SMALL),
        };
        let align = [1, 2, 4, 8, 16, 32, 64, SMALL][rng.below(8)];
        Layout::from_size_align(size, align).expect("a layout")
    }

    #[test]
    fn blocks_are_aligned_disjoint_and_keep_their_bytes() {
        let heap = Heap::new();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut live: Vec<Block> = Vec::new();
        for step in 0..4000 {
            let op = rng.below(100);
            if op < 55 || live.is_empty() {
                let layout = random_layout(&mut rng);
                // SAFETY: a non-zero size.
                let ptr = unsafe { heap.alloc(layout) };
                assert!(!ptr.is_null(), "step {step}: {layout:?} was refused");
                assert_eq!(ptr as usize % layout.align(), 0, "step {step}: misaligned");
                let block = Block {
                    ptr,
                    layout,
                    fill: (step % 251) as u8 + 1,
                };
                fill(&block);
                live.push(block);
            } else if op < 85 {
                let block = live.swap_remove(rng.below(live.len()));
                assert_intact(&block);
                // SAFETY: allocated by this heap with this layout, freed once.
                unsafe { heap.dealloc(block.ptr, block.layout) };
            } else {
                let i = rng.below(live.len());
                assert_intact(&live[i]);
                let new_size = random_layout(&mut rng).size();
                let old = &live[i];
                // SAFETY: allocated by this heap with this layout; a non-zero new size.
                let ptr = unsafe { heap.realloc(old.ptr, old.layout, new_size) };
                assert!(
                    !ptr.is_null(),
                    "step {step}: realloc to {new_size} was refused"
                );
                assert_eq!(
                    ptr as usize % old.layout.align(),
                    0,
                    "step {step}: misaligned"
                );
                let kept = old.layout.size().min(new_size);
                // SAFETY: the new block is at least `kept` bytes long.
                let bytes = unsafe { std::slice::from_raw_parts(ptr, kept) };
                assert!(
                    bytes.iter().all(|&b| b == old.fill),
                    "step {step}: realloc lost bytes"
                );
                let layout = Layout::from_size_align(new_size, old.layout.align()).expect("layout");
                live[i] = Block {
                    ptr,
                    layout,
                    fill: old.fill,
                };
                fill(&live[i]);
            }
        }
        live.sort_by_key(|b| b.ptr as usize);
        for pair in live.windows(2) {
            assert!(
                pair[0].ptr as usize + pair[0].layout.size() <= pair[1].ptr as usize,
                "two live blocks overlap"
            );
        }
        live.iter().for_each(assert_intact);
    }

    #[test]
    fn freed_memory_is_reused_without_growing() {
        let heap = Heap::new();
        let mut rng = Rng(42);
        let layouts: Vec<Layout> = (0..300).map(|_| random_layout(&mut rng)).collect();
        let round = || {
            // SAFETY: non-zero sizes; every block is freed with its own layout.
            let ptrs: Vec<*mut u8> = layouts.iter().map(|&l| unsafe { heap.alloc(l) }).collect();
            for (&ptr, &layout) in ptrs.iter().zip(&layouts) {
                assert!(!ptr.is_null());
                unsafe { heap.dealloc(ptr, layout) };
            }
        };
        round();
        // SAFETY: reading the heap's own state between calls, on this thread.
        let end = unsafe { (*heap.0.get()).end };
        for _ in 0..5 {
            round();
        }
        assert_eq!(
            unsafe { (*heap.0.get()).end },
            end,
            "the same requests grew the memory again"
        );
    }

    #[test]
    fn realloc_keeps_the_block_when_it_has_room() {
        let heap = Heap::new();
        unsafe {
            // SAFETY: non-zero sizes, each block used with the layout it has.
            let small = heap.alloc(Layout::from_size_align(20, 4).unwrap());
            assert_eq!(
                heap.realloc(small, Layout::from_size_align(20, 4).unwrap(), 32),
                small
            );
            let large = heap.alloc(Layout::from_size_align(3 * SMALL, 8).unwrap());
            let grown = heap.realloc(
                large,
                Layout::from_size_align(3 * SMALL, 8).unwrap(),
                9 * SMALL,
            );
            assert_eq!(grown, large, "the heap's last block grows where it is");
            let shrunk = heap.realloc(
                grown,
                Layout::from_size_align(9 * SMALL, 8).unwrap(),
                SMALL + 1,
            );
            assert_eq!(shrunk, large, "and shrinks where it is");
            assert_eq!((*heap.0.get()).top, large as usize + 2 * SMALL);
        }
    }

    #[test]
    fn over_aligned_requests_are_refused() {
        let heap = Heap::new();
        // SAFETY: a non-zero size.
        let ptr = unsafe { heap.alloc(Layout::from_size_align(64, 2 * SMALL).unwrap()) };
        assert!(ptr.is_null());
    }

    #[test]
    fn memory_grown_by_someone_else_is_left_alone() {
        let heap = Heap::new();
        let layout = Layout::from_size_align(2 * PAGE, 8).unwrap();
        // SAFETY: non-zero sizes; the blocks stay live until the end of the test.
        let first = unsafe { heap.alloc(layout) };
        let foreign = grow(3) * PAGE;
        let block = Block {
            ptr: first,
            layout,
            fill: 7,
        };
        fill(&block);
        let mut later = Vec::new();
        for _ in 0..40 {
            let ptr = unsafe { heap.alloc(layout) };
            assert!(!ptr.is_null());
            let (start, end) = (ptr as usize, ptr as usize + layout.size());
            assert!(
                end <= foreign || start >= foreign + 3 * PAGE,
                "a block inside foreign pages"
            );
            later.push(ptr);
        }
        assert_intact(&block);
    }
}
