/**
 * The Worker's configuration, read from its bindings and vars and checked once per request, so a
 * missing binding or a bad var is one clear message naming the setting, not a stack trace later.
 */

export interface Config {
  ingestToken: string | undefined;
  publicUrl: string | undefined;
  feedTitle: string;
  sources: string[];
  allowLoopbackSources: boolean;
  /** KV allows one write per second per key; tests set 0. */
  publishMinIntervalMs: number;
  demo: boolean;
  maxBodyBytes: number;
  /** Polling (src/sources/): base interval and the most feed hints may stretch it to, in seconds. */
  pollIntervalS: number;
  pollIntervalMaxS: number;
  /** Sources polled inside the cron run itself (no queue bound, or this few due). */
  pollInlineMax: number;
  /** Sources claimed by one cron run when a queue fans them out. */
  pollMaxPerCycle: number;
  fetchTimeoutMs: number;
  maxSources: number;
  /** Items accepted in one pushed document; more is refused (bounds the CPU of one request). */
  maxItemsPerDocument: number;
  /** Write requests per token per minute for the in-memory limiter; 0 turns rate limiting off. */
  writeRateLimit: number;
  /** Cloudflare's rate limiting binding (`[[ratelimits]]` WRITE_LIMITER), when configured. */
  writeLimiter: RateLimiterBinding | undefined;
  /** WebSub hub announced in the feeds and pinged when a snapshot changes (WEBSUB_HUB). */
  websubHub: string | undefined;
  /** Seconds the default feeds stay in the Cache API (FEED_CACHE_SECONDS); 0 turns it off. */
  feedCacheSeconds: number;
  /**
   * Days a story stays a candidate for near-duplicate and summary folding (FOLD_WINDOW_DAYS);
   * exact, URL and id matches do not expire.
   */
  foldWindowDays: number;
}

/** The part of Cloudflare's rate limiting binding feedfold uses. */
export interface RateLimiterBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    readonly detail: string,
  ) {
    super(`${setting}: ${detail}`);
    this.name = "ConfigError";
  }
}

/** The raw settings as the runtime hands them over (vars are strings; secrets may be absent). */
export interface RawSettings {
  FEEDFOLD_KV?: unknown;
  FOLD_INDEX?: unknown;
  INGEST_TOKEN?: string;
  PUBLIC_URL?: string;
  FEED_TITLE?: string;
  SOURCES?: string;
  ALLOW_LOOPBACK_SOURCES?: string;
  PUBLISH_MIN_INTERVAL_MS?: string;
  DEMO?: string;
  MAX_BODY_BYTES?: string;
  POLL_INTERVAL_MINUTES?: string;
  POLL_INTERVAL_MAX_MINUTES?: string;
  POLL_INLINE_MAX?: string;
  POLL_MAX_PER_CYCLE?: string;
  FETCH_TIMEOUT_MS?: string;
  MAX_SOURCES?: string;
  POLL_QUEUE?: unknown;
  MAX_ITEMS_PER_DOCUMENT?: string;
  WRITE_RATE_LIMIT?: string;
  WRITE_LIMITER?: unknown;
  WEBSUB_HUB?: string;
  FEED_CACHE_SECONDS?: string;
  FOLD_WINDOW_DAYS?: string;
}

function flag(name: string, value: string | undefined): boolean {
  if (value === undefined || value === "" || value === "false") return false;
  if (value === "true") return true;
  throw new ConfigError(
    name,
    `must be "true" or "false", not ${JSON.stringify(value)}; set it in wrangler.toml [vars]`,
  );
}

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new ConfigError(
      name,
      `must be a whole number, not ${JSON.stringify(value)}; set it in wrangler.toml [vars]`,
    );
  }
  return n;
}

function rateLimiter(binding: unknown): RateLimiterBinding | undefined {
  if (binding === undefined || binding === null) return undefined;
  if (typeof (binding as Partial<RateLimiterBinding>).limit !== "function") {
    throw new ConfigError(
      "WRITE_LIMITER",
      "is not a rate limiting binding: declare it under [[ratelimits]] in wrangler.toml, or remove it",
    );
  }
  return binding as RateLimiterBinding;
}

function bounded(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const n = count(name, value, fallback);
  if (n < min || n > max) {
    throw new ConfigError(
      name,
      `must be between ${min} and ${max}, not ${n}; set it in wrangler.toml [vars]`,
    );
  }
  return n;
}

/**
 * Settings read so far, per env object: a request passes through several middlewares and routes
 * that each need the config, and the runtime hands every request of an isolate the same env.
 */
const readSettings = new WeakMap<RawSettings, Config>();

/** Checks the bindings and parses the vars. Throws ConfigError naming the first bad setting. */
export function readConfig(env: RawSettings): Config {
  let config = readSettings.get(env);
  if (config === undefined) {
    config = parseConfig(env);
    readSettings.set(env, config);
  }
  return config;
}

