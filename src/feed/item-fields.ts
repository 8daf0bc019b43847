import { parseDate } from "./dates";
import type { Author } from "./model";
import { htmlTextToPlain, htmlToPlainTitle, sanitizeHtml } from "./sanitize";

/** Small conversions every format adapter shares; each returns undefined for unusable input. */

/** A title as plain text; undefined when nothing is left. */
export function plainTitle(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const title = htmlToPlainTitle(raw);
  return title === "" ? undefined : title;
}

/** A title known to be HTML (Atom type="html"/"xhtml"): tags dropped, entities decoded once. */
export function plainTitleFromHtml(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const title = htmlTextToPlain(raw);
  return title === "" ? undefined : title;
}

/** A language tag as BCP 47 writes it: "en_US" → "en-US". */
export function languageTag(raw: string | undefined): string | undefined {
  const tag = raw?.trim().replace(/_/g, "-");
  return tag ? tag : undefined;
}

/** Sanitized HTML; undefined when nothing visible is left. */
export function safeHtml(raw: string | undefined, baseUrl: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const html = sanitizeHtml(raw, baseUrl);
  return html === "" ? undefined : html;
}

/** A date as RFC 3339 UTC; a present but unparsable date becomes a warning. */
export function readDate(raw: string | undefined, warnings: string[], where: string): string | undefined {
  if (raw === undefined) return undefined;
  const date = parseDate(raw);
  if (date === undefined) warnings.push(`Unparsable date "${raw.slice(0, 80)}" in ${where}.`);
  return date;
}

// RSS 2.0 <author> is "an email address", in practice "jo@example.com (Jo Doe)", "Jo Doe
// <jo@example.com>", "jo@example.com" or just a name.
const EMAIL_THEN_NAME = /^([^\s()<>@]+@[^\s()<>]+)\s*\(([^()]*)\)$/;
// The name runs to the "(" and is trimmed in code: a lazy name then `\s*` tried every split of a
// run of spaces.
const NAME_THEN_PAREN_EMAIL = /^([^()<>@]*)\(([^\s()<>@]+@[^\s()<>]+)\)$/;
const NAME_THEN_EMAIL = /^([^<>]*)<([^\s<>@]+@[^\s<>]+)>$/;
// The domain's inner dot is looked for in code: `[^…]+\.[^…]+` tried every dot of a long domain.
const BARE_EMAIL = /^[^\s()<>@]+@([^\s()<>@]+)$/;

/** "jo@example.com": a local part, "@", and a domain with a dot that neither starts nor ends it. */
function isBareEmail(text: string): boolean {
  const domain = BARE_EMAIL.exec(text)?.[1];
  if (domain === undefined) return false;
  const dot = domain.indexOf(".", 1);
  return dot > 0 && dot < domain.length - 1;
}

/** An author from a free-form "email (Name)"-style string. */
export function authorFromString(raw: string | undefined): Author | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  const emailName = EMAIL_THEN_NAME.exec(text);
  if (emailName) return withoutBlank({ email: emailName[1], name: emailName[2]?.trim() });
  const nameParen = NAME_THEN_PAREN_EMAIL.exec(text);
  if (nameParen) return withoutBlank({ name: nameParen[1]?.trimEnd(), email: nameParen[2] });
  const nameEmail = NAME_THEN_EMAIL.exec(text);
  if (nameEmail)
    return withoutBlank({ name: nameEmail[1]?.trim().replace(/^"|"$/g, ""), email: nameEmail[2] });
  if (isBareEmail(text)) return { email: text };
  return { name: text };
}

/** Drops blank fields; undefined when no field is left. */
export function withoutBlank(author: Author): Author | undefined {
  const out: Author = {};
  if (author.name?.trim()) out.name = author.name.trim();
  if (author.email?.trim()) out.email = author.email.trim();
  if (author.url?.trim()) out.url = author.url.trim();
  return out.name || out.email || out.url ? out : undefined;
}

/** Authors without exact repeats (feeds often give the same one as author and dc:creator). */
export function uniqueAuthors(authors: (Author | undefined)[]): Author[] {
  const seen = new Set<string>();
  const out: Author[] = [];
  for (const a of authors) {
    if (!a) continue;
    const key = `${a.name ?? ""}\u0000${a.email ?? ""}\u0000${a.url ?? ""}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(a);
    }
  }
  return out;
}

/** Tags trimmed, blank ones dropped, first occurrence kept. */
export function uniqueTags(tags: (string | undefined)[]): string[] {
  const out = new Set<string>();
  for (const tag of tags) {
    const t = tag === undefined ? "" : htmlToPlainTitle(tag);
    if (t !== "") out.add(t);
  }
  return [...out];
}

/** A non-negative integer from text or number, else undefined. */
export function nonNegativeInt(raw: unknown): number | undefined {
  const n =
    typeof raw === "number"
      ? raw
      : typeof raw === "string" && /^\s*\d{1,15}\s*$/.test(raw)
        ? Number(raw)
        : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
