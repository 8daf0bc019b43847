import { describe, expect, it } from "vitest";
import { send } from "./hostile-case";
import { expectRefusal, storeState } from "./store-state";

const SOURCE = "0123456789abcdef";
const ITEM = "0123456789abcdef0123";

/** Every route of the API, the methods it answers (as `Allow` lists them) and wrong ones to try. */
const ROUTES: Array<{ path: string; allow: string; wrong: string[] }> = [
  { path: "/", allow: "GET, HEAD, OPTIONS", wrong: ["POST", "DELETE"] },
  { path: "/feed.xml", allow: "GET, HEAD, OPTIONS", wrong: ["POST", "PUT"] },
  { path: "/feed.atom", allow: "GET, HEAD, OPTIONS", wrong: ["POST", "DELETE"] },
  { path: "/feed.json", allow: "GET, HEAD, OPTIONS", wrong: ["DELETE", "PATCH"] },
  { path: "/feed.xsl", allow: "GET, HEAD, OPTIONS", wrong: ["POST"] },
  { path: "/favicon.svg", allow: "GET, HEAD, OPTIONS", wrong: ["POST"] },
  { path: "/healthz", allow: "GET, HEAD, OPTIONS", wrong: ["POST"] },
  { path: `/items/${ITEM}`, allow: "GET, HEAD, OPTIONS", wrong: ["POST", "DELETE"] },
  { path: `/items/${ITEM}/split`, allow: "POST, OPTIONS", wrong: ["GET"] },
  { path: "/ingest", allow: "POST, OPTIONS", wrong: ["GET", "PUT"] },
  { path: "/preview", allow: "POST, OPTIONS", wrong: ["GET", "DELETE"] },
  { path: "/admin/poll", allow: "POST, OPTIONS", wrong: ["GET"] },
  { path: "/admin/stats", allow: "GET, HEAD, OPTIONS", wrong: ["POST"] },
  { path: "/sources", allow: "GET, HEAD, POST, OPTIONS", wrong: ["PUT", "DELETE"] },
  { path: `/sources/${SOURCE}`, allow: "DELETE, OPTIONS", wrong: ["GET", "POST"] },
  { path: "/sources.opml", allow: "GET, HEAD, POST, OPTIONS", wrong: ["PUT", "DELETE"] },
  { path: `/sources/${SOURCE}/feed.xml`, allow: "GET, HEAD, OPTIONS", wrong: ["POST"] },
  { path: `/sources/${SOURCE}/feed.atom`, allow: "GET, HEAD, OPTIONS", wrong: ["DELETE"] },
  { path: `/sources/${SOURCE}/feed.json`, allow: "GET, HEAD, OPTIONS", wrong: ["PUT"] },
];

describe("a wrong method on a route is 405 with Allow", () => {
  const cases = ROUTES.flatMap((r) => r.wrong.map((method) => [`${method} ${r.path}`, method, r] as const));
  it.each(cases)("%s", async (_name, method, route) => {
    const before = await storeState();
    const res = await send({
      name: "",
      method,
      path: route.path,
      body: method === "GET" || method === "HEAD" ? undefined : "{}",
      contentType: "application/json",
      status: 405,
      error: "method-not-allowed",
    });
    expect(res.headers.get("Allow")).toBe(route.allow);
    await expectRefusal(
      res,
      405,
      "method-not-allowed",
      `${method} is not served at ${route.path}; it answers ${route.allow} (see Allow)`,
    );
    expect(await storeState()).toEqual(before);
  });

  it("an unknown path is still 404, with no Allow", async () => {
    const res = await send({ name: "", method: "PUT", path: "/nowhere", status: 404, error: "not-found" });
    expect(res.headers.get("Allow")).toBeNull();
    await expectRefusal(res, 404, "not-found");
  });
});
