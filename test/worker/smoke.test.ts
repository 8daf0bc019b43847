import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";

it("answers healthz and reaches the DO", async () => {
  const r = await exports.default.fetch("http://x/healthz");
  expect(r.status).toBe(200);
  const stub = env.FOLD_INDEX.get(env.FOLD_INDEX.idFromName("x"));
  expect(await stub.ping()).toBe(1);
  expect(new TextDecoder("windows-1252").decode(new Uint8Array([0x80]))).toBe("€");
});
