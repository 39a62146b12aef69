// A misspelt config key is a problem named at its place, at any depth: an ignored "baseURL" sends to the real API.

import { describe, expect, it } from "vitest";
import { parseServeConfig } from "../../serve/config.js";

const SOURCES = [{ name: "web", writeKey: "wk" }];

function problemsOf(data: Record<string, unknown>): string[] {
  const result = parseServeConfig({ sources: SOURCES, ...data }, "/srv/signal-map");
  return result.ok ? [] : result.problems;
}

describe("config keys", () => {
  it("names every unknown key inside listen, cors, limits, admin, delivery, sources and integrations", () => {
    expect(
      problemsOf({
        listen: { host: "127.0.0.1", prot: 8081 },
        cors: { origin: ["https://www.example.com"] },
        limits: { eventByte: 10 },
        admin: { password: { env: "PW" }, user: "root" },
        delivery: { concurency: 3 },
        sources: [{ name: "web", writeKey: "wk", write_key: "x" }],
        integrations: [{ name: "s", preset: "s.map", setting: {}, baseURL: "http://127.0.0.1:9" }],
      }),
    ).toEqual([
      'unknown key "listen.prot" (did you mean "port"?)',
      'unknown key "sources[0].write_key" (did you mean "writeKey"?)',
      'unknown key "integrations[0].setting" (did you mean "settings"?)',
      'unknown key "integrations[0].baseURL" (did you mean "baseUrl"?)',
      'unknown key "cors.origin" (did you mean "origins"?)',
      'unknown key "limits.eventByte" (did you mean "eventBytes"?)',
      'unknown key "admin.user"',
      'unknown key "delivery.concurency" (did you mean "concurrency"?)',
    ]);
  });

  it("suggests the top-level key a misspelt one meant", () => {
    expect(problemsOf({ integration: [] })).toEqual(['unknown key "integration" (did you mean "integrations"?)']);
  });

  it("refuses a cors, limits or delivery that is not an object instead of ignoring it", () => {
    expect(problemsOf({ cors: ["https://www.example.com"], limits: 5, delivery: "fast" })).toEqual([
      '"cors" must be an object like {"origins": ["https://www.example.com"]}',
      '"limits" must be an object like {"eventBytes": 32768, "requestBytes": 512000}',
      '"delivery" must be an object like {"maxAgeHours": 24, "concurrency": 8}',
    ]);
  });

  it("accepts every documented key", () => {
    expect(
      problemsOf({
        listen: { host: "127.0.0.1", port: 0 },
        store: "sqlite:./x.db",
        cors: { origins: ["*"] },
        trustedProxies: ["127.0.0.1"],
        limits: { eventBytes: 1000, requestBytes: 2000 },
        admin: { password: { env: "PW" } },
        retentionDays: 7,
        delivery: { maxAgeHours: 24, concurrency: 8, batchWaitMs: 100 },
        integrations: [
          {
            name: "s",
            preset: "s.map",
            settings: {},
            baseUrl: "http://127.0.0.1:9",
            rateLimitPerMinute: 60,
            paused: true,
          },
        ],
      }),
    ).toEqual([]);
  });
});
