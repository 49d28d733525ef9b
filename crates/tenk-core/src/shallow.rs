//! Fully resolved transitions for the shallow states of the lexicon automaton.
//!
//! The lexicon automaton is `aho-corasick`'s contiguous NFA: small, but each step looks the
//! byte up in a sparse list and follows failure links until a transition exists (≈ 50
//! instructions a byte on the built-in policy). The crate's DFA resolves every transition
//! (≈ 10) but takes ≈ 8 MB for these ≈ 11,000 patterns. Most bytes of a text leave the walk in
//! a shallow state, though (the longest suffix read so far that begins a pattern is short), so
//! this table resolves only the states at most [`DEPTH`] bytes deep: one row per state, one
//! column per byte class, each cell the state reached (failure links already followed). A
//! deeper state is walked by the NFA itself, as before, until the walk comes back to a shallow
//! state.
//!
//! The table is built from the NFA through its `Automaton` trait, so the crate stays the
//! matcher's builder and truth: the trie's edges are the NFA's anchored transitions along the
//! patterns' first bytes, and a row is its failure state's row with the state's own edges
//! written over it (the textbook construction of an Aho-Corasick DFA, breadth first). A unit
//! test walks texts and every pattern through both and compares the states.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::Anchored;

/// States up to this many bytes deep get a row (fewer for a large policy: [`MAX_CELLS`]). On
/// the built-in policy (≈ 11,000 patterns): ≈ 3,400 rows, ≈ 1.2 MB, and about two thirds of a
/// comment's bytes end in one of them.
pub(crate) const DEPTH: usize = 4;

/// At most this many cells (4 bytes each, ≈ 1.3 MB): a policy whose shallow states would take
/// more gets fewer levels (the NFA walks the rest).
pub(crate) const MAX_CELLS: usize = 330_000;

/// A cell's flag: the state is the NFA's (its id in the low bits), not a row.
const DEEP: u32 = 1 << 31;
/// A cell's flag: the state reports matches.
const MATCH: u32 = 1 << 30;
/// The bits of a cell below its flags: a row's first cell in `table`, or an NFA state id.
const VALUE: u32 = MATCH - 1;

/// Where a walk is: a row of the table or a deeper NFA state, and whether it reports matches.
pub(crate) type Cursor = u32;

/// The resolved rows of the shallow states.
#[derive(Debug, Clone)]
pub(crate) struct Shallow {
    /// Each byte's column: 0 for the bytes no pattern contains (they all lead back to the
    /// start, from any state), one column each for the others.
    class: [u16; 256],
    /// Columns per row.
    pub(crate) width: usize,
    /// `rows × width` cells, row after row.
    table: Vec<u32>,
    /// The NFA state of each row (for its matches).
    sids: Vec<StateID>,
    /// Which NFA states have a row: a bit per state id, up to the largest such id.
    bits: Vec<u64>,
    /// For each word of `bits`, how many bits are set in the words before it.
    ranks: Vec<u32>,
    /// The cursor of each state with a row, in order of state id (indexed by rank).
    by_rank: Vec<Cursor>,
}

/// `row_of`'s marks during the build: a state first found on the current level, and a deep
/// state already given its edge.
const PENDING: u32 = u32::MAX - 1;
const DEEP_DONE: u32 = u32::MAX - 2;

impl Shallow {
    /// Builds the rows of `nfa`'s states up to `depth` bytes deep; `patterns` are the
    /// patterns `nfa` was built from, in its order. (Not generic, and without sorting, so that
    /// it adds little code to the WebAssembly.)
    pub(crate) fn build(nfa: &NFA, patterns: &[&[u8]], depth: usize) -> Shallow {
        Shallow::build_capped(nfa, patterns, depth, MAX_CELLS)
    }

