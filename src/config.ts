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

/** Checks the bindings and parses the vars. Throws ConfigError naming the first bad setting. */
export function readConfig(env: RawSettings): Config {
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
  };
}
