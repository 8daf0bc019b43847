import { type BoilerplateContext, stripBoilerplate } from "./boilerplate";
import { htmlToText } from "./html-text";
import { normalizeLines } from "./normalize";
import { sha256Hex, sha256HexSync } from "./sha256";
import { countWords, tokenize } from "./tokens";

/** The body fields of an item, as the feed parsers fill them (src/feed/model.ts ParsedItem). */
export interface ItemBody {
  contentHtml?: string;
  contentText?: string;
  summary?: string;
}

/** An item body reduced to what identifies the article. */
export interface NormalizedBody {
  /** Normalized, boilerplate-free lines (paragraphs, headings). */
  lines: string[];
  /**
   * The lines joined by one space, so copies that split paragraphs differently (<h2> vs a <b>
   * line, <p> vs <br /><br />) have the same text.
   */
  text: string;
  words: number;
}

/**
 * Below this many words a body does not identify an article on its own: "Read the full
 * article", "Photo: AP" or a one-line score update are shared by unrelated items.
 */
export const SHORT_BODY_WORDS = 20;

/** Number of MinHash values in a near-duplicate signature. Changing it changes every stored signature. */
export const NEAR_SIGNATURE_SIZE = 64;

const SHINGLE_TOKENS = 5;

function hasText(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== "";
}

/**
 * The item's fullest body as plain text with one line per block: contentHtml (markup removed),
 * else contentText, else the summary (which may be HTML). Empty when the item has no body.
 */
export function bodyText(item: ItemBody): string {
  if (hasText(item.contentHtml)) {
    const text = htmlToText(item.contentHtml);
    if (text !== "") return text;
  }
  if (hasText(item.contentText)) return item.contentText;
  if (hasText(item.summary)) return htmlToText(item.summary);
  return "";
}

/** The item's body normalized (see normalize.ts) and stripped of boilerplate (see boilerplate.ts). */
export function normalizeBody(item: ItemBody, context: BoilerplateContext): NormalizedBody {
  const lines = stripBoilerplate(normalizeLines(bodyText(item)), context);
  const text = lines.join(" ");
  return { lines, text, words: countWords(text) };
}

/** "sha256:<64 lower-case hex>" of the UTF-8 bytes of text. */
export async function exactFingerprint(text: string): Promise<string> {
  return `sha256:${await sha256Hex(text)}`;
}

/**
 * The exact fingerprint of a normalized body, or undefined when the body cannot identify an
 * article and the item may only fold by URL or id.
 * - Empty body (nothing left after boilerplate removal): undefined.
 * - Short body (< SHORT_BODY_WORDS words): hashed together with the normalized title,
 *   "title\ntext", so two unrelated one-liners with the same text ("Watch the video") never
 *   fold on their body alone; without a title it is undefined for the same reason, since a
 *   wrong merge hides news and a missed one does not.
 * - Otherwise: the body text alone, so reposts that retitle the article still fold.
 */
export async function exactBodyFingerprint(
  body: NormalizedBody,
  normalizedTitle: string | undefined,
): Promise<string | undefined> {
  if (body.text === "") return undefined;
  if (body.words >= SHORT_BODY_WORDS) return exactFingerprint(body.text);
  if (normalizedTitle === undefined || normalizedTitle === "") return undefined;
  return exactFingerprint(`${normalizedTitle}\n${body.text}`);
}

/**
 * {@link exactBodyFingerprint} computed synchronously (same rules, same bytes), for the fold
 * index, which re-fingerprints inside its transaction after removing a source's learned boilerplate.
 */
export function exactBodyFingerprintSync(
  body: Pick<NormalizedBody, "text" | "words">,
  normalizedTitle: string | undefined,
): string | undefined {
  if (body.text === "") return undefined;
  if (body.words >= SHORT_BODY_WORDS) return `sha256:${sha256HexSync(body.text)}`;
  if (normalizedTitle === undefined || normalizedTitle === "") return undefined;
  return `sha256:${sha256HexSync(`${normalizedTitle}\n${body.text}`)}`;
}

