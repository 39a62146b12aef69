// Collection under hostile input: a body no client means to send is refused with 400, never a 503 that asks for a retry.

import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collect } from "../../serve/collect.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import type { Store } from "../../store/store.js";

let dir: string;
let store: Store;
let server: Server;
let base: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "signal-map-hostile-"));
  store = openSqliteStore(join(dir, "store.db"));
  const options = {
    store,
    sources: [{ name: "web", writeKey: "wk_test" }],
    limits: { eventBytes: 1_000_000, requestBytes: 1_000_000 },
    corsOrigins: [],
    trustedProxies: [],
    route: () => [{ integration: "salesloft", orderKey: "p" }],
  };
  server = createServer((req, res) => void collect(req, res, options));
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((done) => server.close(done));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function post(path: string, body: string) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `Basic ${Buffer.from("wk_test:").toString("base64")}`,
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as { success: boolean; message?: string } };
}

describe("collection under hostile input", () => {
  it("refuses a body nested deeper than 64 levels with 400 naming the limit, and stores nothing", async () => {
    const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
    for (const depth of [63, 200_000]) {
      const answer = await post("/v1/track", `{"event":"x","userId":"u","properties":{"list":${deep(depth)}}}`);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe("the body is nested deeper than 64 levels");
    }
    expect(await store.recent(10)).toEqual([]);
  });

  it("takes a body nested exactly 64 levels deep", async () => {
    // The body object is level 1, properties level 2: 62 more lists make 64 (63 lists, above, make 65).
    const answer = await post("/v1/track", `{"event":"x","properties":{"l":${"[".repeat(62)}${"]".repeat(62)}}}`);
    expect(answer.status).toBe(200);
  });

  it("refuses a numeric messageId of 2^53 or more, which two events could share after parsing, naming the item", async () => {
    const one = await post("/v1/track", '{"event":"a","userId":"u1","messageId":9007199254740993}');
    expect(one).toEqual({
      status: 400,
      body: {
        success: false,
        message: "messageId is a number of 2^53 or more, which JSON readers round: send it as a string",
      },
    });
    const batch = await post("/v1/batch", '{"batch":[{"type":"track","event":"a","messageId":-9007199254740993}]}');
    expect(batch.body.message).toBe(
      "batch[0].messageId is a number of 2^53 or more, which JSON readers round: send it as a string",
    );
    expect(await store.recent(10)).toEqual([]);
  });

  it("still takes a numeric messageId that is exact, and keeps it as its text", async () => {
    expect((await post("/v1/track", '{"event":"a","userId":"u1","messageId":9007199254740991}')).status).toBe(200);
    const [view] = await store.recent(1);
    expect(view.messageId).toBe("9007199254740991");
  });
});

describe("collection when the store fails", () => {
  it("answers 503 and reports the store's error, so the operator sees why in the log", async () => {
    const reported: string[] = [];
    const failing = { ingest: () => Promise.reject(new Error("database or disk is full")) } as unknown as Store;
    const options = {
      store: failing,
      sources: [{ name: "web", writeKey: "wk_test" }],
      limits: { eventBytes: 10_000, requestBytes: 10_000 },
      corsOrigins: [],
      trustedProxies: [],
      route: () => [],
      onStoreError: (error: unknown) => reported.push((error as Error).message),
    };
    const broken = createServer((req, res) => void collect(req, res, options));
    await new Promise<void>((done) => broken.listen(0, "127.0.0.1", done));
    try {
      const res = await fetch(`http://127.0.0.1:${(broken.address() as AddressInfo).port}/v1/track`, {
        method: "POST",
        headers: { Authorization: `Basic ${Buffer.from("wk_test:").toString("base64")}` },
        body: '{"event":"x","userId":"u"}',
      });
      expect(res.status).toBe(503);
      expect(reported).toEqual(["database or disk is full"]);
    } finally {
      await new Promise((done) => broken.close(done));
    }
  });
});