    /// [`Shallow::build`] with at most `max_cells` cells.
    #[inline(never)]
    fn build_capped(nfa: &NFA, patterns: &[&[u8]], depth: usize, max_cells: usize) -> Shallow {
        let mut class = [0u16; 256];
        let mut width = 1usize;
        // Only the bytes on the rows' own edges tell columns apart; from a shallow state every
        // other byte leads where the start's does.
        for p in patterns {
            for &b in p.iter().take(depth + 1) {
                if class[usize::from(b)] == 0 {
                    class[usize::from(b)] = width as u16;
                    width += 1;
                }
            }
        }
        let is_match = |sid: StateID| if nfa.is_match(sid) { MATCH } else { 0 };
        let root = nfa
            .start_state(Anchored::No)
            .expect("NFAs support unanchored searches");
        let anchored_root = nfa
            .start_state(Anchored::Yes)
            .expect("NFAs support anchored searches");
        // The rows, breadth first: every state of depth d is found in step d - 1, so a row's
        // failure state (shallower) always comes before it.
        let mut sids = vec![root];
        // One more than the row of each NFA state id found so far, 0 for none yet (state ids
        // are offsets into the NFA's own table, so they are below its size in `u32`s; zeroed
        // memory comes cheap); dropped after the build.
        let mut row_of: Vec<u32> = vec![0; nfa.memory_usage() / 4 + 1];
        row_of[root.as_usize()] = 1;
        // The trie's edges from the rows: (parent row, column, cell of the child).
        let mut edges: Vec<(u32, u16, u32)> = Vec::new();
        // Each pattern's walk: the NFA state and row reached, or None once it is done.
        let mut walks: Vec<Option<(StateID, u32)>> = vec![Some((anchored_root, 0)); patterns.len()];
        // No more rows than fit in `max_cells`: a large policy gets fewer levels.
        let max_rows = (max_cells / width).max(1);
        // Each level's edges: (pattern, parent row, column, child state).
        let mut level: Vec<(usize, u32, u16, StateID)> = Vec::with_capacity(patterns.len());
        for step in 0..=depth {
            level.clear();
            let mut fresh = 0;
            // The step before, to skip the NFA when a pattern shares it (patterns that begin
            // alike often come together).
            let mut before: Option<(StateID, u8, StateID)> = None;
            for (i, (p, walk)) in patterns.iter().zip(walks.iter_mut()).enumerate() {
                let Some((sid, row)) = *walk else { continue };
                let Some(&b) = p.get(step) else {
                    *walk = None;
                    continue;
                };
                let next = match before {
                    Some((s, c, next)) if s == sid && c == b => next,
                    _ => nfa.next_state(Anchored::Yes, sid, b),
                };
                before = Some((sid, b, next));
                debug_assert!(
                    !nfa.is_dead(next),
                    "a pattern's bytes are a path of the trie"
                );
                if row_of[next.as_usize()] == 0 {
                    row_of[next.as_usize()] = PENDING;
                    fresh += 1;
                }
                level.push((i, row, class[usize::from(b)], next));
            }
            if level.is_empty() {
                break;
            }
            // The last level (by depth or by size) leads to the NFA's own states.
            let last = step == depth || sids.len() + fresh > max_rows;
            for &(i, parent, column, next) in &level {
                let mark = &mut row_of[next.as_usize()];
                walks[i] = match *mark {
                    PENDING if last => {
                        *mark = DEEP_DONE;
                        edges.push((parent, column, next.as_u32() | DEEP | is_match(next)));
                        None
                    }
                    PENDING => {
                        let child = sids.len() as u32;
                        *mark = child + 1;
                        sids.push(next);
                        edges.push((parent, column, (child * width as u32) | is_match(next)));
                        Some((next, child))
                    }
                    DEEP_DONE => None,
                    child => Some((next, child - 1)),
                };
            }
            if last {
                break;
            }
        }
        let rows = sids.len();
        // The edges grouped by parent (a counting sort): row r's are `grouped[first[r]..first[r + 1]]`.
        let mut first = vec![0usize; rows + 1];
        for &(parent, _, _) in &edges {
            first[parent as usize + 1] += 1;
        }
        for r in 0..rows {
            first[r + 1] += first[r];
        }
        let mut grouped = vec![(0u16, 0u32); edges.len()];
        let mut fill = first.clone();
        for &(parent, column, cell) in &edges {
            grouped[fill[parent as usize]] = (column, cell);
            fill[parent as usize] += 1;
        }
        drop(edges);
        let mut table = vec![0u32; rows * width];
        let mut fail = vec![0u32; rows];
        for row in 0..rows {
            let at = row * width;
            if row > 0 {
                let from = fail[row] as usize * width;
                table.copy_within(from..from + width, at);
            }
            for &(column, cell) in &grouped[first[row]..first[row + 1]] {
                let column = usize::from(column);
                table[at + column] = cell;
                if cell & DEEP == 0 {
                    // The child's failure state: where its failure state's parent goes on the
                    // same byte (the start for the start's children).
                    let child = (cell & VALUE) as usize / width;
                    fail[child] = if row == 0 {
                        0
                    } else {
                        let via = table[fail[row] as usize * width + column];
                        debug_assert_eq!(via & DEEP, 0, "failure states are shallower");
                        (via & VALUE) / width as u32
                    };
                }
            }
        }
        // State id → row, by rank in a bit set over the state ids.
        let max = sids.iter().map(|s| s.as_usize()).max().unwrap_or(0);
        let mut bits = vec![0u64; max / 64 + 1];
        for sid in &sids {
            bits[sid.as_usize() / 64] |= 1 << (sid.as_usize() % 64);
        }
        let mut ranks = Vec::with_capacity(bits.len());
        let mut by_rank = Vec::with_capacity(rows);
        for (w, &word) in bits.iter().enumerate() {
            ranks.push(by_rank.len() as u32);
            let mut rest = word;
            while rest != 0 {
                let sid = w * 64 + rest.trailing_zeros() as usize;
                rest &= rest - 1;
                let row = row_of[sid] - 1;
                by_rank.push((row * width as u32) | is_match(sids[row as usize]));
            }
        }
        Shallow {
            class,
            width,
            table,
            sids,
            bits,
            ranks,
            by_rank,
        }
    }

