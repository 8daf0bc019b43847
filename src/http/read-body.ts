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
