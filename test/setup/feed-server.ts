/**
 * A feed server of our own on 127.0.0.1 for the worker tests (the Workers test pool of our version
 * has no fetch mock). Started once by vitest's globalSetup; the port reaches the worker as the
 * SOURCES binding. Each path serves one document of our own text; `/hits` counts requests.
 */
import { createServer, type Server } from "node:http";
import type { TestProject } from "vitest/node";

const CLINIC_RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Valley Clinic News</title>
    <link>http://127.0.0.1/clinic/</link>
    <description>Notices from the valley clinic</description>
    <item>
      <title>Flu vaccination evenings start next week</title>
      <link>http://127.0.0.1/clinic/flu-evenings</link>
      <guid>clinic-flu-evenings</guid>
      <pubDate>Mon, 16 Nov 2026 07:00:00 GMT</pubDate>
      <description>&lt;p&gt;The clinic opens on Tuesday and Thursday evenings until eight for flu vaccinations, no appointment needed. Bring your health card and wear a short-sleeved shirt.&lt;/p&gt;</description>
    </item>
  </channel>
</rss>`;

let server: Server | undefined;
let hits = 0;

export async function setup(project: TestProject): Promise<void> {
  server = createServer((req, res) => {
    hits++;
    if (req.url === "/clinic.xml") {
      res.writeHead(200, { "Content-Type": "application/rss+xml; charset=utf-8" });
      res.end(CLINIC_RSS);
    } else if (req.url === "/broken.xml") {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end("upstream exploded");
    } else if (req.url === "/hits") {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end(String(hits));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  project.provide("feedServerPort", port);
}

export async function teardown(): Promise<void> {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

declare module "vitest" {
  export interface ProvidedContext {
    feedServerPort: number;
  }
}
