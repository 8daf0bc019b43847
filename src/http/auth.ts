import { createMiddleware } from "hono/factory";
import { readConfig } from "../config";
import { HttpError } from "./http-error";

/**
 * Requires `Authorization: Bearer <INGEST_TOKEN>`. Both sides are hashed first so the comparison
 * always runs over 32 bytes, in time that does not depend on where they differ or on their length.
 */
export const requireToken = createMiddleware<{ Bindings: Env }>(async (c, next) => {
  const expected = readConfig(c.env).ingestToken;
  if (!expected) {
    throw new HttpError(
      503,
      "misconfigured",
      "INGEST_TOKEN is not set: run `wrangler secret put INGEST_TOKEN` (locally: put it in .dev.vars)",
    );
  }
  const header = c.req.header("Authorization") ?? "";
  const match = /^Bearer\s+(\S.*)$/i.exec(header.trim());
  if (!match || !(await sameSecret(match[1]!, expected))) {
    throw new HttpError(
      401,
      "unauthorized",
      "send the ingest token as `Authorization: Bearer <INGEST_TOKEN>`",
    );
  }
  await next();
});

async function sameSecret(given: string, expected: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", enc.encode(given)),
    crypto.subtle.digest("SHA-256", enc.encode(expected)),
  ]);
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}
