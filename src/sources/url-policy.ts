/**
 * Which URLs feedfold may fetch. A source URL comes from an operator or an OPML file, and the
 * Worker fetches it: http(s) only, no credentials, and no loopback, private or link-local hosts
 * unless ALLOW_LOOPBACK_SOURCES is on (local runs and tests), so a source cannot reach inside.
 */
export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

const PRIVATE_V4 = [
  /^0\./,
  /^10\./,
  /^127\./,
  /^169\.254\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^192\.168\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
];

export function checkSourceUrl(raw: string, allowLoopback: boolean): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { ok: false, reason: "only http and https URLs" };
  if (url.username || url.password) return { ok: false, reason: "URLs with credentials are refused" };
  if (!allowLoopback && isPrivateHost(url.hostname)) {
    return {
      ok: false,
      reason: "loopback and private addresses are refused (ALLOW_LOOPBACK_SOURCES is off)",
    };
  }
  return { ok: true, url };
}

function isPrivateHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal"))
    return true;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(h)) return PRIVATE_V4.some((re) => re.test(h));
  if (h.includes(":"))
    return h === "::1" || h === "::" || /^f[cd]/.test(h) || /^fe80/.test(h) || h.startsWith("::ffff:");
  return false;
}
