// Shingled text fingerprints for similarity checks (issue 16): pure functions, no I/O.
//
// 1. Words: letters and digits (an apostrophe inside a word, as in Kiswahili "ng'ombe", joins it),
//    lower-cased and stripped of accents; each keeps its character range in the original text.
// 2. Shingles: every run of K words, hashed (52 bits: collisions are negligible at these sizes).
// 3. Winnowing (Schleimer, Wilkerson and Aiken, SIGMOD 2003): of every WINDOW consecutive shingle
//    hashes the rightmost smallest is kept. Any shared run of K + WINDOW - 1 = 8 words is sure to
//    share a fingerprint, and a text keeps about 2 / (WINDOW + 1) of its shingles.
// 4. An inverted index (fingerprint → the texts that have it) yields the pairs sharing fingerprints,
//    so unrelated pairs are never looked at. Fingerprints in the instructions, or in more than
//    COMMON_SHARE of the submissions, are shared material and ignored.
// 5. For each candidate pair every shared fingerprint seeds a match that is extended word by word
//    both ways: the passages (character ranges in each text) and the share of each text they cover.
//
// K = 5: a copied sentence with one word changed still shares the words either side of the change,
// while two unrelated texts on the same topic rarely share five words in a row beyond stock phrases,
// which the shared-material rule removes. Kiswahili words are long (agglutinated), so five of them
// are at least as distinctive as five English ones.

/** Words per shingle. */
export const K = 5
/** Winnowing window, in shingles (≤ K, so the shingles kept in a copied run overlap end to end). */
export const WINDOW = 4
/** A fingerprint in more than this share of the submissions is shared material (e.g. a pasted question). */
export const COMMON_SHARE = 0.4

export interface Token {
  word: string
  start: number
  end: number
}

