//! A small learned detector beside the rules: per guideline, a linear model (logistic
//! regression) over features of the folded text's words.
//!
//! Features of one text, all taken from the folded words ([`crate::normalize`], split by
//! [`Words`]), each written the way the policy file lists it:
//!
//! - the word itself: `sjefen`;
//! - two words in a row: `du aner`;
//! - the word's first `prefix` characters, when it is longer: `idiot*` (inflections, compounds'
//!   first part: «idiotleiar», «idioten»);
//! - its last `suffix` characters, when it is longer: `*sjef` (compounds' last part:
//!   «drittsjef», «sjefsidioten» has `*oten`).
//!
//! A feature counts once per comment-sized block of sentences. A guideline's score is its
//! `bias` plus the weights of the features found in the block where that is highest, in
//! hundredths of a logit; the model finds the guideline when the score
//! reaches `fire_at`. The finding covers the word (or word pair) whose weight added most, so
//! the UI underlines what drove it and `--explain` names it.
//!
//! The weights live in the policy's `[model]` section ([`ModelDef`]), written by `tenk train`
//! ([`train`]); another employer ships its own by training on its own labelled comments.
//! Scoring hashes each word once as it walks the words (eight bytes at a time, no allocation),
//! combines two words' hashes for a pair, hashes beginnings and endings, and looks each feature
//! up in an open-addressing table, so the cost is one pass over the words.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::lexicon::Words;
use crate::policy::Spanned;
use crate::text::sub;

/// The `[model]` section as written in the policy file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelDef {
    /// Length in characters of the word-beginning features (`idiot*`); 0 for none.
    pub prefix: usize,
    /// Length in characters of the word-ending features (`*sjef`); 0 for none.
    pub suffix: usize,
    /// One linear model per guideline.
    #[serde(default)]
    pub guidelines: Vec<ModelGuidelineDef>,
}

/// One guideline's linear model as written in the file. Numbers are hundredths of a logit.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelGuidelineDef {
    /// Guideline id (one of the policy's guidelines).
    pub id: Spanned<String>,
    /// Score of a text with no known feature.
    pub bias: i32,
    /// The score at which the model finds the guideline (whatever the rules say).
    pub fire_at: i32,
    /// `"feature weight"` entries: `"sjefen 125"`, `"du aner 40"`, `"idiot* 150"`, `"*sjef 90"`.
    pub weights: Spanned<Vec<String>>,
}

/// One parsed weight entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeightEntry {
    /// The feature as written (`sjefen`, `du aner`, `idiot*`, `*sjef`).
    pub feature: String,
    /// Hundredths of a logit.
    pub weight: i32,
}

/// Parses `"feature weight"`; `prefix`/`suffix` are the lengths the section declares.
pub fn parse_entry(entry: &str, prefix: usize, suffix: usize) -> Result<WeightEntry, String> {
    let (feature, weight) = entry
        .rsplit_once(' ')
        .ok_or_else(|| format!("«{entry}» is not «feature weight»"))?;
    let weight = crate::text::parse_i32(weight)
        .ok_or_else(|| format!("«{entry}»: the weight «{weight}» is not a whole number"))?;
    if !(-30_000..=30_000).contains(&weight) {
        return Err(format!("«{entry}»: the weight is outside −30000…30000"));
    }
    let words: Vec<&str> = feature.split(' ').collect();
    let ok = match words.as_slice() {
        [w] if w.ends_with('*') => {
            let core = sub(w, ..w.len() - 1);
            prefix > 0 && core.chars().count() == prefix && is_folded_word(core)
        }
        [w] if w.starts_with('*') => {
            let core = sub(w, 1..);
            suffix > 0 && core.chars().count() == suffix && is_folded_word(core)
        }
        [w] => is_folded_word(w),
        [a, b] => is_folded_word(a) && is_folded_word(b),
        _ => false,
    };
    if !ok {
        return Err(format!(
            "«{entry}»: the feature must be a folded word, two words, a {prefix}-character \
             beginning («abcd*») or a {suffix}-character ending («*abcd»)"
        ));
    }
    Ok(WeightEntry {
        feature: feature.to_string(),
        weight,
    })
}

