/**
 * The salient content of a story, for related coverage (src/relate/related-score.ts): what two
 * reports of one event share and two unrelated stories of the same sources do not. Pure.
 *
 * - title words (every word of three letters or more that is not a function word);
 * - names: capitalised words that do not open a sentence ("Kestrel Bay", "Morag Ellery");
 * - distinctive numbers (two digits or more, separators dropped: "3,000" and "3000" agree);
 * - long body words, which rare terms of an event usually are ("deckhands", "hosepipe");
 * - in scripts written without spaces (Chinese, Japanese, Thai), character bigrams of the title
 *   and of the text.
 *
 * Each term carries a weight for where it was found (the title and the lead count more than the
 * tail, where footers sit); the scorer multiplies it by the term's rarity over the stories held.
 */

export interface SalientTerms {
  /** A coarse language guess: stories in different languages are never related. */
  lang: string;
  /** Term → weight, at most MAX_TERMS, strongest first. */
  terms: Array<[string, number]>;
}

/** Terms kept per story: bounds the index rows and the candidate query. */
export const MAX_TERMS = 48;

const WEIGHT = { title: 2, lead: 1.5, name: 1.2, number: 1.2, body: 0.6 } as const;
/**
 * Body words shorter than this are not terms unless they are names. Measured on the evaluation
 * set: with 4 to 6 letters, words such as "crew", "open", "race" relate a fell race to a rescue
 * team and an open day to an allotment post (precision 0.82 to 0.88); with 7, none.
 */
const BODY_MIN_LETTERS = 7;
/** The lead: the first line, or this many words, whichever is longer. */
const LEAD_WORDS = 45;

