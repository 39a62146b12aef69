// The playground server: the example, POST /api/run compiling in memory and answering redacted, and its refusals.

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, checkSource } from "../../compiler/index.js";
import { startPlayground, type Playground } from "../../playground/server.js";
import { salesloftExample, type Example } from "../../playground/example.js";

let playground: Playground;
let example: Example;

beforeAll(async () => {
  playground = await startPlayground();
  example = salesloftExample();
});
afterAll(() => playground.close());

function run(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${playground.url}/api/run`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

const request = (changes: Partial<Example> = {}, settings: unknown = { api_key: "sk-live-123" }) => {
  const { event, settings: _unused, ...files } = { ...example, ...changes };
  return { ...files, event: JSON.parse(event), settings };
};

describe("checkSource", () => {
  it("gives the same diagnostics from an in-memory schema as check() reading the disk", () => {
    const file = resolve(import.meta.dirname, "../../presets/salesloft/lead-capture.map");
    const broken = readFileSync(file, "utf8").replace("lower(", "lowr(");
    const fromDisk = check(broken, { filename: file });
    const schema = readFileSync(join(file, "..", example.schemaName), "utf8");
    const inMemory = checkSource(broken, {
      filename: "/virtual/lead-capture.map",
      readFile: (path) => (path === `/virtual/${example.schemaName}` ? schema : undefined),
    });
    expect(inMemory.diagnostics).toEqual(fromDisk.diagnostics);
    expect(inMemory.diagnostics.map((d) => d.code)).toEqual(["E200"]);
  });
});

describe("the playground server", () => {
  it("serves the Salesloft example with the seed's worked event", async () => {
    const body = (await (await fetch(`${playground.url}/api/example`)).json()) as Example;
    expect(body.mapName).toBe("lead-capture.map");
    expect(JSON.parse(body.event).messageId).toBe("msg-seed-worked-example");
  });

  it("runs the event and hides the secret everywhere in the outcome", async () => {
    const response = await run(request());
    const answer = (await response.json()) as { outcome: { request: { headers: Record<string, string> } } };
    expect(answer.outcome.request.headers.Authorization).toBe("Bearer [redacted]");
    expect(JSON.stringify(answer)).not.toContain("sk-live-123");
  });

  it("reads the schema from the request, never the disk: an edited schema changes the outcome", async () => {
    const schema = JSON.parse(example.schema);
    schema.properties.title = { type: "integer" };
    const answer = (await (await run(request({ schema: JSON.stringify(schema) }))).json()) as { problem?: string };
    // The body's title (text) no longer fits the edited schema, so the source no longer checks clean.
    expect(answer.problem).toBe("the source does not compile");
  });

  it("refuses another origin, a path-like schema name, non-JSON and other methods", async () => {
    expect((await run(request(), { Origin: "https://evil.example" })).status).toBe(403);
    expect((await run(request({ schemaName: "../../etc/passwd" }))).status).toBe(400);
    const text = await fetch(`${playground.url}/api/run`, { method: "POST", body: "x" });
    expect(text.status).toBe(415);
    expect((await fetch(`${playground.url}/api/run`, { method: "PUT" })).status).toBe(405);
  });

  it("sends a CSP that allows only its own scripts", async () => {
    const response = await fetch(`${playground.url}/api/example`);
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
  });
});
