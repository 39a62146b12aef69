// The registry finds each integration's adapter by name, and the adapters read what their FACTS describe.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { systemClock } from "../../delivery/clock.js";
import { deliverEvents } from "../../delivery/deliver.js";
import { createHttpSender } from "../../delivery/http-sender.js";
import type { Prepared } from "../../delivery/prepared.js";
import { findAdapter, integrationModulePath } from "../../delivery/registry.js";
import type { DeliveryResult } from "../../delivery/results.js";
import { hubspotRateLimit } from "../../presets/hubspot/adapter.js";
import { recordingServer, type RecordingServer } from "./helpers/recording-server.js";

describe("the adapter registry", () => {
  it("finds an adapter by the integration's name, and none where the folder has none", async () => {
    for (const name of ["salesloft", "hubspot", "mixpanel", "meta"]) {
      const factory = await findAdapter(name);
      expect(factory?.({ clock: systemClock }).integration).toBe(name);
    }
    expect(await findAdapter("ga4")).toBeUndefined();
    expect(await findAdapter("no-such-integration")).toBeUndefined();
  });

  it("never turns a name into a path outside presets/", () => {
    for (const name of ["../loader", "salesloft/../../x", "/etc", "Salesloft", ""]) {
      expect(integrationModulePath(name, "adapter")).toBeUndefined();
    }
  });
});

describe("HubSpot's rate-limit headers", () => {
  it("reads the rolling window's remaining count, maximum and interval", () => {
    const headers = {
      "x-hubspot-ratelimit-remaining": "7",
      "x-hubspot-ratelimit-max": "190",
      "x-hubspot-ratelimit-interval-milliseconds": "10000",
    };
    expect(hubspotRateLimit(headers)).toEqual({ remaining: 7, limit: 190, resetInMs: 10_000 });
    expect(hubspotRateLimit({})).toBeUndefined();
  });
});

describe("Mixpanel's partial batch failures", () => {
  let server: RecordingServer;
  beforeEach(async () => {
    server = await recordingServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it("fails only the records the 400 names; the others of the batch are delivered", async () => {
    const failed = { index: 1, $insert_id: "i2", field: "properties.time", message: "'properties.time' is invalid" };
    const answer = { code: 400, error: "some data points failed", failed_records: [failed], num_records_imported: 2 };
    server.script([{ status: 400, body: JSON.stringify(answer) }]);
    const send = {
      method: "POST",
      origin: "https://api.mixpanel.com",
      urlTemplate: "https://api.mixpanel.com/import",
      batch: { path: [], maxItems: 2000 },
    };
    const prepare = (event: unknown): Prepared => {
      const id = (event as { id: string }).id;
      const request = {
        method: "POST",
        url: "https://api.mixpanel.com/import?strict=1",
        headers: {},
        body: [{ event: id }],
      };
      return { outcome: { messageId: id, outcome: "send", request, warnings: [] }, send };
    };
    const adapter = (await findAdapter("mixpanel"))!({ clock: systemClock });
    const sender = createHttpSender({ adapter, baseUrl: server.url });
    const results: DeliveryResult[] = [];
    try {
      await deliverEvents([{ id: "e1" }, { id: "e2" }, { id: "e3" }], {
        preset: { transform: (e: unknown) => prepare(e).outcome, prepare },
        settings: {},
        sender,
        batchWaitMs: 10,
        onResult: (r) => results.push(r),
      });
    } finally {
      await sender.close();
    }
    results.sort((a, b) => a.line - b.line);
    expect(server.arrived).toHaveLength(1);
    expect(results.map((r) => r.status)).toEqual(["delivered", "failed", "delivered"]);
    expect(results[1]!.error).toContain("'properties.time' is invalid");
  });
});
