import { createMiddleware } from "hono/factory";
import { readConfig } from "../config";
import { sha256Hex } from "../fold/sha256";
import { HttpError } from "./http-error";

const WINDOW_MS = 60_000;
/** The fallback keeps at most this many keys, so a flood of made-up tokens cannot grow it. */
const MAX_KEYS = 10_000;
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A fixed-window counter per key, per isolate: the fallback where Cloudflare's rate limiting
 * binding is not configured. Isolates do not share it, so it bounds one client's burst against
 * one isolate rather than a global rate; the binding is the real limit in production.
 */
export class WindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `key`; false when the key is over its limit in this window. */
  take(key: string): boolean {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      if (!window && this.windows.size >= MAX_KEYS) this.evictExpired(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    return window.count <= this.limit;
  }

  private evictExpired(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(key);
    // Still full: every key is live. Dropping the oldest only ever resets someone's count.
    if (this.windows.size >= MAX_KEYS) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) this.windows.delete(oldest);
    }
  }
}

const fallbacks = new Map<number, WindowLimiter>();

/**
 * Write requests (anything but GET/HEAD/OPTIONS) are limited per presented token (hashed: the
 * token itself is never kept), or per client address when none is presented. It runs before the
 * token check, so guessing tokens is limited too. 429 with Retry-After when over.
 */
export const limitWrites = createMiddleware<{ Bindings: Env }>(async (c, next) => {
  if (READ_METHODS.has(c.req.method)) return next();
  const config = readConfig(c.env);
  if (config.writeRateLimit === 0) return next();
  const key = await limiterKey(c.req.raw);
  let allowed: boolean;
  if (config.writeLimiter) {
    allowed = (await config.writeLimiter.limit({ key })).success;
  } else {
    let limiter = fallbacks.get(config.writeRateLimit);
    if (!limiter) {
      limiter = new WindowLimiter(config.writeRateLimit);
      fallbacks.set(config.writeRateLimit, limiter);
    }
    allowed = limiter.take(key);
  }
  if (!allowed) {
    c.header("Retry-After", "60");
    throw new HttpError(
      429,
      "rate-limited",
      "too many write requests for this token; wait a minute, or batch items into fewer documents",
    );
  }
  return next();
});

async function limiterKey(req: Request): Promise<string> {
  const auth = req.headers.get("Authorization");
  if (auth) {
    return `token:${(await sha256Hex(auth.trim())).slice(0, 24)}`;
  }
  return `addr:${req.headers.get("CF-Connecting-IP") ?? "unknown"}`;
}
