import { normalizeText } from "./normalize";

/** Separators sites put between an article title and their own name ("Title | Site"). */
const SUFFIX_SEPARATORS = [" - ", " | ", " – ", " — ", " :: ", " · ", " • ", " // "];

/** A site name reduced to letters and digits, so "Pinoy Pop News", "pinoypopnews" and "PINOY POP NEWS" match. */
function siteKey(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, "");
}

/**
 * The keys a site can be named by. A host ("https://www.example.com/feed", "pinoypopnews.blogspot.com")
 * also answers to its first label and to itself without the last label ("Example", "pinoypopnews"),
 * because sites title themselves after their domain.
 */
function siteKeys(name: string): string[] {
  const trimmed = name.trim();
  const keys = [siteKey(trimmed)];
  if (/\s/.test(trimmed) || !trimmed.includes(".")) return keys;
  const host = trimmed
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
    .replace(/[/?#].*/, "")
    .replace(/:\d+$/, "")
    .replace(/^www\./i, "");
  const labels = host.split(".").filter((label) => label !== "");
  keys.push(siteKey(host));
  if (labels.length >= 2) {
    keys.push(siteKey(labels[0]!));
    keys.push(siteKey(labels.slice(0, -1).join(".")));
  }
  return keys.filter((key) => key !== "");
}

/**
 * Drops a trailing " - Site" / " | Site" / " – Site" / " — Site" / " :: Site" from a title when
 * Site names one of siteNames (a source title or host, compared without case, spaces and
 * punctuation). Any other title is returned unchanged: "Talks - and what comes next" keeps its
 * dash unless "and what comes next" is the site.
 */
export function stripSiteSuffix(title: string, siteNames: readonly string[]): string {
  let cut = -1;
  let separatorLength = 0;
  for (const separator of SUFFIX_SEPARATORS) {
    const at = title.lastIndexOf(separator);
    if (at > cut) {
      cut = at;
      separatorLength = separator.length;
    }
  }
  if (cut <= 0) return title;
  const head = title.slice(0, cut).trimEnd();
  const suffix = siteKey(title.slice(cut + separatorLength));
  if (head === "" || suffix === "") return title;
  const known = new Set(siteNames.flatMap(siteKeys));
  return known.has(suffix) ? head : title;
}

/** A title normalized for comparison: as body text is (NFKC, quotes, dashes, case, spaces), on one line. */
export function normalizeTitle(title: string): string {
  return normalizeText(title);
}
