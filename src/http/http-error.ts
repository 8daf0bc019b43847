import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An expected failure with the status and the `{error, detail}` body the client gets. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = "HttpError";
  }
}
