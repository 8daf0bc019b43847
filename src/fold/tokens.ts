/**
 * Word tokens of normalized text, for counting words and building shingles. Scripts written
 * without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar, Tibetan) have no
 * whitespace tokens to speak of, so each of their characters is a token of its own: shingles of
 * five tokens are then character 5-grams there and word 5-grams elsewhere, also in mixed text.
 */

const UNSPACED_SCRIPTS =
  "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}" +
  "\\p{Script=Khmer}\\p{Script=Myanmar}\\p{Script=Tibetan}";

const TOKEN = new RegExp(`[${UNSPACED_SCRIPTS}]|[^\\s\\p{P}${UNSPACED_SCRIPTS}]+`, "gu");
const UNSPACED_CHARACTER = new RegExp(`^[${UNSPACED_SCRIPTS}]$`, "u");

// What each UTF-16 code unit is to TOKEN, learned from TOKEN itself the first time the unit is
// seen: then words of text without surrogates (all but emoji and rare scripts) are counted by a
// table lookup per character, without making the tokens. A surrogate sends the text to TOKEN.
const UNKNOWN = 0;
const SEPARATOR = 1;
const UNSPACED = 2;
const WORD = 3;
const KIND = new Uint8Array(0x10000);

function learnKind(code: number): number {
  const character = String.fromCharCode(code);
  const kind = UNSPACED_CHARACTER.test(character) ? UNSPACED : character.match(TOKEN) ? WORD : SEPARATOR;
  KIND[code] = kind;
  return kind;
}

function isSurrogate(code: number): boolean {
  return (code & 0xf800) === 0xd800;
}

/** The tokens of a text: words without punctuation, and single characters of unspaced scripts. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * How many words a text has. A character of an unspaced script counts as half a word (a Chinese
 * word is one to two characters), so the short-body threshold means about the same in every
 * language.
 */
export function countWords(text: string): number {
  return countWordsUpTo(text, Number.POSITIVE_INFINITY);
}

/**
 * Whether a text has more than `limit` words ({@link countWords}), reading only as far as it takes:
 * short-line rules ask it of whole paragraphs.
 */
export function hasMoreWordsThan(text: string, limit: number): boolean {
  return countWordsUpTo(text, limit) > limit;
}

/** countWords(text), or a number above `limit` once the count passes it (the count only grows). */
function countWordsUpTo(text: string, limit: number): number {
  let spaced = 0;
  let unspaced = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSurrogate(code)) return countTokenWords(tokenize(text));
    let kind = KIND[code]!;
    if (kind === UNKNOWN) kind = learnKind(code);
    if (kind === WORD) {
      if (!inWord && ++spaced + Math.ceil(unspaced / 2) > limit) return spaced + Math.ceil(unspaced / 2);
      inWord = true;
    } else {
      inWord = false;
      if (kind === UNSPACED && spaced + Math.ceil(++unspaced / 2) > limit)
        return spaced + Math.ceil(unspaced / 2);
    }
  }
  return spaced + Math.ceil(unspaced / 2);
}

/** {@link countWords} of a text, from its tokens (see {@link tokenize}). */
export function countTokenWords(tokens: readonly string[]): number {
  let unspaced = 0;
  for (const token of tokens) {
    // An unspaced token is one code point: one code unit, or two (a surrogate pair).
    if (token.length <= 2 && UNSPACED_CHARACTER.test(token)) unspaced++;
  }
  return tokens.length - unspaced + Math.ceil(unspaced / 2);
}
