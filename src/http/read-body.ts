import { readCappedBody } from "../bytes/read-capped-body";
import { HttpError } from "./http-error";

/** Reads a request body up to `maxBytes`, or answers 413 without reading the rest. */
export async function readBodyCapped(req: Request, maxBytes: number): Promise<Uint8Array> {
  const body = await readCappedBody(req, maxBytes);
  if (!body) {
    throw new HttpError(
      413,
      "too-large",
      `the body is larger than ${maxBytes} bytes (MAX_BODY_BYTES); send a smaller document`,
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