    /// Where every walk starts (the NFA's unanchored start state).
    #[inline]
    pub(crate) fn start(&self) -> Cursor {
        0
    }

    /// The cursor after reading `byte` at `at`: a table lookup for a shallow state, the NFA's
    /// own step for a deeper one.
    #[inline(always)]
    pub(crate) fn next(&self, nfa: &NFA, at: Cursor, byte: u8) -> Cursor {
        if at & DEEP == 0 {
            self.table[(at & VALUE) as usize + usize::from(self.class[usize::from(byte)])]
        } else {
            let sid = StateID::new_unchecked((at & VALUE) as usize);
            self.cursor_of(nfa, nfa.next_state(Anchored::No, sid, byte))
        }
    }

    /// The cursor of an NFA state: its row's if it has one.
    #[inline]
    fn cursor_of(&self, nfa: &NFA, sid: StateID) -> Cursor {
        let s = sid.as_usize();
        if let Some(&w) = self.bits.get(s / 64) {
            let bit = 1u64 << (s % 64);
            if w & bit != 0 {
                let rank = self.ranks[s / 64] + (w & (bit - 1)).count_ones();
                return self.by_rank[rank as usize];
            }
        }
        sid.as_u32() | DEEP | if nfa.is_match(sid) { MATCH } else { 0 }
    }

    /// Whether the state at `at` reports matches.
    #[inline(always)]
    pub(crate) fn is_match(at: Cursor) -> bool {
        at & MATCH != 0
    }

    /// The NFA state at `at`.
    #[inline]
    pub(crate) fn sid(&self, at: Cursor) -> StateID {
        if at & DEEP == 0 {
            self.sids[(at & VALUE) as usize / self.width]
        } else {
            StateID::new_unchecked((at & VALUE) as usize)
        }
    }

    /// Heap memory used by the table, in bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        self.table.len() * 4
            + self.sids.len() * std::mem::size_of::<StateID>()
            + self.bits.len() * 8
            + self.ranks.len() * 4
            + self.by_rank.len() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::MatchKind;