/// Whether `w` is one word of folded text (what [`Words`] would split out of it).
fn is_folded_word(w: &str) -> bool {
    // Nearly every feature is lower-case ASCII: no folding needed to tell (folding each of a
    // model's thousands of entries costs milliseconds when the core starts).
    if !w.is_empty()
        && w.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return true;
    }
    !w.is_empty() && crate::normalize::fold(w) == w && w.chars().all(crate::normalize::is_word_char)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn feed(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// The hash of a byte string: eight bytes at a time, multiplied and folded (words are short, so
/// this is one or two rounds).
#[inline]
fn bytes_hash(bytes: &[u8]) -> u64 {
    let mut x = MIX ^ (bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        x = (x ^ v).wrapping_mul(MUL);
        x ^= x >> 29;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        x = (x ^ load_short(rest)).wrapping_mul(MUL);
        x ^= x >> 29;
    }
    x
}

/// The 1–7 bytes of `rest` as a little-endian `u64` padded with zeros, read without a
/// variable-length copy (which is a `memcpy` call per word): two overlapping reads, whose
/// shared bytes agree.
#[inline]
fn load_short(rest: &[u8]) -> u64 {
    let n = rest.len();
    debug_assert!((1..8).contains(&n));
    if n >= 4 {
        let lo = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
        let hi = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]);
        u64::from(lo) | u64::from(hi) << (8 * (n - 4))
    } else {
        u64::from(rest[0])
            | u64::from(rest[n / 2]) << (8 * (n / 2))
            | u64::from(rest[n - 1]) << (8 * (n - 1))
    }
}

/// One round of [`bytes_hash`]: eight bytes (or the zero-padded last 1–7) into the state.
#[inline(always)]
fn round(x: u64, v: u64) -> u64 {
    let x = (x ^ v).wrapping_mul(MUL);
    x ^ (x >> 29)
}

/// The eight bytes of `text` at `at` as a little-endian `u64` (`at + 8 <= text.len()`).
#[inline(always)]
fn load8(text: &[u8], at: usize) -> u64 {
    let c = &text[at..at + 8];
    u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]])
}

/// [`bytes_hash`] of `text[start..end]` (the same value), reading the last 1–7 bytes as eight
/// bytes of the text with the ones after the word masked off, where the text has them.
fn hash_in(text: &[u8], start: usize, end: usize) -> u64 {
    let mut x = MIX ^ ((end - start) as u64);
    let mut i = start;
    while i + 8 <= end {
        x = round(x, load8(text, i));
        i += 8;
    }
    if i < end {
        let v = if i + 8 <= text.len() {
            load8(text, i) & (u64::MAX >> (64 - 8 * (end - i)))
        } else {
            load_short(&text[i..end])
        };
        x = round(x, v);
    }
    x
}

/// A word's first or last `len` bytes (the model's `prefix` or `suffix`) hashed from one
/// eight-byte read of the text, when `len` is 1–8, the text has eight bytes there and the
/// `len` bytes are ASCII (then they are `len` characters: the cut the features make).
struct Edge {
    /// The hash state before the bytes ([`bytes_hash`] starts from the length).
    seed: u64,
    /// The `len` low bytes of a `u64`; 0 when `len` is not 1–8.
    mask: u64,
    /// Bits to shift eight bytes ending at a word's end right by to keep its last `len`.
    shift: u32,
}

impl Edge {
    fn new(len: usize) -> Edge {
        let fits = (1..=8).contains(&len);
        Edge {
            seed: MIX ^ (len as u64),
            mask: if fits { u64::MAX >> (64 - 8 * len) } else { 0 },
            shift: if fits { (64 - 8 * len) as u32 } else { 0 },
        }
    }

    /// [`bytes_hash`] of the `len` bytes at `start`, if they are ASCII and readable as above.
    #[inline(always)]
    fn head(&self, text: &[u8], start: usize) -> Option<u64> {
        if self.mask == 0 || start + 8 > text.len() {
            return None;
        }
        let v = load8(text, start) & self.mask;
        (v & HIGH == 0).then(|| round(self.seed, v))
    }

    /// [`bytes_hash`] of the `len` bytes ending at `end`, if they are ASCII and readable.
    #[inline(always)]
    fn tail(&self, text: &[u8], end: usize) -> Option<u64> {
        if self.mask == 0 || end < 8 {
            return None;
        }
        let v = load8(text, end - 8) >> self.shift;
        (v & HIGH == 0).then(|| round(self.seed, v))
    }
}

/// The high bit of every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;

const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
const MUL: u64 = 0xff51_afd7_ed55_8ccd;

/// A feature's hash from the hashes of its parts and its kind (1 word, 2 word pair,
/// 3 beginning, 4 ending); never 0 (the table's empty slot).
#[inline]
fn tagged(x: u64, kind: u64) -> u64 {
    let mut x = (x ^ kind.wrapping_mul(MIX)).wrapping_mul(MUL);
    x ^= x >> 32;
    x | 1
}

/// A feature hash's first slot in a table (masked to its size): its high half, since the
/// lowest bit of every feature hash is 1 (the low bits would use only the odd slots).
#[inline(always)]
fn home(hash: u64) -> usize {
    (hash >> 32) as usize
}

