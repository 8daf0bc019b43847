import { normalizeForMatch } from "./normalize";
import { countWords, hasMoreWordsThan } from "./tokens";

/**
 * The text near-duplicate and summary matching compare: the boilerplate-free lines of
 * fingerprint.ts with, in addition, what copies of one article insert or change anywhere in the
 * text: "READ MORE: …" / "Related: …" lines and photo credits between paragraphs, a changed wire
 * dateline, a trailing "…" or "Read more". The exact fingerprint does not use it (its bytes are
 * pinned across releases); matching only ever compares match texts with match texts.
 */

/** Inserted lines are short; a body sentence that starts with "Photo" is longer. */
const MAX_INSERTED_WORDS = 15;

const AGENCIES = [
  "ap",
  "afp",
  "reuters",
  "dpa",
  "epa",
  "efe",
  "getty images",
  "ap photo",
  "afp photo",
  "ansa",
  "kyodo",
  "xinhua",
] as const;
const AGENCY_CREDIT_MARKS = ["/", "photo", "image", "images"] as const;
const LEADING_SPACE = /^\s+/;
const HAS_PARENTHESIS = /[()]/;

/**
 * An agency credit: "(AP)", "AFP/Getty Images", "Reuters / Jane Doe", "AP Photo/John Smith": an
 * agency, optionally a mark ("/", "photo", "image(s)") and at most 40 characters without
 * parentheses, optionally in parentheses. Code rather than one pattern: the 40-character bound
 * after optional spaces put the pattern beyond the static ReDoS check.
 */
function isAgencyCredit(line: string): boolean {
  let body = line.startsWith("(") ? line.slice(1) : line;
  if (body.endsWith(")")) body = body.slice(0, -1);
  return AGENCIES.some((agency) => {
    if (!body.startsWith(agency)) return false;
    const tail = body.slice(agency.length);
    if (tail === "") return true;
    const marked = tail.replace(LEADING_SPACE, "");
    return AGENCY_CREDIT_MARKS.some((mark) => {
      if (!marked.startsWith(mark)) return false;
      const credit = marked.slice(mark.length).replace(LEADING_SPACE, "");
      return credit.length <= 40 && !HAS_PARENTHESIS.test(credit);
    });
  });
}

// Tested against normalized lines (lower case, plain quotes and dashes, NFKC full-width → ASCII).
const INSERTED_LINE_RULES: readonly { test(line: string): boolean }[] = [
  // Cross-links papers insert mid-text, in the languages of our sources.
  /^(read more|read also|also read|related|related (stories|articles?|coverage|content|news|links)|see also|more on this( story| topic)?|more|recommended( reading)?|must read|don't miss|editor's picks?|watch|listen|top stories|trending|lesen sie auch|lesen sie mehr|mehr zum thema|mehr dazu|auch interessant|weiterlesen|zum thema|das könnte sie auch interessieren|lee también|lea también|leer más|te puede interesar|relacionado|relacionadas|noticias relacionadas|más información|sigue leyendo|lire aussi|à lire aussi|voir aussi|lire la suite|leia também|leggi anche)(\s*(:|»|>>|>|\||-|→).*|\s*\.{0,3})$/,
  // Photo and video credits and captions marked as such.
  // "by" must stand alone; every word before it ends in an ASCII letter, so the space is required
  // (written without \b, which left the pattern beyond the static ReDoS check).
  /^\(?(photo|photos|photograph|image|picture|video|graphic|illustration|file photo|caption|cover photo|featured image|foto|fotos|bild|bilder|imagen|imágenes|quelle)( credits?| courtesy| by| source|nachweis)?(?:\s*[:©]|\s+by(?:\W|$))/,
  /^\(?(credit|photo credit|image credit|bildquelle|crédito|créditos)\s*:/,
  { test: isAgencyCredit },
  // Wire credit lines: "(Reporting by …; Editing by …)".
  /^\(?((additional )?reporting|writing|editing|compiled|translated|written|recherche|redaktion|redacción|edición) (by|von|por)\b/,
  /^(advertisement|anzeige|werbung|publicidad|anuncio|publicité|广告|廣告|広告|โฆษณา)$/,
  // Chinese, Japanese, Thai cross-links and credits.
  /^(相关阅读|延伸阅读|相关新闻|相关报道|相關閱讀|延伸閱讀|相關新聞|阅读更多|閱讀更多|点击阅读|推荐阅读|推薦閱讀|関連記事|関連ニュース|続きを読む|あわせて読みたい|写真|図|图片来源|圖片來源|图片|圖片|资料图|資料圖|来源|來源|อ่านเพิ่มเติม|อ่านต่อ|ข่าวที่เกี่ยวข้อง|ข่าวเกี่ยวข้อง|ภาพ|ภาพจาก|ที่มา|เครดิตภาพ)/,
];

// "berlin (dpa) - ", "london, march 3 (wire) - ", "madrid, 3 mar (efe).- ", "paris - ": a place
// (1-3 words), optional date, optional agency in parentheses, then a dash. Copies of a wire story
// change or drop it.
const DATELINE =
  /^[\p{L}\p{M}.'’]+(?: [\p{L}\p{M}.'’]+){0,2}(?:, ?[\p{L}\p{N}. ]{1,20})?(?: ?\([^()]{1,40}\))?\.? ?- /u;
// "新华社北京3月3日电（记者 张三）", "中新网3月3日电": an agency dateline before the first sentence.
const CJK_DATELINE = /^[^\s。，]{0,20}?\d{1,2}月\d{1,2}日(?:电|電)(?:\([^()]{0,30}\))?\s*/u;
// A byline line at the start: "by jane doe", "von anna weber", "por juan pérez".
const DATELINE_LINES = 2;
// At most 50 characters after the spaces; the lines are trimmed, so the text after the spaces
// starts with a non-space (which keeps the split unambiguous for the static ReDoS check).
const BYLINE = /^(?:by|von|por|par|di|text:|texto:)\s+[^\s.!?][^.!?]{0,49}$/;

// What excerpts and trimmed copies end with: "…", "[…]", "Read more »". No leading `\s*` (the
// space before the marker is trimmed in code): tried at every position of a long run of spaces,
// it made the search quadratic; nor two `\s*` side by side around an optional group.
const TRAILING_MARKER =
  /(\.\.\.|\[\.\.\.\]|\(\.\.\.\)|read more|continue reading|weiterlesen|mehr lesen|leer más|seguir leyendo|lire la suite|続きを読む|阅读全文|閱讀全文|อ่านต่อ)\s*(?:(»|>>|→|\.\.\.|\]|\))\s*)?$/;