    fn nfa(patterns: &[&str]) -> NFA {
        NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns)
            .unwrap()
    }

    /// Walks `text` with the table and with the NFA alone; the states must be the same at
    /// every byte.
    fn same_walk(nfa: &NFA, shallow: &Shallow, text: &[u8]) {
        let mut sid = nfa.start_state(Anchored::No).unwrap();
        let mut at = shallow.start();
        assert_eq!(shallow.sid(at), sid);
        for (i, &b) in text.iter().enumerate() {
            sid = nfa.next_state(Anchored::No, sid, b);
            at = shallow.next(nfa, at, b);
            assert_eq!(
                shallow.sid(at),
                sid,
                "byte {i} of {:?}",
                String::from_utf8_lossy(text)
            );
            assert_eq!(Shallow::is_match(at), nfa.is_match(sid));
        }
    }

    /// The built-in policy's folded patterns.
    fn builtin_patterns() -> Vec<String> {
        let policy = crate::Policy::parse(crate::engine::DEFAULT_POLICY).unwrap();
        let named: Vec<(String, Vec<String>)> = policy
            .lexicons
            .iter()
            .map(|(k, v)| (k.clone(), v.get_ref().clone()))
            .collect();
        crate::lexicon::LexiconSet::prepare(&named)
            .unwrap()
            .patterns
    }

    #[test]
    fn walks_like_the_nfa_over_the_whole_builtin_lexicon() {
        let patterns = builtin_patterns();
        let nfa = nfa(&patterns.iter().map(String::as_str).collect::<Vec<_>>());
        let bytes: Vec<&[u8]> = patterns.iter().map(|p| p.as_bytes()).collect();
        let full = Shallow::build(&nfa, &bytes, DEPTH);
        // A tight cap: fewer levels than asked for.
        let capped = Shallow::build_capped(&nfa, &bytes, DEPTH, 20_000);
        assert!(capped.sids.len() < full.sids.len());
        assert!(full.memory_usage() <= MAX_CELLS * 4 + full.sids.len() * 16 + 64 * 1024);
        // Every pattern alone, after a word, glued to the next one, and all of them in a
        // row; then pseudo-random mixes of pattern pieces and other bytes.
        let mut all = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let next = &patterns[(i * 7919 + 1) % patterns.len()];
            for text in [p.clone(), format!("og {p} "), format!("{p}{next}")] {
                same_walk(&nfa, &full, text.as_bytes());
                same_walk(&nfa, &capped, text.as_bytes());
            }
            all.extend_from_slice(p.as_bytes());
            all.push(b' ');
        }
        same_walk(&nfa, &full, &all);
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut random = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..2_000 {
            let mut text = Vec::new();
            for _ in 0..(random() % 12) {
                match random() % 4 {
                    0 => text.push((random() % 256) as u8),
                    1 => text.extend_from_slice(" .,!?-'\"".as_bytes()),
                    _ => {
                        let p = patterns[(random() % patterns.len() as u64) as usize].as_bytes();
                        let from = (random() % (p.len() as u64)) as usize;
                        text.extend_from_slice(&p[from..]);
                    }
                }
            }
            same_walk(&nfa, &full, &text);
            same_walk(&nfa, &capped, &text);
        }
    }

    #[test]
    fn walks_like_the_nfa_at_every_depth() {
        let patterns = [
            "he",
            "she",
            "his",
            "hers",
            "sjefen",
            "sjef",
            "idiot",
            "idiotsjef",
            "på jobben",
            "paa",
            "a",
            "æøå",
            "😊",
            "sjefen min er",
        ];
        let nfa = nfa(&patterns);
        for depth in 0..8 {
            let bytes: Vec<&[u8]> = patterns.iter().map(|p| p.as_bytes()).collect();
            let shallow = Shallow::build(&nfa, &bytes, depth);
            let capped = Shallow::build_capped(&nfa, &bytes, depth, 200);
            for text in [
                "ushers and she said his hers",
                "sjefen min er en idiotsjef på jobben, paaa æøå 😊😊",
                "sjsjsjefsjefensjefen min eridiotsjefidiot",
                "",
                "\u{0}\u{ff}ÿ",
            ] {
                same_walk(&nfa, &shallow, text.as_bytes());
                same_walk(&nfa, &capped, text.as_bytes());
            }
        }
    }
}