/// The hash of a word pair from the two words' hashes.
#[inline]
fn pair(a: u64, b: u64) -> u64 {
    tagged(a.rotate_left(23) ^ b, 2)
}

/// The hash of a feature as the policy file writes it (`sjefen`, `du aner`, `idiot*`,
/// `*sjef`): what the scorer computes from the words' hashes while walking them.
pub fn feature_hash(feature: &str) -> u64 {
    if let Some((a, b)) = feature.split_once(' ') {
        pair(bytes_hash(a.as_bytes()), bytes_hash(b.as_bytes()))
    } else if let Some(p) = feature.strip_suffix('*') {
        tagged(bytes_hash(p.as_bytes()), 3)
    } else if let Some(s) = feature.strip_prefix('*') {
        tagged(bytes_hash(s.as_bytes()), 4)
    } else {
        tagged(bytes_hash(feature.as_bytes()), 1)
    }
}

/// A stable number for a guideline id (the seed of its training order).
fn id_seed(id: &str) -> u64 {
    feed(FNV_OFFSET, id.as_bytes()) | 1
}

/// One guideline's model, ready to score.
#[derive(Debug, Clone)]
pub struct GuidelineModel {
    /// Guideline id.
    pub id: String,
    /// Score with no feature.
    pub bias: i32,
    /// Score at which it fires.
    pub fire_at: i32,
}

/// The compiled model: every feature's hash in an open-addressing table pointing at its
/// weights (guideline, weight) pairs.
#[derive(Debug, Clone)]
pub struct Model {
    prefix: usize,
    suffix: usize,
    /// The guidelines it scores, in section order.
    pub guidelines: Vec<GuidelineModel>,
    /// Table of feature hashes (0 = empty slot), a power of two long.
    keys: Vec<u64>,
    /// For each slot, the range of `postings`.
    slots: Vec<(u32, u32)>,
    /// (guideline index in `guidelines`, weight) pairs.
    postings: Vec<(u8, i16)>,
}

/// A guideline's score on one text and the words that added most to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    /// Hundredths of a logit (bias included).
    pub total: i32,
    /// The largest single positive contribution, and the folded byte range of its words.
    pub best: Option<(i32, usize, usize)>,
}

