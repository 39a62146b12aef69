// Property tests of the Mixpanel Import preset: the generic suite, plus Mixpanel's own rules (FACTS.md).

import fc from "fast-check";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Outcome } from "../../runtime/outcome.js";
import { anyEvent, asJson, canonicalEvent } from "../support/arbitraries.js";
import {
  presetLoader,
  presetProperties,
  propertyParameters,
  requestBodyValidator,
} from "../support/preset-properties.js";

const PRESET = join(import.meta.dirname, "..", "..", "presets", "mixpanel", "import.map");
const SETTINGS = {
  project_id: "2195193",
  service_account_username: "signal.a1b2c3.mp-service-account",
  service_account_secret: "test-secret-not-secret",
};
const MAX_EVENTS = 2000;
const EARLIEST_MS = Date.UTC(1971, 0, 1);
const HOUR_MS = 3_600_000;
const PLACEHOLDERS = new Set(
  "00000000-0000-0000-0000-000000000000 anon anonymous nil none null n/a na undefined unknown <nil> 0 -1 true false [] {}".split(
    " ",
  ),
);

presetProperties(PRESET, { settings: SETTINGS });

type Fields = Record<string, unknown>;
interface MixpanelEvent {
  event: string;
  properties: Fields;
}

/** Events that are mostly sendable: a track, page or identify call with ids and a time from any era. */
const sendable = fc
  .tuple(
    canonicalEvent,
    fc.constantFrom("track", "page", "identify"),
    fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.integer({ min: -1e12, max: 1e13 }),
      fc.constantFrom("1970-12-31T23:59:59.999Z", "1971-01-01T00:00:00.000Z", "not a time"),
    ),
    fc.oneof(fc.uuid(), fc.string({ maxLength: 60 }), fc.constantFrom("null", "Anonymous", "0", "-1")),
  )
  .map(([event, type, timestamp, messageId]) => ({ ...(asJson(event) as Fields), type, timestamp, messageId }));
const events = fc.oneof({ weight: 2, arbitrary: sendable }, { weight: 1, arbitrary: anyEvent });

const load = presetLoader(PRESET, SETTINGS);
async function forAllOutcomes(property: (event: unknown, outcome: Outcome) => void): Promise<void> {
  const { preset, settings } = await load();
  fc.assert(
    fc.property(events, (event) => property(event, preset.transform(event, settings))),
    propertyParameters(),
  );
}
function bodyOf(outcome: Outcome): MixpanelEvent[] | undefined {
  return outcome.outcome === "send" ? (outcome.request.body as MixpanelEvent[]) : undefined;
}
/** The event's own time in milliseconds, read the way FACTS.md and the design describe (ISO text or epoch number). */
function eventMillis(event: unknown): number | undefined {
  const timestamp = typeof event === "object" && event !== null ? (event as Fields).timestamp : undefined;
  if (typeof timestamp === "string") return Date.parse(timestamp);
  if (typeof timestamp !== "number") return undefined;
  const size = Math.abs(timestamp);
  return size < 1e11 ? timestamp * 1000 : size < 1e14 ? timestamp : timestamp / 1000;
}

describe("Mixpanel Import properties", () => {
  it("sends time as whole milliseconds after 1971-01-01 and not after the event's own time plus an hour", () =>
    forAllOutcomes((event, outcome) => {
      for (const item of bodyOf(outcome) ?? []) {
        const time = item.properties.time as number;
        expect(Number.isInteger(time)).toBe(true);
        expect(time).toBeGreaterThanOrEqual(EARLIEST_MS);
        const own = eventMillis(event);
        expect(own).toBeDefined();
        expect(time).toBeLessThanOrEqual((own as number) + HOUR_MS);
        expect(time).toBeGreaterThanOrEqual((own as number) - 1);
      }
    }));

  it("sends a valid $insert_id: the first 36 hex digits of SHA-256 of the messageId", () =>
    forAllOutcomes((_event, outcome) => {
      for (const item of bodyOf(outcome) ?? []) {
        const id = item.properties.$insert_id as string;
        expect(id).toMatch(/^[A-Za-z0-9-]{1,36}$/);
        expect(PLACEHOLDERS.has(id.toLowerCase())).toBe(false);
        expect(id).toBe(
          createHash("sha256")
            .update(outcome.messageId ?? "")
            .digest("hex")
            .slice(0, 36),
        );
      }
    }));

  it("sends a distinct_id that is never a placeholder Mixpanel refuses", () =>
    forAllOutcomes((_event, outcome) => {
      for (const item of bodyOf(outcome) ?? []) {
        const id = item.properties.distinct_id;
        expect(typeof id).toBe("string");
        expect(PLACEHOLDERS.has((id as string).toLowerCase())).toBe(false);
      }
    }));

  it("sends one event per request and declares batches within 2000 events and Mixpanel's byte limit", async () => {
    const { preset } = await load();
    type Batch = { path: readonly string[]; maxItems: number; maxBytes?: number };
    const sends = (preset.meta as { sends?: readonly { origin: string; batch?: Batch }[] }).sends ?? [];
    expect(sends.map((send) => send.origin)).toEqual([
      "https://api-eu.mixpanel.com",
      "https://api-in.mixpanel.com",
      "https://api.mixpanel.com",
    ]);
    for (const { batch } of sends) {
      expect(batch?.path).toEqual([]);
      expect(batch?.maxItems).toBe(MAX_EVENTS);
      expect(batch?.maxBytes).toBeLessThanOrEqual(10_000_000);
    }
    await forAllOutcomes((_event, outcome) => {
      const body = bodyOf(outcome);
      if (body !== undefined) expect(body).toHaveLength(1);
    });
  });

  it("events merged into one request, up to 2000 of them, still match the request schema", async () => {
    const { preset, settings } = await load();
    const validate = requestBodyValidator(preset);
    expect(validate).toBeDefined();
    fc.assert(
      fc.property(fc.array(sendable, { maxLength: 40 }), fc.integer({ min: 1, max: MAX_EVENTS }), (batch, size) => {
        const items = batch.flatMap((event) => bodyOf(preset.transform(event, settings)) ?? []);
        if (items.length === 0) return;
        const merged = Array.from({ length: size }, (_, i) => items[i % items.length]);
        if (validate !== undefined && !validate(merged)) throw new Error(JSON.stringify(validate.errors));
      }),
      { ...propertyParameters(), numRuns: 20 },
    );
  });

  it("posts to /import with strict=1 and the project id, authenticated as the service account", () =>
    forAllOutcomes((_event, outcome) => {
      if (outcome.outcome !== "send") return;
      expect(outcome.request.method).toBe("POST");
      expect(outcome.request.url).toBe(`https://api.mixpanel.com/import?strict=1&project_id=${SETTINGS.project_id}`);
      const basic = Buffer.from(`${SETTINGS.service_account_username}:${SETTINGS.service_account_secret}`).toString(
        "base64",
      );
      expect(outcome.request.headers.Authorization).toBe(`Basic ${basic}`);
    }));
});