const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bit, over UTF-16 code units: simple, fixed, the same in every runtime. */
export function fnv1a(text: string): number {
  let hash = FNV_BASIS;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** murmur3's 32-bit finalizer: a bijection on 32-bit integers with full avalanche. */
export function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * One seed per MinHash function, derived from fixed constants (golden-ratio steps through
 * fmix32), never from randomness: signatures stored by one release must compare with the next.
 */
const MINHASH_SEEDS = Int32Array.from({ length: NEAR_SIGNATURE_SIZE }, (_, k) =>
  fmix32(Math.imul(k + 1, 0x9e3779b9)),
);

/**
 * The shingle hash at each window start of a token list, in order: FNV-1a of 5 tokens joined by
 * " " (one window of all tokens when there are fewer than 5; none for no tokens).
 */
export function shingleSequence(tokens: readonly string[]): number[] {
  if (tokens.length === 0) return [];
  if (tokens.length < SHINGLE_TOKENS) return [fnv1a(tokens.join(" "))];
  // The five windows a token belongs to are hashed side by side, one FNV-1a state each (the
  // window starting at token t in state t mod 5): each character is read once and the five
  // chains of multiplications are independent, which the processor overlaps. Same values as
  // fnv1a of each window's tokens joined by " ".
  const hashes = new Array<number>(tokens.length - SHINGLE_TOKENS + 1);
  let h0 = FNV_BASIS;
  let h1 = FNV_BASIS;
  let h2 = FNV_BASIS;
  let h3 = FNV_BASIS;
  let h4 = FNV_BASIS;
  for (let t = 0; t < tokens.length; t++) {
    h0 = Math.imul(h0 ^ 0x20, FNV_PRIME);
    h1 = Math.imul(h1 ^ 0x20, FNV_PRIME);
    h2 = Math.imul(h2 ^ 0x20, FNV_PRIME);
    h3 = Math.imul(h3 ^ 0x20, FNV_PRIME);
    h4 = Math.imul(h4 ^ 0x20, FNV_PRIME);
    const slot = t % SHINGLE_TOKENS;
    if (slot === 0) h0 = FNV_BASIS;
    else if (slot === 1) h1 = FNV_BASIS;
    else if (slot === 2) h2 = FNV_BASIS;
    else if (slot === 3) h3 = FNV_BASIS;
    else h4 = FNV_BASIS;
    const token = tokens[t]!;
    for (let i = 0; i < token.length; i++) {
      const code = token.charCodeAt(i);
      h0 = Math.imul(h0 ^ code, FNV_PRIME);
      h1 = Math.imul(h1 ^ code, FNV_PRIME);
      h2 = Math.imul(h2 ^ code, FNV_PRIME);
      h3 = Math.imul(h3 ^ code, FNV_PRIME);
      h4 = Math.imul(h4 ^ code, FNV_PRIME);
    }
    // The window that started four tokens ago is complete.
    if (t >= SHINGLE_TOKENS - 1) {
      const done = slot === 4 ? 0 : slot + 1;
      const hash = done === 0 ? h0 : done === 1 ? h1 : done === 2 ? h2 : done === 3 ? h3 : h4;
      hashes[t - SHINGLE_TOKENS + 1] = hash >>> 0;
    }
  }
  return hashes;
}

/** The distinct shingle hashes of a text: 5-token shingles (tokens joined by " "), FNV-1a. */
function shingleHashes(text: string): Set<number> {
  return new Set(shingleSequence(tokenize(text)));
}

/**
 * MinHash of a set of shingle hashes with the first `size` fixed seeds: the k-th value is the
 * minimum of fmix32(hash ^ seed_k). Empty set: [].
 */
export function minHash(hashes: Iterable<number>, size: number = NEAR_SIGNATURE_SIZE): number[] {
  const values = Int32Array.from(hashes);
  if (values.length === 0) return [];
  // The minima are kept offset by 2^31 as signed 32-bit integers (order-preserving), so the loop,
  // which runs 64 times per shingle, stays in integer arithmetic with fmix32 inlined; four seeds
  // at a time, whose chains of multiplications the processor overlaps.
  const signature = new Array<number>(size);
  let k = 0;
  for (; k + 4 <= size; k += 4) {
    const s0 = MINHASH_SEEDS[k]!;
    const s1 = MINHASH_SEEDS[k + 1]!;
    const s2 = MINHASH_SEEDS[k + 2]!;
    const s3 = MINHASH_SEEDS[k + 3]!;
    let m0 = 0x7fffffff;
    let m1 = 0x7fffffff;
    let m2 = 0x7fffffff;
    let m3 = 0x7fffffff;
    for (let j = 0; j < values.length; j++) {
      const v = values[j]!;
      const a = fmix32Offset(v ^ s0);
      const b = fmix32Offset(v ^ s1);
      const c = fmix32Offset(v ^ s2);
      const d = fmix32Offset(v ^ s3);
      if (a < m0) m0 = a;
      if (b < m1) m1 = b;
      if (c < m2) m2 = c;
      if (d < m3) m3 = d;
    }
    signature[k] = (m0 ^ 0x80000000) >>> 0;
    signature[k + 1] = (m1 ^ 0x80000000) >>> 0;
    signature[k + 2] = (m2 ^ 0x80000000) >>> 0;
    signature[k + 3] = (m3 ^ 0x80000000) >>> 0;
  }
  for (; k < size; k++) {
    const seed = MINHASH_SEEDS[k]!;
    let least = 0x7fffffff;
    for (let j = 0; j < values.length; j++) {
      const offset = fmix32Offset(values[j]! ^ seed);
      if (offset < least) least = offset;
    }
    signature[k] = (least ^ 0x80000000) >>> 0;
  }
  return signature;
}

/** fmix32(value) ^ 2^31 as a signed 32-bit integer: ordered as fmix32's unsigned results are. */
function fmix32Offset(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16) ^ 0x80000000;
}

/**
 * MinHash signature of a normalized text for near-duplicate detection: over word 5-shingles
 * (character 5-grams in scripts without spaces, see tokens.ts), NEAR_SIGNATURE_SIZE unsigned
 * 32-bit minima of fmix32(shingleHash ^ seed_k). The fraction of equal positions between two
 * signatures estimates the Jaccard similarity of their shingle sets. Empty text: [].
 */
export function nearSignature(text: string): number[] {
  return minHash(shingleHashes(text));
}

/** Estimated Jaccard similarity of two signatures (0 when either is empty or their sizes differ). */
export function estimatedJaccard(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let equal = 0;
  for (let k = 0; k < a.length; k++) if (a[k] === b[k]) equal++;
  return equal / a.length;
}
