/** How a body over the cap is let go. */
export interface CapOptions {
  /**
   * Bytes past the cap read and thrown away before the refusal, so the sender gets to read it.
   * An HTTP server that answers while the client is still sending, and then closes, resets the
   * connection: under `wrangler dev` the client then saw a 413 with an empty body, or
   * ECONNRESET, or "Your worker restarted mid-request". Discarding costs no memory; past this
   * bound the body is cancelled. 0 (responses of polled feeds): cancel at once.
   */
  drainBytes?: number;
  /** Wraps each chunk read (the poller races it against its timeout, so a stalled body cannot hold a fetch open). */
  guard?: <T>(read: Promise<T>) => Promise<T>;
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, limit: number): Promise<void> {
  let discarded = 0;
  while (discarded <= limit) {
    const { done, value } = await reader.read();
    if (done) return;
    discarded += value.byteLength;
  }
  await reader.cancel();
}

/**
 * Reads a request's or response's body, but never keeps more than `maxBytes`: a declared
 * Content-Length over the cap is refused before reading (the runtime deals with the unread body;
 * cancelling it made `wrangler dev` drop the answer), an undeclared one is cut off as soon as it
 * passes the cap. Undefined when the body is too large.
 */
export async function readCappedBody(
  message: Request | Response,
  maxBytes: number,
  options: CapOptions = {},
): Promise<Uint8Array | undefined> {
  const guard = options.guard ?? ((read) => read);
  const drainBytes = options.drainBytes ?? 0;
  const declared = Number(message.headers.get("Content-Length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    if (drainBytes === 0) await message.body?.cancel();
    return undefined;
  }
  if (!message.body) return new Uint8Array(0);
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await guard(reader.read());
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      if (drainBytes > 0) await drain(reader, drainBytes);
      else await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