const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;
const WORD = /[\p{L}\p{M}\p{Nd}]+(?:['’.,:-][\p{L}\p{M}\p{Nd}]+)*/gu;
const UPPER_START = /^\p{Lu}/u;
const DIGIT = /\p{Nd}/u;
const SENTENCE_END = /[.!?…:;"“”«»„]$/u;

/** Function words of the languages we can tell apart, and calendar words that every story has. */
const STOP = new Set(
  (
    "the and for with from that this was were are has have had his her its their they them there " +
    "will would could should said says not but all any can into out over after before about than " +
    "then when where which who what while been being also more most some such only other our your " +
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june " +
    "july august september october november december today yesterday tomorrow week year years " +
    "der die das und ein eine einer eines dem den des mit von für auf ist sind war wurde werden " +
    "nach bei aus sich auch nicht noch wie als bis zum zur vor über unter montag dienstag mittwoch " +
    "donnerstag freitag samstag sonntag heute jahr jahre " +
    "el la los las del con por para una uno que como más sus les lunes martes miércoles jueves " +
    "viernes sábado domingo hoy año años " +
    "le les des une est dans pour pas sur qui avec " +
    "и в во на не что с со по к из за от для как это его она они был была были также после " +
    "понедельник вторник среду среда четверг пятницу пятница субботу суббота воскресенье году год"
  ).split(" "),
);

/** Letters by script, for the language guess. */
function scriptCounts(text: string): Record<string, number> {
  const counts: Record<string, number> = { latin: 0, cyrl: 0, han: 0, kana: 0, thai: 0, other: 0 };
  for (const ch of text) {
    if (/\p{Script=Latin}/u.test(ch)) counts.latin!++;
    else if (/\p{Script=Cyrillic}/u.test(ch)) counts.cyrl!++;
    else if (/\p{Script=Han}/u.test(ch)) counts.han!++;
    else if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) counts.kana!++;
    else if (/\p{Script=Thai}/u.test(ch)) counts.thai!++;
    else if (/\p{L}/u.test(ch)) counts.other!++;
  }
  return counts;
}

/** Function words each language uses often and the others do not (so "in", shared by English and German, is left out). */
const LATIN_MARKERS: Record<string, string[]> = {
  en: ["the", "and", "of", "to", "was", "said", "with", "for", "is", "that", "on", "at"],
  de: ["der", "die", "und", "das", "ist", "nicht", "mit", "sich", "den", "ein", "eine", "auf"],
  es: ["el", "los", "las", "que", "y", "en", "del", "por", "una", "con", "se"],
  fr: ["le", "les", "et", "des", "est", "une", "du", "dans", "pour", "au"],
};

/**
 * A coarse language of a text: its main script, and for Latin script the language whose
 * function words it uses most (ties: "latin", unknown). Enough to keep an English and a German
 * report apart.
 */
export function guessLanguage(text: string): string {
  const sample = text.slice(0, 2000);
  const counts = scriptCounts(sample);
  const [script] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  if (counts[script]! === 0) return "und";
  if (script === "han") return counts.kana! > 0 ? "ja" : "zh";
  if (script === "kana") return "ja";
  if (script === "cyrl") return "ru";
  if (script !== "latin") return script;
  const words = sample.toLowerCase().match(WORD) ?? [];
  const hits = Object.entries(LATIN_MARKERS)
    .map(([lang, markers]) => {
      const set = new Set(markers);
      return [lang, words.filter((w) => set.has(w)).length] as const;
    })
    .sort((a, b) => b[1] - a[1]);
  const [best, second] = hits;
  return best![1] > 0 && best![1] > second![1] ? best![0] : "latin";
}

const LATIN_LANGUAGES = [...Object.keys(LATIN_MARKERS), "latin"];

/**
 * The languages a story of `lang` may be related to: its own, and for a Latin-script text whose
 * language could not be told (a short note: "latin") every Latin-script language, and back.
 */
export function compatibleLanguages(lang: string): string[] {
  if (lang === "latin") return LATIN_LANGUAGES;
  return LATIN_LANGUAGES.includes(lang) ? [lang, "latin"] : [lang];
}

function fold(word: string): string {
  return word.normalize("NFKC").toLowerCase().replaceAll("ё", "е");
}

/** A crude stem: inflected forms of a name or word agree on their first letters. */
function stem(word: string): string {
  const w = fold(word).replace(/['’]s$/u, "");
  const cyrillic = /\p{Script=Cyrillic}/u.test(w);
  const base = !cyrillic && w.length > 4 && w.endsWith("s") ? w.slice(0, -1) : w;
  return [...base].slice(0, cyrillic ? 5 : 6).join("");
}

/** "3,000" → "#3000"; undefined for one-digit numbers, which every text has. */
function numberTerm(word: string): string | undefined {
  const digits = word.replace(/\D/gu, "");
  if (digits.length < 2 || digits.replace(/^0+/, "").length < 2) return undefined;
  return `#${digits}`;
}

/**
 * Character n-grams of the unspaced runs of a text: bigrams for Chinese and Japanese (most words
 * are two characters), trigrams for Thai (whose words are longer, and whose character pairs are
 * common syllable parts).
 */
function grams(text: string, size: number): string[] {
  const out: string[] = [];
  // Runs only: a gram across punctuation or a space is not a word of the text.
  let run: string[] = [];
  const flush = () => {
    for (let i = 0; i + size <= run.length; i++) out.push(run.slice(i, i + size).join(""));
    run = [];
  };
  for (const ch of text.normalize("NFKC")) {
    if (UNSPACED.test(ch)) run.push(ch);
    else flush();
  }
  flush();
  return out;
}

class TermBag {
  private readonly weights = new Map<string, number>();
  private readonly order = new Map<string, number>();

  add(term: string, weight: number): void {
    if (!this.order.has(term)) this.order.set(term, this.order.size);
    this.weights.set(term, Math.max(this.weights.get(term) ?? 0, weight));
  }

  top(limit: number): Array<[string, number]> {
    return [...this.weights.entries()]
      .sort((a, b) => b[1] - a[1] || this.order.get(a[0])! - this.order.get(b[0])!)
      .slice(0, limit);
  }
}

/**
 * The salient terms of a story from its title and its plain-text body (one line per paragraph).
 * Deterministic: the same input always gives the same terms in the same order.
 */
export function salientTerms(input: { title?: string; text: string }): SalientTerms {
  const title = input.title ?? "";
  const lines = input.text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const lang = guessLanguage(`${title}\n${lines.join("\n")}`);
  const bag = new TermBag();
  if (lang === "zh" || lang === "ja" || lang === "thai") {
    const size = lang === "thai" ? 3 : 2;
    for (const gram of grams(title, size)) bag.add(gram, WEIGHT.title);
    let seen = 0;
    for (const line of lines) {
      for (const gram of grams(line, size)) bag.add(gram, seen < 120 ? WEIGHT.lead : WEIGHT.body);
      seen += line.length;
    }
    for (const word of `${title}\n${lines.join("\n")}`.match(WORD) ?? []) {
      const n = DIGIT.test(word) ? numberTerm(word) : undefined;
      if (n) bag.add(n, WEIGHT.number);
    }
    return { lang, terms: bag.top(MAX_TERMS) };
  }
  for (const word of title.match(WORD) ?? []) {
    if (DIGIT.test(word)) {
      const n = numberTerm(word);
      if (n) bag.add(n, WEIGHT.title);
    } else if (word.length >= 3 && !STOP.has(fold(word))) {
      bag.add(stem(word), WEIGHT.title);
    }
  }
  let position = 0;
  const leadEnd = Math.max(LEAD_WORDS, (lines[0]?.match(WORD) ?? []).length);
  for (const line of lines) {
    // Sentence by sentence, so that the word opening a sentence is not taken for a name.
    let sentenceStart = true;
    for (const raw of line.split(/\s+/u)) {
      const words = raw.match(WORD) ?? [];
      for (const word of words) {
        const inLead = position < leadEnd;
        position++;
        if (DIGIT.test(word)) {
          const n = numberTerm(word);
          if (n) bag.add(n, inLead ? WEIGHT.lead : WEIGHT.number);
        } else if (STOP.has(fold(word)) || word.length < 3) {
          // a function word: never a term
        } else if (!sentenceStart && UPPER_START.test(word)) {
          bag.add(stem(word), inLead ? WEIGHT.lead : WEIGHT.name);
        } else if (word.length >= BODY_MIN_LETTERS) {
          bag.add(stem(word), inLead ? WEIGHT.body * 1.5 : WEIGHT.body);
        }
        sentenceStart = false;
      }
      if (SENTENCE_END.test(raw) || /^[—–-]$/u.test(raw)) sentenceStart = true;
    }
  }
  return { lang, terms: bag.top(MAX_TERMS) };
}
