import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An expected failure with the status and the `{error, detail}` body the client gets. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly detail: string,
    /** Headers the answer carries besides the body (`Allow` on a 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = "HttpError";
  }
}
