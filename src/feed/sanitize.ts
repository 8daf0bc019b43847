import { FilterXSS, type IWhiteList } from "xss";
import { decodeEntities, escapeHtml } from "./entities";

/** Elements kept, with the attributes kept on each; everything else loses its tag. */
const ALLOWED: IWhiteList = {
  a: ["href", "title"],
  abbr: ["title"],
  audio: ["src", "controls"],
  b: [],
  blockquote: ["cite"],
  br: [],
  cite: [],
  code: [],
  dd: [],
  div: [],
  dl: [],
  dt: [],
  em: [],
  figcaption: [],
  figure: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  hr: [],
  i: [],
  img: ["src", "srcset", "alt", "title", "width", "height"],
  li: [],
  ol: ["start"],
  p: [],
  picture: [],
  pre: [],
  q: ["cite"],
  s: [],
  small: [],
  source: ["src", "srcset", "type", "media"],
  span: [],
  strong: [],
  sub: [],
  sup: [],
  table: [],
  tbody: [],
  td: ["colspan", "rowspan"],
  th: ["colspan", "rowspan"],
  thead: [],
  time: ["datetime"],
  tr: [],
  u: [],
  ul: [],
  video: ["src", "controls", "poster", "width", "height"],
};

/** Elements removed together with everything inside them: their content is code, not prose. */
const DROPPED_WITH_CONTENT = [
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "noscript",
  "template",
  "svg",
  "math",
  "textarea",
  "select",
  "applet",
  "frameset",
];

const URL_ATTRIBUTES = new Set(["href", "src", "cite", "poster"]);
const NUMERIC_ATTRIBUTES = new Set(["width", "height", "colspan", "rowspan", "start"]);
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp);base64,[a-z0-9+/=\s]*$/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Strips C0 controls and spaces from both ends (a loop: `\s+$`-style regexes are quadratic). */
function trimControls(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.slice(start, end);
}

/**
 * A URL attribute made safe and absolute, or undefined to drop the attribute. Entities are
 * decoded and the control and space characters browsers skip are removed *before* the scheme
 * is checked, so "jav&#x61;script:" and "java\tscript:" are recognized for what they are.
 */
function safeUrl(tag: string, value: string, baseUrl: string | undefined): string | undefined {
  // WHATWG URL parsing: tab and newline vanish anywhere, C0 controls and spaces at the ends.
  const trimmed = trimControls(decodeEntities(value).replace(/[\t\n\r]/g, ""));
  if (trimmed === "") return undefined;
  if (/^data:/i.test(trimmed)) return tag === "img" && SAFE_DATA_IMAGE.test(trimmed) ? trimmed : undefined;
  let absolute: URL;
  try {
    absolute = new URL(trimmed, baseUrl);
  } catch {
    // No base to resolve against: keep a relative reference, drop anything with a scheme.
    return HAS_SCHEME.test(trimmed) ? undefined : trimmed;
  }
  const scheme = absolute.protocol;
  if (scheme === "http:" || scheme === "https:") return absolute.href;
  if (scheme === "mailto:" && tag === "a") return absolute.href;
  return undefined;
}

/** Each candidate of a srcset checked like a src; candidates with unsafe URLs are dropped. */
function safeSrcset(tag: string, value: string, baseUrl: string | undefined): string | undefined {
  const candidates = decodeEntities(value)
    .split(",")
    .flatMap((candidate) => {
      const [url, ...descriptor] = candidate.trim().split(/\s+/);
      const safe = url ? safeUrl(tag, url, baseUrl) : undefined;
      return safe === undefined || safe.startsWith("data:") ? [] : [[safe, ...descriptor].join(" ")];
    });
  return candidates.length === 0 ? undefined : candidates.join(", ");
}

function safeAttribute(
  tag: string,
  name: string,
  value: string,
  baseUrl: string | undefined,
): string | undefined {
  if (URL_ATTRIBUTES.has(name)) return safeUrl(tag, value, baseUrl);
  if (name === "srcset") return safeSrcset(tag, value, baseUrl);
  const decoded = decodeEntities(value).trim();
  if (name === "controls") return "controls";
  if (NUMERIC_ATTRIBUTES.has(name)) return /^\d{1,5}%?$/.test(decoded) ? decoded : undefined;
  return decoded;
}

function filterFor(baseUrl: string | undefined): FilterXSS {
  return new FilterXSS({
    whiteList: ALLOWED,
    stripIgnoreTag: true,
    stripIgnoreTagBody: DROPPED_WITH_CONTENT,
    allowCommentTag: false,
    css: false,
    onTagAttr: (tag, name, value, isAllowed) => {
      if (!isAllowed) return "";
      const safe = safeAttribute(tag, name, value, baseUrl);
      return safe === undefined ? "" : `${name}="${escapeHtml(safe)}"`;
    },
  });
}

const defaultFilter = filterFor(undefined);

/**
 * Feed HTML → HTML safe to show: only the elements and attributes in ALLOWED, no scripts,
 * styles, frames, forms or event handlers; URLs http(s) only (mailto: in links, data:image/*
 * in img src), made absolute against `baseUrl` when given.
 */
export function sanitizeHtml(html: string, baseUrl?: string): string {
  const filter = baseUrl === undefined ? defaultFilter : filterFor(baseUrl);
  return filter.process(html).trim();
}

// `[^<>]*` cannot run past the next "<", so stripping tags stays linear even on "<a<a<a…".
const TAG = /<\/?[a-z][^<>]*>/gi;

/**
 * Text as a title: tags stripped, entities decoded, whitespace collapsed. Titles are plain text
 * (RSS 2.0 says so), but feeds often escape them twice or put markup in them.
 */
export function htmlToPlainTitle(s: string): string {
  return decodeEntities(s.replace(TAG, "")).replace(TAG, "").replace(/\s+/g, " ").trim();
}
