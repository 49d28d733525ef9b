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
            let old = core::arch::wasm32::memory_grow(0, pages);
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
