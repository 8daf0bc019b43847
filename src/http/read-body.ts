import { readCappedBody } from "../bytes/read-capped-body";
import { HttpError } from "./http-error";

/**
 * What a sender may still push past the cap, read and discarded, so it can read the 413 (see
 * CapOptions.drainBytes); a sender of more gets its connection closed instead.
 */
export const DRAIN_BYTES = 32 * 1024 * 1024;

/**
 * Reads a request body up to `maxBytes`, or answers 413 `too-large` without keeping the rest;
 * `limit` names the cap in the answer (the setting, or what the body is).
 */
export async function readBodyCapped(
  req: Request,
  maxBytes: number,
  limit = "MAX_BODY_BYTES",
): Promise<Uint8Array> {
  const body = await readCappedBody(req, maxBytes, { drainBytes: DRAIN_BYTES });
  if (!body) {
    throw new HttpError(
      413,
      "too-large",
      `the body is larger than ${maxBytes} bytes (${limit}); send a smaller document`,
    );
  }
  return body;
}

/**
 * Refuses a body that holds nothing but whitespace with the one code every route uses for it
 * (`empty`, as /ingest answers through FeedParseError); `expected` says what to send instead.
 */
export function requireContent(text: string, expected: string): string {
  if (text.trim() === "") throw new HttpError(400, "empty", `The body is empty; send ${expected}.`);
  return text;
}