/**
 * A kicker or caption above the text ("Exclusive", "Commuters wait at the pier on Monday"): a
 * short line that is not a sentence and has no number. A new lead is a sentence, and a template
 * item's first line has its facts (numbers), so neither is ever dropped.
 */
const MAX_KICKER_WORDS = 12;
const MAX_KICKER_LINES = 2;
const SENTENCE_END = /[.!?。！？」"')]$/u;
const HAS_DIGIT = /\p{Nd}/u;

function isKicker(line: string): boolean {
  return !hasMoreWordsThan(line, MAX_KICKER_WORDS) && !SENTENCE_END.test(line) && !HAS_DIGIT.test(line);
}

function isInsertedLine(line: string): boolean {
  if (hasMoreWordsThan(line, MAX_INSERTED_WORDS)) return false;
  return INSERTED_LINE_RULES.some((rule) => rule.test(line));
}

/**
 * The match lines of a body: its normalized, boilerplate-free lines without inserted lines
 * (cross-links, credits, "Advertisement"), without a leading byline or wire dateline, and without
 * a trailing "…" / "[…]" / "Read more".
 */
export function matchLines(lines: readonly string[]): string[] {
  const kept = lines.filter((line) => !isInsertedLine(line));
  while (kept.length > 1 && BYLINE.test(kept[0]!) && countWords(kept[0]!) <= 8) kept.shift();
  for (let k = 0; k < MAX_KICKER_LINES && kept.length > 1 && isKicker(kept[0]!); k++) kept.shift();
  // A dateline opens the text, after any intro line or caption a repost put above it.
  for (let i = Math.min(kept.length, DATELINE_LINES) - 1; i >= 0; i--) {
    const line = kept[i]!.replace(CJK_DATELINE, "");
    const dated = DATELINE.exec(line);
    const rest = dated && countWords(dated[0]) <= 10 ? line.slice(dated[0].length) : line;
    if (rest === "") kept.splice(i, 1);
    else kept[i] = rest;
  }
  for (let guard = 0; guard < 3 && kept.length > 0; guard++) {
    const last = kept[kept.length - 1]!;
    const marker = TRAILING_MARKER.exec(last);
    if (marker === null) break;
    const stripped = last.slice(0, marker.index);
    if (stripped.trim() === "") kept.pop();
    else kept[kept.length - 1] = stripped.trimEnd();
  }
  return kept;
}

/** How many lines at each end of an item a source's template can occupy. */
export const EDGE_LINES = { start: 3, end: 6 } as const;

/** Longest key kept for a learned line: long enough to tell paragraphs apart, bounded in size. */
const MAX_KEY_LENGTH = 200;

/** The key a line is learned and recognised by: loosely normalized, bounded. */
export function edgeLineKey(line: string): string {
  return normalizeForMatch(line).slice(0, MAX_KEY_LENGTH);
}

/**
 * Keys of the lines at the ends of a body (the first 3 and last 6 lines), where a site's template
 * puts share bars, subscription pleas and footers. A body of one line has no template lines.
 */
export function edgeLineKeys(lines: readonly string[]): string[] {
  if (lines.length < 2) return [];
  const keys = new Set<string>();
  const head = Math.min(EDGE_LINES.start, lines.length - 1);
  for (let i = 0; i < head; i++) keys.add(edgeLineKey(lines[i]!));
  for (let i = Math.max(1, lines.length - EDGE_LINES.end); i < lines.length; i++) {
    keys.add(edgeLineKey(lines[i]!));
  }
  keys.delete("");
  return [...keys];
}

/**
 * Removes a source's learned template lines from the ends of a body: from the end while the
 * last line is learned (at most EDGE_LINES.end lines), from the start likewise (at most
 * EDGE_LINES.start). The same lines as {@link edgeLineKeys} looks at, so what was learned is
 * what is removed.
 */
export function stripLearnedLines(lines: readonly string[], learned: ReadonlySet<string>): string[] {
  if (learned.size === 0 || lines.length < 2) return [...lines];
  let start = 0;
  let end = lines.length;
  while (end - start > 0 && lines.length - end < EDGE_LINES.end && learned.has(edgeLineKey(lines[end - 1]!)))
    end--;
  while (end - start > 0 && start < EDGE_LINES.start && learned.has(edgeLineKey(lines[start]!))) start++;
  return lines.slice(start, end);
}