impl Model {
    /// Compiles a section; errors name the guideline and entry.
    pub fn build(def: &ModelDef) -> Result<Model, String> {
        /// A feature's weights: (guideline index, weight).
        type Postings = Vec<(u8, i16)>;
        if def.guidelines.len() > 250 {
            return Err("model.guidelines: too many guidelines".into());
        }
        // The distinct features in the order they first come, each with its hash and postings,
        // found through a first open-addressing table of indices into `features` (not a
        // `BTreeMap`: its code cost the WebAssembly ≈ 1 KB gzipped for this alone).
        let entries: usize = def
            .guidelines
            .iter()
            .map(|g| g.weights.get_ref().len())
            .sum();
        let first_mask = (entries * 2).next_power_of_two().max(16) - 1;
        let mut first = vec![u32::MAX; first_mask + 1];
        let mut features: Vec<(u64, String, Postings)> = Vec::new();
        let mut guidelines = Vec::new();
        for (gi, g) in def.guidelines.iter().enumerate() {
            for entry in g.weights.get_ref() {
                let e = parse_entry(entry, def.prefix, def.suffix).map_err(|m| {
                    format!("model.guidelines[{gi}] ({}).weights: {m}", g.id.get_ref())
                })?;
                let hash = feature_hash(&e.feature);
                let mut i = home(hash) & first_mask;
                let at = loop {
                    match first[i] {
                        u32::MAX => {
                            first[i] = features.len() as u32;
                            features.push((hash, e.feature.clone(), Vec::new()));
                            break features.len() - 1;
                        }
                        f if features[f as usize].0 == hash => break f as usize,
                        _ => i = (i + 1) & first_mask,
                    }
                };
                let slot = &mut features[at];
                if slot.1 != e.feature {
                    return Err(format!(
                        "model.guidelines[{gi}]: features «{}» and «{}» share a hash; drop one",
                        slot.1, e.feature
                    ));
                }
                if slot.2.iter().any(|&(g, _)| usize::from(g) == gi) {
                    return Err(format!(
                        "model.guidelines[{gi}] ({}).weights: «{}» is listed twice",
                        g.id.get_ref(),
                        e.feature
                    ));
                }
                slot.2.push((gi as u8, e.weight as i16));
            }
            guidelines.push(GuidelineModel {
                id: g.id.get_ref().clone(),
                bias: g.bias,
                fire_at: g.fire_at,
            });
        }
        let size = (features.len() * 2).next_power_of_two().max(16);
        let mut keys = vec![0u64; size];
        let mut slots = vec![(0u32, 0u32); size];
        let mut postings = Vec::new();
        for (hash, _, ps) in features {
            let mut i = home(hash) & (size - 1);
            while keys[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            keys[i] = hash;
            slots[i] = (postings.len() as u32, ps.len() as u32);
            postings.extend(ps);
        }
        Ok(Model {
            prefix: def.prefix,
            suffix: def.suffix,
            guidelines,
            keys,
            slots,
            postings,
        })
    }

    /// The table slot of a feature's hash, if the model has weights for it.
    #[inline(always)]
    fn slot(keys: &[u64], hash: u64) -> Option<usize> {
        let mask = keys.len() - 1;
        let mut i = home(hash) & mask;
        loop {
            let k = keys[i];
            if k == hash {
                return Some(i);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Every guideline's score on the folded words, in [`Model::guidelines`] order: the score
    /// of the comment-sized block of sentences ([`BLOCK_WORDS`]) where it is highest, each
    /// feature counted once per block. So a long text is judged a comment at a time, and
    /// repeating harmless sentences adds nothing.
    pub fn score(&self, words: &Words<'_>) -> Vec<Score> {
        let fresh: Vec<Score> = self
            .guidelines
            .iter()
            .map(|g| Score {
                total: g.bias,
                best: None,
            })
            .collect();
        let mut best: Option<Vec<Score>> = None;
        let mut block = fresh.clone();
        // The slots the current block has counted (one bit each): a feature counts once per
        // block. A bit set, not a block number per slot, so that each call clears ≈ 1 KB
        // instead of allocating and zeroing four bytes per slot.
        let mut seen: Vec<u64> = vec![0; self.keys.len().div_ceil(64)];
        // The tables as slices, and the loops below plain loops: the WebAssembly build
        // (`opt-level = "z"`) calls a function for each `Vec` index and iterator adapter.
        let mut table = Table {
            keys: &self.keys,
            slots: &self.slots,
            postings: &self.postings,
            seen: &mut seen,
            block: &mut block,
        };
        let (head, tail) = (Edge::new(self.prefix), Edge::new(self.suffix));
        let mut in_block = 0usize;
        let text = words.text.as_bytes();
        let mut previous: Option<(u64, usize)> = None;
        let mut last_end = 0;
        for &(start, end) in words.spans() {
            let mut sentence_end = false;
            for &b in &text[last_end..start] {
                if matches!(b, b'.' | b'!' | b'?' | b'\n') {
                    sentence_end = true;
                    break;
                }
            }
            if (in_block >= BLOCK_WORDS && sentence_end) || in_block >= 2 * BLOCK_WORDS {
                keep_higher(&mut best, table.block);
                table.block.clone_from_slice(&fresh);
                table.seen.fill(0);
                in_block = 0;
                previous = None;
            }
            last_end = end;
            in_block += 1;
            let hash = hash_in(text, start, end);
            table.add(tagged(hash, 1), start, end);
            if let Some((h, from)) = previous {
                table.add(pair(h, hash), from, end);
            }
            // Beginnings and endings of words longer than them, cut at character boundaries:
            // from one eight-byte read where the cut is ASCII (nearly always: folded words),
            // else by walking the characters.
            let n = end - start;
            if self.prefix > 0 && n > self.prefix {
                let key = head.head(text, start).or_else(|| {
                    let w = sub(words.text, start..end);
                    let (cut, _) = w.char_indices().nth(self.prefix)?;
                    Some(bytes_hash(&text[start..start + cut]))
                });
                if let Some(key) = key {
                    table.add(tagged(key, 3), start, end);
                }
            }
            if self.suffix > 0 && n > self.suffix {
                let key = tail.tail(text, end).or_else(|| {
                    let w = sub(words.text, start..end);
                    (w.chars().count() > self.suffix).then(|| {
                        bytes_hash(&text[suffix_start(words.text, start, end, self.suffix)..end])
                    })
                });
                if let Some(key) = key {
                    table.add(tagged(key, 4), start, end);
                }
            }
            previous = Some((hash, start));
        }
        keep_higher(&mut best, table.block);
        best.unwrap_or(fresh)
    }
}

/// The model's tables and one block's state, borrowed for [`Model::score`]'s word loop.
struct Table<'m, 's> {
    keys: &'m [u64],
    slots: &'m [(u32, u32)],
    postings: &'m [(u8, i16)],
    seen: &'s mut [u64],
    block: &'s mut [Score],
}

impl Table<'_, '_> {
    /// Adds a feature's weights (by its hash) to the block's scores, unless the block has
    /// counted it already; `start..end` is the folded range it covers. Inlined into the word
    /// loop (four calls per word).
    #[inline(always)]
    fn add(&mut self, hash: u64, start: usize, end: usize) {
        let Some(slot) = Model::slot(self.keys, hash) else {
            return;
        };
        let bit = 1u64 << (slot % 64);
        if self.seen[slot / 64] & bit != 0 {
            return;
        }
        self.seen[slot / 64] |= bit;
        let (a, n) = self.slots[slot];
        for &(g, w) in &self.postings[a as usize..(a + n) as usize] {
            let s = &mut self.block[usize::from(g)];
            let w = i32::from(w);
            s.total += w;
            let better = match s.best {
                None => true,
                Some((b, _, _)) => w > b,
            };
            if w > 0 && better {
                s.best = Some((w, start, end));
            }
        }
    }
}

/// A block closes at the first sentence end after this many words (and at twice as many
/// words without one): about the length of the comments the model was trained on.
pub const BLOCK_WORDS: usize = 40;

/// Keeps, per guideline, the block with the higher score (the first block as it is).
fn keep_higher(best: &mut Option<Vec<Score>>, block: &[Score]) {
    match best {
        None => *best = Some(block.to_vec()),
        Some(best) => {
            for (b, s) in best.iter_mut().zip(block) {
                if s.total > b.total {
                    *b = *s;
                }
            }
        }
    }
}

/// Byte offset where the last `n` characters of `text[start..end]` begin.
fn suffix_start(text: &str, start: usize, end: usize, n: usize) -> usize {
    let mut i = end;
    let mut seen = 0;
    let bytes = text.as_bytes();
    while i > start && seen < n {
        i -= 1;
        if bytes[i] & 0xc0 != 0x80 {
            seen += 1;
        }
    }
    i
}

/// The features of a folded text as the policy file writes them, in text order, with
/// repeats (training counts each once; [`Model::score`] computes the same ones as hashes).
pub fn features(folded: &str, prefix: usize, suffix: usize) -> Vec<String> {
    let words = Words::new(folded);
    let mut out = Vec::with_capacity(words.len() * 4);
    let mut previous: Option<&str> = None;
    for &(start, end) in words.spans() {
        let w = sub(folded, start..end);
        out.push(w.to_string());
        if let Some(p) = previous {
            out.push(format!("{p} {w}"));
        }
        let chars = w.chars().count();
        if prefix > 0 && chars > prefix {
            let cut = w.char_indices().nth(prefix).map_or(w.len(), |(i, _)| i);
            out.push(format!("{}*", sub(w, ..cut)));
        }
        if suffix > 0 && chars > suffix {
            let from = suffix_start(folded, start, end, suffix) - start;
            out.push(format!("*{}", sub(w, from..)));
        }
        previous = Some(w);
    }
    out
}

/// A labelled comment for training.
#[derive(Debug, Clone)]
pub struct Example {
    /// The comment as typed.
    pub text: String,
    /// Guideline ids it touches (complete: every other guideline is a negative).
    pub labels: Vec<String>,
}

/// How to train.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Word-beginning length (0: none).
    pub prefix: usize,
    /// Word-ending length (0: none).
    pub suffix: usize,
    /// Passes over the data.
    pub epochs: usize,
    /// L2 regularisation per update.
    pub l2: f64,
    /// Weights smaller than this (in logits) are dropped from the file.
    pub prune: f64,
    /// A feature must occur in at least this many training comments.
    pub min_count: usize,
    /// At most this many weights per guideline (the largest), so the model stays small.
    pub max_weights: usize,
    /// Seed of the example order.
    pub seed: u64,
    /// The score at which each guideline fires (hundredths of a logit).
    pub fire_at: i32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            prefix: 5,
            suffix: 4,
            epochs: 12,
            l2: 1e-3,
            prune: 0.15,
            min_count: 3,
            max_weights: 400,
            seed: 0x5eed_7e4c,
            fire_at: 200,
        }
    }
}

/// Trains one logistic regression per id in `ids` by stochastic gradient descent (fixed seed,
/// the examples in the order given, vocabulary sorted: the same input gives the same
/// weights). Returns the section ready to be written ([`to_toml`]) or built.
pub fn train(examples: &[Example], ids: &[&str], opts: &TrainOptions) -> ModelDef {
    let feats: Vec<Vec<String>> = examples
        .iter()
        .map(|e| features(&crate::normalize::fold(&e.text), opts.prefix, opts.suffix))
        .collect();
    // Vocabulary: features in at least `min_count` comments, sorted.
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &feats {
        let mut seen: Vec<&str> = f.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for s in seen {
            *df.entry(s).or_default() += 1;
        }
    }
    let vocab: Vec<&str> = df
        .iter()
        .filter(|&(_, &n)| n >= opts.min_count)
        .map(|(&s, _)| s)
        .collect();
    let index: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, &s)| (s, i)).collect();
    let rows: Vec<Vec<(usize, f64)>> = feats
        .iter()
        .map(|f| {
            // Present or not, as the scorer counts a feature once per block.
            let mut present: Vec<usize> = f
                .iter()
                .filter_map(|s| index.get(s.as_str()).copied())
                .collect();
            present.sort_unstable();
            present.dedup();
            present.into_iter().map(|i| (i, 1.0)).collect()
        })
        .collect();
    let mut guidelines = Vec::new();
    for id in ids {
        let y: Vec<f64> = examples
            .iter()
            .map(|e| f64::from(u8::from(e.labels.iter().any(|l| l == id))))
            .collect();
        let all = vec![true; vocab.len()];
        let (w, _) = fit(&rows, &y, &all, opts, opts.seed ^ id_seed(id));
        let mut kept = largest(&vocab, &w, opts);
        // Refit on the kept features alone, so that the model is tuned to the features it
        // ships with (bias included) rather than cut after the fact.
        let mut allowed = vec![false; vocab.len()];
        for &(i, _) in &kept {
            allowed[i] = true;
        }
        let (w, bias) = fit(&rows, &y, &allowed, opts, opts.seed ^ id_seed(id));
        kept = largest(&vocab, &w, opts);
        let kept: Vec<(&str, f64)> = kept.iter().map(|&(i, x)| (vocab[i], x)).collect();
        let mut weights: Vec<String> = kept
            .iter()
            // Tenths of a logit, written in hundredths: coarse steps pack smaller and change
            // no decision measurably.
            .map(|(f, x)| {
                format!(
                    "{f} {}",
                    10 * (x * 10.0).round().clamp(-3_000.0, 3_000.0) as i32
                )
            })
            .filter(|e| !e.ends_with(" 0"))
            .collect();
        weights.sort();
        guidelines.push(ModelGuidelineDef {
            id: Spanned::new(0..0, (*id).to_string()),
            bias: (bias * 100.0).round() as i32,
            fire_at: opts.fire_at,
            weights: Spanned::new(0..0, weights),
        });
    }
    ModelDef {
        prefix: opts.prefix,
        suffix: opts.suffix,
        guidelines,
    }
}

