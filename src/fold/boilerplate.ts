import { normalizeForMatch } from "./normalize";
import { stripSiteSuffix } from "./title";

/** What the item says about itself, to recognise its title and its site's name inside the body. */
export interface BoilerplateContext {
  title?: string;
  sourceTitle?: string;
}

/**
 * Boilerplate is only ever a short line. A body sentence is longer, so limiting every rule to
 * short lines at the ends is what keeps "Sources close to the talks said …" as text.
 */
const MAX_BOILERPLATE_WORDS = 12;

interface LineRule {
  /** Tested against the normalized line (lower case, plain quotes and dashes, "..."). */
  pattern: RegExp;
  /** Longest line (in words) the rule may remove; rules that quote a title allow more. */
  maxWords: number;
}

const SHORT = MAX_BOILERPLATE_WORDS;
const QUOTES_TITLE = 40;

const LINE_RULES: readonly LineRule[] = [
  // Attribution: "Source: Pinoy Pop News" (the founding case), "Via: …", "Photo: AP", "h/t …".
  {
    pattern:
      /^\(?(sources?|via|h\/t|hat tip|credits?|courtesy|(photo|image|picture|featured image|cover image)( credits?| source| courtesy)?)\s*(:|\||\s-\s)\s*\S/,
    maxWords: SHORT,
  },
  { pattern: /^(sources?|source link|original source|view source)$/, maxWords: SHORT },
  { pattern: /^via \S/, maxWords: 6 },
  // Needs "originally"/"first" or "this article": "Posted on Facebook, the video …" is a sentence.
  {
    pattern: /^this (article|story|post|piece) (was )?((originally|first) )?(published|posted|appeared)\b/,
    maxWords: SHORT,
  },
  { pattern: /^(originally|first) (published|posted|appeared)\b/, maxWords: SHORT },
  // Comment widgets: "Post a Comment", "0 Comments", "Comments (3)", "Leave a reply".
  {
    pattern: /^(\d+|no|one|zero)? ?(comments?|responses?|replies|reactions?) ?(\(\d+\))?:?$/,
    maxWords: SHORT,
  },
  { pattern: /^comments? ?: ?\d+$/, maxWords: SHORT },
  {
    pattern:
      /^(post|leave|add|write|submit|view|show|hide|load|see|read|join)( an?| your| the| all| all \d+| \d+)? (comments?|reply|replies|discussion|conversation)( \(\d+\)| below| here| now)?[^\p{L}\p{N}]*$/u,
    maxWords: SHORT,
  },
  { pattern: /^comments (are )?(closed|disabled|off)\.?$/, maxWords: SHORT },
  // Blogger's pager under a scraped post: "Newer Post Older Post Home".
  { pattern: /^((newer|older) posts? ?)+(home)?$/, maxWords: SHORT },
  // Blogger's "Posted by X at 3:10 AM"; no comma or period, so "Posted by the union, the letter …" stays.
  { pattern: /^posted by [^,.;]+( at \d{1,2}:\d{2}( ?[ap]\.?m\.?)?)?$/, maxWords: SHORT },
  // "Read more" lines; the longer forms quote the title ("Continue reading “Title” on Site").
  {
    pattern:
      /^(read more|read on|continue reading|keep reading|click here to read|read the (full|whole|complete|original|rest of the) (story|article|post|report|piece|text|interview)|read (full|complete) (story|article|post)|read the rest|view (the )?(full|original) (story|article|post))\b/,
    maxWords: QUOTES_TITLE,
  },
  {
    pattern:
      /^(more|full (story|article)( here)?|\.\.\.|\[\.\.\.\]|\(\.\.\.\)|\(more\.\.\.\)|\[more\]|more \.\.\.)$/,
    maxWords: SHORT,
  },
  // WordPress: "The post <title> appeared first on <site>."
  // `[\s\S]` rather than `.`: with a character `.` refuses at the end, every split of the line
  // between the two runs was tried (quadratic); now the line always matches or fails at once.
  { pattern: /^the post [\s\S]+ appeared first on [\s\S]+$/, maxWords: QUOTES_TITLE },
  // Share prompts: "Share this:", "Like this:", "Click to share on X (Opens in new window)".
  // Exact or followed by ":" only: "Share prices fell" is a sentence.
  { pattern: /^(share|share this|sharing is caring|like this)( ?:.*)?$/, maxWords: SHORT },
  { pattern: /^share this (article|story|post|page)\b/, maxWords: SHORT },
  { pattern: /^like loading(\.\.\.)?$/, maxWords: SHORT },
  { pattern: /^click to (share|email|print|tweet)\b/, maxWords: SHORT },
  {
    pattern: /^(tweet|tweet this|pin it|email this|print this|print)( (article|story|post|page))?$/,
    maxWords: SHORT,
  },
  // Link lists under the body start with a heading; the heading alone is removed.
  {
    pattern:
      /^(related|related (posts?|articles?|stories|reading|content|news|links|coverage)|see also|also read|read also|you (may|might) also (like|enjoy|be interested in)|recommended( for you| reading)?|more (from|on) this (site|blog|story|topic))( ?:.*)?$/,
    maxWords: SHORT,
  },
  { pattern: /^subscribe\b/, maxWords: SHORT },
  { pattern: /^follow us\b/, maxWords: SHORT },
  {
    pattern:
      // Word boundaries written as non-word characters: with \b the static ReDoS check could
      // not decide the pattern.
      /^(sign up|register|join)\W(?:.*\W)?(newsletter|updates|channel|on (facebook|twitter|x|instagram|telegram|whatsapp|youtube|tiktok|linkedin))(?:\W|$)/,
    maxWords: SHORT,
  },
  {
    pattern:
      /^(advertisements?|advertising|sponsored( content)?|ad|story continues (below|after) (this )?(advertisement|ad)|article continues below( advertisement)?|scroll to continue( with content)?)$/,
    maxWords: SHORT,
  },
  {
    pattern: /^(tags?|tagged( with)?|labels?|filed under|categories|category|posted in|topics?) ?:/,
    maxWords: 20,
  },
  { pattern: /^(©|\(c\) |copyright (©|\(c\)|\d{4}|by\b))/, maxWords: 20 },
  { pattern: /\ball rights reserved\.?$/, maxWords: 20 },
];

/** Words of share bars rendered as text ("Email This BlogThis! Share to Twitter Share to Facebook"). */
const SHARE_BAR_WORDS = new Set(
  (
    "share shares sharing this to on via with it email e-mail mail print tweet pin blogthis save copy link url " +
    "facebook twitter x linkedin whatsapp telegram pinterest reddit tumblr pocket messenger threads bluesky " +
    "mastodon flipboard sms more"
  ).split(" "),
);

/** line.split(" ").length, without making the parts (trailing lines are often whole paragraphs). */
function wordCount(line: string): number {
  let words = 1;
  for (let at = line.indexOf(" "); at !== -1; at = line.indexOf(" ", at + 1)) words++;
  return words;
}

function isShareBar(key: string): boolean {
  return wordCount(key) <= 20 && key.split(" ").every((word) => SHARE_BAR_WORDS.has(word));
}

/** Normalized match keys of the item's own title (with and without a site suffix) and its site. */
function contextKeys(context: BoilerplateContext): { titles: Set<string>; site?: string } {
  const titles = new Set<string>();
  if (context.title !== undefined) {
    titles.add(normalizeForMatch(context.title));
    if (context.sourceTitle !== undefined) {
      titles.add(normalizeForMatch(stripSiteSuffix(context.title, [context.sourceTitle])));
    }
  }
  titles.delete("");
  const site = context.sourceTitle === undefined ? "" : normalizeForMatch(context.sourceTitle);
  return site === "" ? { titles } : { titles, site };
}

function isTrailingBoilerplate(line: string, keys: { titles: Set<string>; site?: string }): boolean {
  const key = normalizeForMatch(line);
  // A line of only punctuation or symbols ("***", "—", "• • •") is a separator, not text.
  if (key === "") return true;
  if (keys.titles.has(key) || key === keys.site) return true;
  if (isShareBar(key)) return true;
  const words = wordCount(line);
  return LINE_RULES.some((rule) => words <= rule.maxWords && rule.pattern.test(line));
}

// WordPress and others end an excerpt with " […]"; the marker is not part of the text.
const TRAILING_ELLIPSIS_MARKER = / ?(\[\.\.\.\]|\(\.\.\.\))$/;

/**
 * Removes boilerplate from normalized body lines (see {@link normalizeLines}): from the end,
 * repeatedly, short lines that are the title repeated, the site name, "Source: X" / "via X" /
 * "originally published on X", comment widgets ("Post a Comment", "0 Comments"), "Read more"
 * lines, share prompts, "The post X appeared first on Y.", "Related", "Subscribe…",
 * "Advertisement", tag and copyright lines; from the start, the title repeated. Only short lines
 * (at most 12 words, a little more for rules that quote a title) at the ends are touched: a body
 * paragraph that mentions a source or comments is never removed.
 */
export function stripBoilerplate(lines: readonly string[], context: BoilerplateContext): string[] {
  const keys = contextKeys(context);
  let start = 0;
  let end = lines.length;
  while (start < end && keys.titles.has(normalizeForMatch(lines[start]!))) start++;
  while (end > start && isTrailingBoilerplate(lines[end - 1]!, keys)) end--;
  const kept = lines.slice(start, end);
  const last = kept.at(-1);
  if (last !== undefined && TRAILING_ELLIPSIS_MARKER.test(last)) {
    const stripped = last.replace(TRAILING_ELLIPSIS_MARKER, "").trimEnd();
    if (stripped === "") kept.pop();
    else kept[kept.length - 1] = stripped;
  }
  return kept;
}
