import { fmix32, minHash, shingleSequence } from "./fingerprint";
import { countTokenWords, tokenize } from "./tokens";

/**
 * What near-duplicate and summary verification need of a text, computed once per copy (before
 * the fold index is called) and kept in the fold index, so the decision itself stays synchronous.
 */
export interface MatchFeatures {
  /** Words of the match text (a character of an unspaced script counts half, see tokens.ts). */
  words: number;
  /** The shingle hash at each window start, in text order (see fingerprint.ts shingleSequence). */
  windows: number[];
  /** Token index at which each line starts (the first is 0). */
  lineStarts: number[];
  /** Word counts of the lines. */
  lineWords: number[];
  /** [token index, token] of every token with a digit: what template items differ in. */
  numbers: Array<[number, string]>;
}

const DIGIT = /\p{Nd}/u;
const YO = /ё/g;

/**
 * Spellings that reprints change without changing the text: Russian "ё" is written "е" by most
 * publishers and portals (lines are lower-cased by then). Matching only: exact fingerprints keep
 * their pinned bytes.
 */
function foldSpellingVariants(line: string): string {
  return line.includes("ё") ? line.replace(YO, "е") : line;
}

/** DIGIT.test(token), answered without the regular expression for ASCII tokens. */
function hasDigit(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) return true;
    if (code > 0x7f) return DIGIT.test(token);
  }
  return false;
}

/** The features of match lines (see match-text.ts matchLines). */
export function matchFeatures(lines: readonly string[]): MatchFeatures {
  const tokens: string[] = [];
  const lineStarts: number[] = [];
  const lineWords: number[] = [];
  for (const line of lines) {
    const lineTokens = tokenize(foldSpellingVariants(line));
    if (lineTokens.length === 0) continue;
    lineStarts.push(tokens.length);
    // The words of the line as written: "ё" and "е" are both letters, so the tokens are the same.
    lineWords.push(countTokenWords(lineTokens));
    for (const token of lineTokens) tokens.push(token);
  }
  const numbers: Array<[number, string]> = [];
  for (let index = 0; index < tokens.length; index++) {
    if (hasDigit(tokens[index]!)) numbers.push([index, tokens[index]!]);
  }
  return {
    words: lineWords.reduce((sum, n) => sum + n, 0),
    windows: shingleSequence(tokens),
    lineStarts,
    lineWords,
    numbers,
  };
}

/**
 * Locality-sensitive bands. Body bands: the 64-value MinHash of all shingles in 21 bands of 3
 * rows; a pair with shingle Jaccard J shares a band with probability 1 - (1 - J^3)^21: 0.94 at
 * J = 0.5, 0.99 at 0.6, 0.02 at 0.1. Lead bands: a 16-value MinHash of the shingles of the first
 * LEAD_WINDOWS windows, one row per band, so a one-paragraph summary (whose lead shingles are
 * about half of the full article's lead) shares a band with probability 1 - (1 - J)^16 > 0.999
 * at J = 0.4. Lookups per item: 37 keys, whatever the number of stories.
 */
export const BODY_BANDS = 21;
export const BODY_ROWS = 3;
export const LEAD_BANDS = 16;
/** Windows (shingle starts) that make up a text's lead: about the first paragraph's first sentence. */
export const LEAD_WINDOWS = 30;

const BAND_SPACE = 0x100000000;

/**
 * The band keys of a text's features: integers band * 2^32 + hash (exact in a double and in
 * SQLite's INTEGER), body bands 0..20, lead bands 21..36. Fixed across releases, like the
 * signature they come from (test vectors pin them). Empty features: [].
 */
export function bandKeys(features: Pick<MatchFeatures, "windows">): number[] {
  if (features.windows.length === 0) return [];
  const body = minHash(features.windows);
  const keys: number[] = [];
  for (let b = 0; b < BODY_BANDS; b++) {
    let h = 0;
    for (let r = 0; r < BODY_ROWS; r++) h = fmix32(h ^ body[b * BODY_ROWS + r]!);
    keys.push(b * BAND_SPACE + h);
  }
  const lead = minHash(features.windows.slice(0, LEAD_WINDOWS), LEAD_BANDS);
  for (let b = 0; b < LEAD_BANDS; b++) keys.push((BODY_BANDS + b) * BAND_SPACE + lead[b]!);
  return keys;
}

/** Features in a compact, JSON-safe form for storage: windows as base64 of little-endian uint32. */
export interface PackedFeatures {
  w: string;
  words: number;
  ls: number[];
  lw: number[];
  n: Array<[number, string]>;
}

/** Windows kept per copy: a 4,000-word article; beyond, verification reads the first 4,000. */
export const MAX_STORED_WINDOWS = 4000;

function toBase64(values: readonly number[]): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setUint32(i * 4, values[i]!, true);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): number[] {
  const binary = atob(text);
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const values: number[] = [];
  for (let i = 0; i + 4 <= binary.length; i += 4) values.push(view.getUint32(i, true));
  return values;
}

export function packFeatures(f: MatchFeatures): PackedFeatures {
  const windows = f.windows.slice(0, MAX_STORED_WINDOWS);
  const limit = windows.length + 4;
  return {
    w: toBase64(windows),
    words: f.words,
    ls: f.lineStarts.filter((s) => s < limit),
    lw: f.lineWords.slice(0, f.lineStarts.filter((s) => s < limit).length),
    n: f.numbers.filter(([at]) => at < limit),
  };
}

export function unpackFeatures(p: PackedFeatures): MatchFeatures {
  return { words: p.words, windows: fromBase64(p.w), lineStarts: p.ls, lineWords: p.lw, numbers: p.n };
}
