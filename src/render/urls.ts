/** URL helpers for the renderers; tolerant: unusable input gives undefined. */

/** The parsed absolute URL, or undefined (URL.canParse is not in every runtime's types). */
export function parseAbsoluteUrl(url: string | undefined): URL | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * The URL when it is absolute http(s), else undefined: what the HTML page may turn into a link
 * (a "javascript:" or "data:" link from a source must never become clickable).
 */
export function httpUrlOrUndefined(url: string | undefined): string | undefined {
  const protocol = parseAbsoluteUrl(url)?.protocol;
  return protocol === "http:" || protocol === "https:" ? url : undefined;
}

/** Host name of a URL without "www.", or undefined when it is not an absolute URL with a host. */
export function hostOf(url: string | undefined): string | undefined {
  const host = parseAbsoluteUrl(url)?.hostname.replace(/^www\./, "");
  return host === "" ? undefined : host;
}
