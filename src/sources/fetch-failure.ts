/**
 * Why a fetch of a source failed, named so a person can act on it: the host name does not resolve
 * (`dns`), nothing accepts the connection (`connect`), no complete answer in time (`timeout`), the
 * TLS handshake failed (`tls`), or the server answered with an error status (`http-<status>`).
 * `too-large`, `redirects` and `blocked` (the URL policy) are ours.
 */
export type FetchFailure =
  | "dns"
  | "connect"
  | "timeout"
  | "tls"
  | `http-${number}`
  | "too-large"
  | "redirects"
  | "blocked"
  | "other";

/** What one failed fetch attempt threw, named; `probe` tells DNS from TLS where workerd cannot. */
export interface ThrownFailure {
  failure: FetchFailure;
  detail: string;
}

const CONNECT_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);
const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME"]);

function codeOf(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  const code = cause?.code ?? (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * workerd hides DNS and TLS failures of a subrequest behind one message, "internal error;
 * reference = …" (a refused connection is "Network connection lost."); Node's fetch says
 * "fetch failed" with the system error code as the cause. Undefined when workerd's opaque error
 * needs a probe to tell DNS from TLS.
 */
export function classifyThrown(err: unknown): ThrownFailure | undefined {
  const message = err instanceof Error ? err.message : String(err);
  const code = codeOf(err);
  if (code !== undefined) {
    if (DNS_CODES.has(code)) return { failure: "dns", detail: `the host name does not resolve (${code})` };
    if (CONNECT_CODES.has(code)) return { failure: "connect", detail: `the connection failed (${code})` };
    if (/CERT|SSL|TLS/i.test(code)) return { failure: "tls", detail: `the TLS handshake failed (${code})` };
    if (/TIMEOUT/i.test(code)) return { failure: "timeout", detail: `no answer in time (${code})` };
  }
  if (/^internal error; reference = /.test(message)) return undefined;
  if (/network connection lost|connection refused|ECONNREFUSED/i.test(message)) {
    return { failure: "connect", detail: "the connection was refused or lost before an answer" };
  }
  if (/certificate|ssl|tls/i.test(message))
    return { failure: "tls", detail: `the TLS handshake failed (${message})` };
  if (/dns|resolve|getaddrinfo|ENOTFOUND/i.test(message)) {
    return { failure: "dns", detail: `the host name does not resolve (${message})` };
  }
  return { failure: "other", detail: message };
}

/** "dns: the host name … does not resolve": how lastError, poll summaries and warnings say it. */
export function failureText(failure: FetchFailure, detail: string): string {
  return `${failure}: ${detail}`;
}