function parseConfig(env: RawSettings): Config {
  if (!env.FEEDFOLD_KV) {
    throw new ConfigError(
      "FEEDFOLD_KV",
      "the KV namespace binding is missing: run `wrangler kv namespace create FEEDFOLD_KV` and put its id under [[kv_namespaces]] in wrangler.toml",
    );
  }
  if (!env.FOLD_INDEX) {
    throw new ConfigError(
      "FOLD_INDEX",
      "the Durable Object binding is missing: keep the [[durable_objects.bindings]] and [[migrations]] sections of wrangler.toml",
    );
  }
  let publicUrl: string | undefined;
  if (env.PUBLIC_URL) {
    let url: URL;
    try {
      url = new URL(env.PUBLIC_URL);
    } catch {
      throw new ConfigError(
        "PUBLIC_URL",
        `is not a URL: ${JSON.stringify(env.PUBLIC_URL)}; use e.g. https://news.example.org`,
      );
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new ConfigError("PUBLIC_URL", "must be an http(s) URL such as https://news.example.org");
    }
    publicUrl = url.origin;
  }
  return {
    ingestToken: env.INGEST_TOKEN || undefined,
    publicUrl,
    feedTitle: env.FEED_TITLE || "feedfold",
    sources: (env.SOURCES ?? "")
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    allowLoopbackSources: flag("ALLOW_LOOPBACK_SOURCES", env.ALLOW_LOOPBACK_SOURCES),
    publishMinIntervalMs: count("PUBLISH_MIN_INTERVAL_MS", env.PUBLISH_MIN_INTERVAL_MS, 1000),
    demo: flag("DEMO", env.DEMO),
    maxBodyBytes: count("MAX_BODY_BYTES", env.MAX_BODY_BYTES, 5 * 1024 * 1024),
    ...pollSettings(env),
    maxItemsPerDocument: count("MAX_ITEMS_PER_DOCUMENT", env.MAX_ITEMS_PER_DOCUMENT, 1000),
    // Generous by default: a pusher replaying a backlog, or an outside check posting a thousand
    // documents, must not be cut off; a flood is. The WRITE_LIMITER binding is the real limit.
    writeRateLimit: count("WRITE_RATE_LIMIT", env.WRITE_RATE_LIMIT, 6000),
    writeLimiter: rateLimiter(env.WRITE_LIMITER),
    websubHub: httpUrl("WEBSUB_HUB", env.WEBSUB_HUB, "https://hub.example.org/"),
    feedCacheSeconds: bounded("FEED_CACHE_SECONDS", env.FEED_CACHE_SECONDS, 30, 0, 3600),
    foldWindowDays: foldWindowDays(env.FOLD_WINDOW_DAYS),
  };
}

/** FOLD_WINDOW_DAYS when the var is unset. */
export const DEFAULT_FOLD_WINDOW_DAYS = 14;
/** The largest window accepted: a year of candidates is already more than one index should scan. */
const MAX_FOLD_WINDOW_DAYS = 365;

function foldWindowDays(raw: unknown): number {
  return wholeNumberVar("FOLD_WINDOW_DAYS", raw, {
    unset: DEFAULT_FOLD_WINDOW_DAYS,
    max: MAX_FOLD_WINDOW_DAYS,
    unit: "days",
  });
}

/** A var holding a whole number from 1 to `max` (`unset` when absent or empty); else a ConfigError. */
export function wholeNumberVar(
  name: string,
  raw: unknown,
  { unset, max, unit }: { unset: number; max: number; unit: string },
): number {
  if (raw === undefined || raw === "") return unset;
  const value = Number(raw);
  if (typeof raw !== "string" || !Number.isInteger(value) || value < 1 || value > max) {
    throw new ConfigError(
      name,
      `must be a whole number of ${unit} from 1 to ${max}, not ${JSON.stringify(raw)}; set it in wrangler.toml [vars]`,
    );
  }
  return value;
}

/** An optional absolute http(s) URL var, kept as given (a hub URL may have a path). */
function httpUrl(name: string, value: string | undefined, example: string): string | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError(name, `is not a URL: ${JSON.stringify(value)}; use e.g. ${example}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(name, `must be an http(s) URL such as ${example}`);
  }
  return url.href;
}

function pollSettings(env: RawSettings) {
  const pollIntervalS = bounded("POLL_INTERVAL_MINUTES", env.POLL_INTERVAL_MINUTES, 60, 5, 1440) * 60;
  const maxMinutes = bounded("POLL_INTERVAL_MAX_MINUTES", env.POLL_INTERVAL_MAX_MINUTES, 1440, 5, 10_080);
  if (maxMinutes * 60 < pollIntervalS) {
    throw new ConfigError(
      "POLL_INTERVAL_MAX_MINUTES",
      `(${maxMinutes}) is below POLL_INTERVAL_MINUTES (${pollIntervalS / 60}); raise it or lower the interval`,
    );
  }
  return {
    pollIntervalS,
    pollIntervalMaxS: maxMinutes * 60,
    // Free allows 50 subrequests per invocation; an inline source costs up to 3 plus its redirects.
    pollInlineMax: bounded("POLL_INLINE_MAX", env.POLL_INLINE_MAX, 10, 0, 1000),
    // Up to 100 messages per sendBatch call: 4,500 sources stay within 50 subrequests.
    pollMaxPerCycle: bounded("POLL_MAX_PER_CYCLE", env.POLL_MAX_PER_CYCLE, 4000, 1, 4500),
    fetchTimeoutMs: bounded("FETCH_TIMEOUT_MS", env.FETCH_TIMEOUT_MS, 15_000, 100, 60_000),
    maxSources: bounded("MAX_SOURCES", env.MAX_SOURCES, 10_000, 1, 1_000_000),
  };
}