/// Logistic regression by SGD over the `allowed` features: weights and bias in logits.
fn fit(
    rows: &[Vec<(usize, f64)>],
    y: &[f64],
    allowed: &[bool],
    opts: &TrainOptions,
    seed: u64,
) -> (Vec<f64>, f64) {
    let mut w = vec![0.0f64; allowed.len()];
    let mut bias = 0.0f64;
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut rng = seed;
    for epoch in 0..opts.epochs {
        shuffle(&mut order, &mut rng);
        let lr = 0.5 / (1.0 + epoch as f64);
        for &n in &order {
            let z = bias
                + rows[n]
                    .iter()
                    .filter(|&&(i, _)| allowed[i])
                    .map(|&(i, c)| w[i] * c)
                    .sum::<f64>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = y[n] - p;
            bias += lr * g;
            for &(i, c) in &rows[n] {
                if allowed[i] {
                    w[i] += lr * (g * c - opts.l2 * w[i]);
                }
            }
        }
    }
    (w, bias)
}

/// The weights at least `prune` in size, the `max_weights` largest (ties by feature, so the
/// choice is deterministic): (vocabulary index, weight).
fn largest(vocab: &[&str], w: &[f64], opts: &TrainOptions) -> Vec<(usize, f64)> {
    let mut kept: Vec<(usize, f64)> = w
        .iter()
        .enumerate()
        .filter(|(_, &x)| x.abs() >= opts.prune)
        .map(|(i, &x)| (i, x))
        .collect();
    kept.sort_by(|a, b| {
        b.1.abs()
            .total_cmp(&a.1.abs())
            .then(vocab[a.0].cmp(vocab[b.0]))
    });
    kept.truncate(opts.max_weights);
    kept
}

