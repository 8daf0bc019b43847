import { createMiddleware } from "hono/factory";
import { HTML_PAGE_CSS } from "../render/html-page-style";

/**
 * Every response: no MIME sniffing (a feed body must never be run as a page), no referrer
 * leaking the reader's URL to sources, no framing (clickjacking). JSON and XML get a CSP that
 * allows nothing at all, should a browser ever render one.
 */
const COMMON_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
};

const NON_HTML_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

let pageCsp: Promise<string> | undefined;

/**
 * The HTML page's policy: no script at all, the one inline stylesheet allowed by its hash (so a
 * `<style>` smuggled in by a feed could not apply even if it got past escaping), links only.
 */
export function htmlPageCsp(): Promise<string> {
  pageCsp ??= styleHash(HTML_PAGE_CSS).then(
    (hash) =>
      `default-src 'none'; style-src '${hash}'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  );
  return pageCsp;
}

/** The CSP source expression ("sha256-…") allowing exactly this inline stylesheet. */
export async function styleHash(css: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(css));
  let binary = "";
  for (const b of new Uint8Array(digest)) binary += String.fromCharCode(b);
  return `sha256-${btoa(binary)}`;
}

/** Adds the security headers to every response; a CSP a route already set is kept. */
export const securityHeaders = createMiddleware(async (c, next) => {
  await next();
  let headers = c.res.headers;
  try {
    headers.set("X-Content-Type-Options", "nosniff");
  } catch {
    // A response with immutable headers (passed through from fetch): copy it once.
    c.res = new Response(c.res.body, c.res);
    headers = c.res.headers;
  }
  for (const [name, value] of Object.entries(COMMON_HEADERS)) headers.set(name, value);
  if (!headers.has("Content-Security-Policy")) {
    const isHtml = (headers.get("Content-Type") ?? "").toLowerCase().startsWith("text/html");
    headers.set("Content-Security-Policy", isHtml ? await htmlPageCsp() : NON_HTML_CSP);
  }
});
