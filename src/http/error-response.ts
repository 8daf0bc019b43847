import type { Context } from "hono";
import { ConfigError } from "../config";
import { FeedParseError } from "../feed/feed-parse-error";
import { MissingSourceError } from "../ingest/source-identity";
import { logEvent } from "../log-event";
import { HttpError } from "./http-error";

/**
 * The one place errors become responses. Expected failures keep their status and say what was
 * wrong; anything else is logged and answered with a plain 500 that carries no stack trace.
 */
export function errorResponse(err: unknown, c: Context): Response {
  const known = toHttpError(err);
  if (known) return c.json({ error: known.code, detail: known.detail }, known.status, { ...known.headers });
  logEvent("unhandled-error", { path: c.req.path, message: String(err) }, "error");
  return c.json(
    { error: "internal", detail: "feedfold failed unexpectedly; the request changed nothing it reported" },
    500,
  );
}

function toHttpError(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (err instanceof FeedParseError) {
    const status = (
      {
        empty: 400,
        malformed: 400,
        "not-a-feed": 415,
        "unsupported-format": 415,
        "too-large": 413,
        "entity-expansion": 422,
        "external-entity": 422,
        "no-items": 422,
      } as const
    )[err.code];
    return new HttpError(status ?? 422, err.code, err.detail);
  }
  if (err instanceof MissingSourceError) {
    return new HttpError(
      400,
      "missing-source",
      "the document names no feed or site URL; add ?source=<feed or site URL> to the request",
    );
  }
  if (err instanceof ConfigError) {
    return new HttpError(503, "misconfigured", `${err.setting}: ${err.detail}`);
  }
  return undefined;
}