fn shuffle(order: &mut [usize], state: &mut u64) {
    for i in (1..order.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        let j = (*state % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
}

/// The line that starts the section `tenk train` writes; everything from it to the end of
/// the policy file is the model (so retraining replaces it).
pub const SECTION_MARK: &str = "# ---- model: written by `tenk train`; do not edit by hand ----";

/// The section as policy TOML, starting with [`SECTION_MARK`].
pub fn to_toml(def: &ModelDef, comment: &str) -> String {
    let mut out = String::new();
    out.push_str(SECTION_MARK);
    out.push('\n');
    for line in comment.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&format!(
        "[model]\nprefix = {}\nsuffix = {}\n",
        def.prefix, def.suffix
    ));
    for g in &def.guidelines {
        out.push_str(&format!(
            "\n[[model.guidelines]]\nid = \"{}\"\nbias = {}\nfire_at = {}\nweights = [\n",
            g.id.get_ref(),
            g.bias,
            g.fire_at
        ));
        for w in g.weights.get_ref() {
            out.push_str(&format!("  \"{w}\",\n"));
        }
        out.push_str("]\n");
    }
    out
}

/// The policy source with its model section (from [`SECTION_MARK`] on) replaced by `section`.
pub fn replace_section(policy_source: &str, section: &str) -> String {
    let head = match policy_source.find(SECTION_MARK) {
        Some(at) => sub(policy_source, ..at),
        None => policy_source,
    };
    let mut out = head.trim_end().to_string();
    out.push_str("\n\n");
    out.push_str(section);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    fn def(prefix: usize, suffix: usize, weights: &[&str]) -> ModelDef {
        ModelDef {
            prefix,
            suffix,
            guidelines: vec![ModelGuidelineDef {
                id: Spanned::new(0..0, "loyalty".into()),
                bias: -100,
                fire_at: 0,
                weights: Spanned::new(0..0, weights.iter().map(|s| s.to_string()).collect()),
            }],
        }
    }

    /// A model with every training feature of the folded `text` at weight 1 (prefix 5,
    /// suffix 4) scores it at the bias plus the number of distinct features: the scorer finds
    /// exactly the features training makes.
    fn assert_scores_every_feature(text: &str) {
        let fs = features(text, 5, 4);
        let mut unique = fs.clone();
        unique.sort();
        unique.dedup();
        let entries: Vec<String> = unique.iter().map(|f| format!("{f} 1")).collect();
        let refs: Vec<&str> = entries.iter().map(String::as_str).collect();
        let model = Model::build(&def(5, 4, &refs)).unwrap();
        let s = model.score(&Words::new(text))[0];
        assert_eq!(s.total, -100 + unique.len() as i32, "{text}: {fs:?}");
    }

    #[test]
    fn scoring_hashes_the_same_features_training_lists() {
        for text in [
            "Drittsjefen vår i Velferdsetaten, æsj!",
            "du aner ikke hva du snakker om",
            "Eg er så lei idiotleiaren på kontoret",
            "a bb ccc dddd eeeee ffffff 123 blaabaer",
        ] {
            assert_scores_every_feature(&fold(text));
        }
    }

    #[test]
    fn short_loads_are_the_zero_padded_bytes() {
        let bytes: Vec<u8> = (1..=7u8).map(|b| b.wrapping_mul(0x9d) | 0x80).collect();
        for n in 1..8 {
            let mut padded = [0u8; 8];
            padded[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(
                load_short(&bytes[..n]),
                u64::from_le_bytes(padded),
                "{n} bytes"
            );
        }
    }

    #[test]
    fn hashes_read_from_the_text_are_the_hashes_of_the_bytes() {
        // Every range of a text with ASCII, two- and four-byte characters at every distance
        // from its ends: `hash_in` and the `Edge` reads must give `bytes_hash`'s values (the
        // keys the table is built with), and the edges only for ASCII cuts.
        let text = "ab\u{e6}cdefgh\u{f8}ijklmnopqrstu\u{1f60a}vwxyz0123456789\u{e5}";
        let bytes = text.as_bytes();
        for len in 0..=9 {
            let edge = Edge::new(len);
            for start in 0..=bytes.len() {
                for end in start..=bytes.len() {
                    let expected = bytes_hash(&bytes[start..end]);
                    assert_eq!(hash_in(bytes, start, end), expected, "{start}..{end}");
                    let cut = bytes.get(start..start + len).filter(|c| c.is_ascii());
                    if let Some(h) = edge.head(bytes, start) {
                        assert_eq!(Some(h), cut.map(bytes_hash), "head {len} at {start}");
                    }
                    let cut = end.checked_sub(len).map(|s| &bytes[s..end]);
                    if let Some(h) = edge.tail(bytes, end) {
                        let cut = cut.filter(|c| c.is_ascii());
                        assert_eq!(Some(h), cut.map(bytes_hash), "tail {len} at {end}");
                    }
                    if (1..=8).contains(&len) && start + 8 <= bytes.len() {
                        let ascii = bytes[start..start + len].is_ascii();
                        assert_eq!(edge.head(bytes, start).is_some(), ascii);
                    }
                }
            }
        }
    }

    #[test]
    fn scores_the_same_features_at_the_ends_of_texts_and_next_to_other_letters() {
        // Words of every length from 1 to 12, ASCII or with a Cyrillic «ж» (which folding keeps) at either end, at the start
        // and the end of texts of every length (where fewer than eight bytes are left).
        let mut words = Vec::new();
        for n in 1..=12usize {
            let w: String = "abcdefghijkl"[..n].to_string();
            words.push(w.clone());
            words.push(format!("\u{436}{}", &w[1..]));
            words.push(format!("{}\u{436}", &w[..n - 1]));
        }
        for (i, w) in words.iter().enumerate() {
            for other in [
                &words[(i * 7 + 3) % words.len()],
                &words[(i * 5 + 1) % words.len()],
            ] {
                for text in [
                    w.clone(),
                    format!("{other} {w}"),
                    format!("{w} {other}"),
                    format!("x {w}."),
                ] {
                    assert_scores_every_feature(&text);
                }
            }
        }
    }

    #[test]
    fn scores_and_names_the_word_that_drove_it() {
        let model = Model::build(&def(5, 4, &["*sjef 300", "idiot* 150", "fin -200"])).unwrap();
        let folded = fold("Han er en skikkelig drittsjef");
        let s = model.score(&Words::new(&folded))[0];
        assert_eq!(s.total, 200);
        let (w, a, b) = s.best.unwrap();
        assert_eq!((w, &folded[a..b]), (300, "drittsjef"));
        let folded = fold("En fin dag");
        let s = model.score(&Words::new(&folded))[0];
        assert_eq!((s.total, s.best), (-300, None));
    }

    #[test]
    fn bad_entries_are_refused_with_the_entry() {
        for (entry, needle) in [
            ("sjefen", "not «feature weight»"),
            ("sjefen x1", "not a whole number"),
            ("Sjefen 10", "folded word"),
            ("sjef* 10", "5-character beginning"),
            ("a b c 10", "folded word"),
            ("sjefen 99999", "outside"),
        ] {
            let e = Model::build(&def(5, 4, &[entry])).unwrap_err();
            assert!(
                e.contains(needle) && e.contains("model.guidelines[0] (loyalty)"),
                "{entry}: {e}"
            );
        }
        let e = Model::build(&def(5, 4, &["sjefen 1", "sjefen 2"])).unwrap_err();
        assert!(e.contains("listed twice"), "{e}");
    }

    fn examples() -> Vec<Example> {
        let pos = [
            "Sjefen min er en idiot",
            "drittsjefen på kontoret igjen",
            "sjefen vår er helt udugelig",
            "for en idiot av en sjef",
            "sjefen er en klovn",
            "idiotsjefen har gjort det igjen",
        ];
        let neg = [
            "Fin tur på fjellet i dag",
            "gratulerer med dagen",
            "sjefen ga oss kake i dag, så hyggelig",
            "kakebaking på søndag",
            "vi sees på trening",
            "flott vær på fjellet",
            "sjefen er flink",
            "takk for turen",
        ];
        pos.iter()
            .map(|t| (t, vec!["negative-about-colleagues".to_string()]))
            .chain(neg.iter().map(|t| (t, vec![])))
            .map(|(t, labels)| Example {
                text: t.to_string(),
                labels,
            })
            .collect()
    }

    #[test]
    fn training_learns_positives_and_negatives_and_is_deterministic() {
        let ex = examples();
        let opts = TrainOptions {
            min_count: 1,
            prune: 0.01,
            ..TrainOptions::default()
        };
        let a = train(&ex, &["negative-about-colleagues"], &opts);
        let b = train(&ex, &["negative-about-colleagues"], &opts);
        assert_eq!(to_toml(&a, ""), to_toml(&b, ""));
        let model = Model::build(&a).unwrap();
        let score = |t: &str| {
            let f = fold(t);
            model.score(&Words::new(&f))[0].total
        };
        assert!(
            score("sjefen er en idiot") > 0,
            "{}",
            score("sjefen er en idiot")
        );
        assert!(score("fin tur på fjellet") < 0);
        // Unseen inflection through the word-beginning feature.
        assert!(score("idioten") > score("fjellet"));
    }

    #[test]
    fn a_written_section_reads_back_and_replaces_the_old_one() {
        let a = train(
            &examples(),
            &["negative-about-colleagues"],
            &TrainOptions {
                min_count: 1,
                ..TrainOptions::default()
            },
        );
        let section = to_toml(&a, "trained on a test set");
        let policy = "[policy]\nname = \"x\"\n";
        let once = replace_section(policy, &section);
        let twice = replace_section(&once, &section);
        assert_eq!(once, twice);
        assert!(once.starts_with(policy));
    }
}
