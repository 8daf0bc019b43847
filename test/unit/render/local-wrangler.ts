/**
 * One `wrangler dev` for the real-client tests: the Worker exactly as `npm start` runs it, on a
 * free loopback port, with an empty store of its own, plus a fake WebSub hub of ours that records
 * the pings. Stopped (process group and temp folder) in afterAll.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./node-tools";

export const TOKEN = "e2e-token";

export interface LocalWorker {
  origin: string;
  hubPings: string[];
  ingest(body: string, source: string, contentType: string): Promise<unknown>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startHub(pings: string[]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      pings.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub` };
}

/** Starts wrangler dev; resolves once /healthz answers (about 5 s). */
export async function startLocalWorker(): Promise<LocalWorker> {
  const hubPings: string[] = [];
  const hub = await startHub(hubPings);
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), "feedfold-e2e-"));
  const args = [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--persist-to",
    state,
    "--var",
    `INGEST_TOKEN:${TOKEN}`,
    "--var",
    "PUBLISH_MIN_INTERVAL_MS:0",
    "--var",
    `WEBSUB_HUB:${hub.url}`,
    "--var",
    "FEED_TITLE:Folded Town News",
  ];
  const child: ChildProcess = spawn(join(REPO_ROOT, "node_modules/.bin/wrangler"), args, {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    // No Request.cf download: the tests run offline too (see npm start in package.json).
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: "false",
      NO_COLOR: "1",
      CI: "true",
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
    },
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 5000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    }
    await new Promise((resolve) => hub.server.close(resolve));
    rmSync(state, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not start in 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    origin,
    hubPings,
    async ingest(body, source, contentType) {
      const res = await fetch(`${origin}/ingest?source=${encodeURIComponent(source)}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": contentType },
        body,
      });
      const answer = await res.json();
      if (res.status !== 200) throw new Error(`ingest ${source}: ${res.status} ${JSON.stringify(answer)}`);
      return answer;
    },
    stop,
  };
}