const WORD = /[\p{L}\p{N}]+(?:['’ʼ`][\p{L}\p{N}]+)*/gu
const NON_ASCII = /[^ -~\t\n\r]/

/** A word as compared: lower case, no accents, no apostrophes ("Ng'ombe" and "ngombe" are one word). */
export function normaliseWord(word: string): string {
  const plain = NON_ASCII.test(word) ? word.normalize('NFKD').replace(/\p{M}+/gu, '') : word
  return plain.replace(/['’ʼ`]/g, '').toLowerCase()
}

/** The words of a text with their character ranges; punctuation, case and spacing do not count. */
export function tokenize(text: string): Token[] {
  const out: Token[] = []
  for (const m of text.matchAll(WORD)) {
    out.push({ word: normaliseWord(m[0]), start: m.index, end: m.index + m[0].length })
  }
  return out
}

function wordHash(word: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

function mix(h: number): number {
  let x = h ^ (h >>> 16)
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/** The hash of every run of K words (52 bits, safe as a number); empty when there are fewer words. */
export function shingleHashes(words: readonly string[], k = K): number[] {
  const wh = words.map(wordHash)
  const out: number[] = []
  for (let i = 0; i + k <= wh.length; i++) {
    let a = 0x9e3779b9
    let b = 0x7f4a7c15
    for (let j = i; j < i + k; j++) {
      a = Math.imul(a ^ (wh[j] as number), 0x01000193)
      b = Math.imul((b << 5) | (b >>> 27), 31) ^ (wh[j] as number)
    }
    out.push(mix(a) * 0x100000 + (mix(b) >>> 12))
  }
  return out
}

/** Winnowing: the positions of the rightmost smallest hash of each window, each position once. */
export function winnow(hashes: readonly number[], w = WINDOW): number[] {
  const n = hashes.length
  if (n === 0) return []
  const out: number[] = []
  const last = Math.max(0, n - w)
  for (let start = 0; start <= last; start++) {
    let min = start
    for (let i = start + 1; i < Math.min(n, start + w); i++) {
      if ((hashes[i] as number) <= (hashes[min] as number)) min = i
    }
    if (out[out.length - 1] !== min) out.push(min)
  }
  return out
}

/** A text to compare: a submission, or a source (a published lesson) compared with submissions only. */
export interface SimilarityText {
  id: string
  text: string
}

/** A passage found in both texts: character ranges [start, end) in each, and its length in words. */
export interface Passage {
  a: [number, number]
  b: [number, number]
  words: number
}

export interface SimilarityPair {
  /** A submission's id. */
  a: string
  /** Another submission's id, or a source's. */
  b: string
  source: boolean
  /** Share of a's words in passages found in b, and the other way round (0–1). */
  shareA: number
  shareB: number
  /** What the teacher sees: the larger share (for a source, the submission's share). */
  score: number
  passages: Passage[]
}

export interface CompareOptions {
  /** Text every student was given (the instructions): passages of it are never matches. */
  boilerplate?: string[]
  /** A fingerprint in more than this share of the submissions (and in more than 3) is ignored. */
  commonShare?: number
  /** Shorter passages are ordinary phrases, not matches. */
  minPassageWords?: number
  /** Pairs whose score is below the floor are left out, unless a passage is `keepPassageWords` long. */
  floor?: number
  keepPassageWords?: number
}

interface Prepared {
  id: string
  tokens: Token[]
  hashes: number[]
  /** Fingerprint hash → the shingle positions that have it. */
  prints: Map<number, number[]>
  /** Words inside shared material: a match never extends into them. */
  masked: Uint8Array
}

function prepare(t: SimilarityText): Prepared {
  const tokens = tokenize(t.text)
  const hashes = shingleHashes(tokens.map((x) => x.word))
  const prints = new Map<number, number[]>()
  for (const pos of winnow(hashes)) {
    const h = hashes[pos] as number
    const list = prints.get(h)
    if (list) list.push(pos)
    else prints.set(h, [pos])
  }
  return { id: t.id, tokens, hashes, prints, masked: new Uint8Array(tokens.length) }
}

/** Marks the words of every shingle whose hash is ignored, and drops those fingerprints. */
function maskIgnored(doc: Prepared, ignored: Set<number>) {
  if (!ignored.size) return
  doc.hashes.forEach((h, i) => {
    if (ignored.has(h)) doc.masked.fill(1, i, i + K)
  })
  for (const h of [...doc.prints.keys()]) if (ignored.has(h)) doc.prints.delete(h)
}

/** The fingerprints that are shared material: in the boilerplate, or in too many submissions. */
function ignoredHashes(subs: Prepared[], boilerplate: string[], commonShare: number): Set<number> {
  const ignored = new Set<number>()
  for (const text of boilerplate)
    for (const h of shingleHashes(tokenize(text).map((x) => x.word))) ignored.add(h)
  const df = new Map<number, number>()
  for (const d of subs) for (const h of d.prints.keys()) df.set(h, (df.get(h) ?? 0) + 1)
  const most = Math.max(3, Math.floor(commonShare * subs.length))
  for (const [h, n] of df) if (n > most) ignored.add(h)
  return ignored
}

/** Pairs (index a < index b, sources after submissions) that share at least `min` fingerprints. */
function candidatePairs(docs: Prepared[], submissions: number, min: number): Array<[number, number]> {
  const index = new Map<number, number[]>()
  docs.forEach((d, i) => {
    for (const h of d.prints.keys()) {
      const list = index.get(h)
      if (list) list.push(i)
      else index.set(h, [i])
    }
  })
  const shared = new Map<number, number>()
  for (const list of index.values()) {
    for (let x = 0; x < list.length; x++) {
      const i = list[x] as number
      if (i >= submissions) break
      for (let y = x + 1; y < list.length; y++) {
        const key = i * docs.length + (list[y] as number)
        shared.set(key, (shared.get(key) ?? 0) + 1)
      }
    }
  }
  const out: Array<[number, number]> = []
  for (const [key, n] of shared) if (n >= min) out.push([Math.floor(key / docs.length), key % docs.length])
  return out
}

type Segment = [aStart: number, aEnd: number, bStart: number, bEnd: number]

/** The runs of equal words around each shared fingerprint (word positions, end exclusive). */
function matchSegments(a: Prepared, b: Prepared): Segment[] {
  const segments: Segment[] = []
  const same = (i: number, j: number) =>
    !a.masked[i] && !b.masked[j] && (a.tokens[i] as Token).word === (b.tokens[j] as Token).word
  for (const [h, inA] of a.prints) {
    const inB = b.prints.get(h)
    if (!inB) continue
    for (const pa of inA.slice(0, 8)) {
      for (const pb of inB.slice(0, 8)) {
        if (segments.some(([as, ae, bs]) => pa >= as && pa < ae && pa - as === pb - bs)) continue
        let ok = true
        for (let d = 0; d < K && ok; d++) ok = same(pa + d, pb + d)
        if (!ok) continue
        let as = pa
        let bs = pb
        while (as > 0 && bs > 0 && same(as - 1, bs - 1)) {
          as--
          bs--
        }
        let ae = pa + K
        let be = pb + K
        while (ae < a.tokens.length && be < b.tokens.length && same(ae, be)) {
          ae++
          be++
        }
        segments.push([as, ae, bs, be])
      }
    }
  }
  return segments
}

/** How many of `n` words the intervals cover. */
function covered(intervals: Array<[number, number]>, n: number): number {
  if (!n) return 0
  const sorted = [...intervals].sort((x, y) => x[0] - y[0])
  let total = 0
  let end = -1
  for (const [s, e] of sorted) {
    if (e <= end) continue
    total += e - Math.max(s, end)
    end = e
  }
  return total / n
}

function comparePair(a: Prepared, b: Prepared, source: boolean, minWords: number): SimilarityPair {
  const segments = matchSegments(a, b).filter(([as, ae]) => ae - as >= minWords)
  segments.sort((x, y) => x[0] - y[0] || x[2] - y[2])
  const shareA = covered(
    segments.map(([as, ae]) => [as, ae]),
    a.tokens.length,
  )
  const shareB = covered(
    segments.map(([, , bs, be]) => [bs, be]),
    b.tokens.length,
  )
  const range = (t: Token[], s: number, e: number): [number, number] => [
    (t[s] as Token).start,
    (t[e - 1] as Token).end,
  ]
  return {
    a: a.id,
    b: b.id,
    source,
    shareA,
    shareB,
    score: source ? shareA : Math.max(shareA, shareB),
    passages: segments.map(([as, ae, bs, be]) => ({
      a: range(a.tokens, as, ae),
      b: range(b.tokens, bs, be),
      words: ae - as,
    })),
  }
}

/**
 * Compares every submission with the others and with each source (published lessons) and returns
 * the pairs worth a teacher's look, highest score first. Informs, never decides: a score is the
 * share of a text found in the other, whatever the reason.
 */
export function compareTexts(
  submissions: SimilarityText[],
  sources: SimilarityText[] = [],
  options: CompareOptions = {},
): SimilarityPair[] {
  const minWords = options.minPassageWords ?? 8
  const floor = options.floor ?? 0.05
  const keepWords = options.keepPassageWords ?? 25
  const subs = submissions.map(prepare)
  const docs = [...subs, ...sources.map(prepare)]
  const ignored = ignoredHashes(subs, options.boilerplate ?? [], options.commonShare ?? COMMON_SHARE)
  for (const d of docs) maskIgnored(d, ignored)
  const pairs: SimilarityPair[] = []
  for (const [i, j] of candidatePairs(docs, subs.length, 2)) {
    const pair = comparePair(docs[i] as Prepared, docs[j] as Prepared, j >= subs.length, minWords)
    if (pair.passages.length && (pair.score >= floor || pair.passages.some((p) => p.words >= keepWords))) {
      pairs.push(pair)
    }
  }
  return pairs.sort((x, y) => y.score - x.score || x.a.localeCompare(y.a) || x.b.localeCompare(y.b))
}
