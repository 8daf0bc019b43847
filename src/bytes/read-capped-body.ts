/**
 * Reads a request's or response's body, but never more than `maxBytes`: a declared
 * Content-Length over the cap is refused before reading, an undeclared one is cut off as soon as
 * it passes the cap. Undefined when the body is too large. `guard` wraps each chunk read (the
 * poller races it against its timeout, so a stalled body cannot hold a fetch open).
 */
export async function readCappedBody(
  message: Request | Response,
  maxBytes: number,
  guard: <T>(read: Promise<T>) => Promise<T> = (read) => read,
): Promise<Uint8Array | undefined> {
  const declared = Number(message.headers.get("Content-Length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await message.body?.cancel();
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
      await reader.cancel();
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
