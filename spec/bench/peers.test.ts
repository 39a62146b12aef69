// The benchmark's events and peer implementations: the generator is deterministic and covers the mix, and every
// peer maps the seed's worked example exactly and agrees with the hand-written floor on generated events.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { checkEquivalence, describeDifference } from "../../bench/equivalence.js";
import { EVENT_MIXES, generateEventList, writeEventsJsonl } from "../../bench/events/generate.js";
import { transformLeadCaptureByHand } from "../../bench/peers/hand-written.js";
import { createHandWrittenPreset } from "../../bench/peers/hand-written-module.js";
import { createJsonataTransform } from "../../bench/peers/jsonata-peer.js";
import { createRudderstackTransform } from "../../bench/peers/rudderstack-peer.js";
import { createSegmentTransform } from "../../bench/peers/segment-peer.js";
import type { Outcome } from "../../runtime/outcome.js";
import type { BenchSettings } from "../../bench/peers/envelope.js";
import { SEED_BODY } from "../support/seed.js";

const settings: BenchSettings = { api_key: "test-key", default_phone_region: "US" };

const seedExample = {
  type: "track",
  event: "Lead Generated",
  messageId: "m1",
  properties: { lead_source: "Website Contact Form" },
  context: {
    locale: "en-GB",
    campaign: { source: "google", medium: "cpc", name: "brand" },
    consent: { marketing: "granted" },
    traits: {
      first_name: "Jane",
      last_name: "Doe",
      email: "Jane.Doe@Example.com ",
      phone: "07700 900123",
      title: "Head of Marketing",
      company: "Example Ltd",
    },
  },
};

function wrap(preset: { transform(event: unknown, settings: BenchSettings): Outcome }) {
  return (event: unknown, given: BenchSettings) => preset.transform(event, given);
}

const peers = [
  { name: "hand-written", transform: transformLeadCaptureByHand },
  { name: "hand-written in harness", transform: wrap(createHandWrittenPreset()) },
  { name: "JSONata 2", transform: createJsonataTransform() },
  { name: "Segment mapping-kit", transform: createSegmentTransform() },
  { name: "RudderStack template", transform: createRudderstackTransform() },
];

// The preset's golden fixtures, worked out by hand from the contract, are the oracle for the peers too.
const fixtureFolder = join(import.meta.dirname, "../../presets/salesloft/tests");
const fixtures = readdirSync(fixtureFolder)
  .filter((name) => name.endsWith(".json"))
  .map((name) => ({
    name,
    ...(JSON.parse(readFileSync(join(fixtureFolder, name), "utf8")) as {
      settings: BenchSettings;
      event: unknown;
      expect: Outcome;
    }),
  }));

function kindOf(outcome: Outcome): string {
  if (outcome.outcome === "error") return `error:${outcome.code}`;
  if (outcome.outcome === "send" && outcome.warnings.length > 0) return "send:warning";
  return outcome.outcome;
}

describe("benchmark peers", () => {
  it.each(peers)("$name maps the seed's worked example to the seed's body", async ({ transform }) => {
    const outcome = await transform(seedExample, settings);
    expect(outcome.outcome).toBe("send");
    if (outcome.outcome !== "send") return;
    expect(JSON.parse(JSON.stringify(outcome.request.body))).toEqual(SEED_BODY);
    expect(outcome.request.url).toBe("https://api.salesloft.com/v2/person_upserts");
    expect(outcome.request.headers.Authorization).toBe("Bearer test-key");
    expect(outcome.warnings).toEqual([]);
  });

  it.each(peers)("$name gives the outcome of every golden fixture of the Salesloft preset", async ({ transform }) => {
    expect(fixtures.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const fixture of fixtures) {
      const detail = describeDifference(fixture.expect, await transform(fixture.event, fixture.settings));
      if (detail !== undefined) failures.push(`${fixture.name}: ${detail}`);
    }
    expect(failures).toEqual([]);
  });

  it.each(EVENT_MIXES)("every peer agrees with the hand-written floor on 3,000 events of the %s mix", async (mix) => {
    const events = generateEventList(3_000, { mix, seed: 7 });
    const report = await checkEquivalence(events, transformLeadCaptureByHand, peers.slice(1), settings);
    expect(report.differences).toEqual([]);
  });

  it("reports where a peer that gets the body wrong differs, naming the event", async () => {
    const keepsCapitals = (event: unknown, given: BenchSettings): Outcome => {
      const outcome = transformLeadCaptureByHand(event, given);
      if (outcome.outcome !== "send") return outcome;
      const body = { ...(outcome.request.body as object), email_address: "Jane.Doe@Example.com" };
      return { ...outcome, request: { ...outcome.request, body } };
    };
    const report = await checkEquivalence(
      [seedExample],
      transformLeadCaptureByHand,
      [{ name: "sloppy", transform: keepsCapitals }],
      settings,
    );
    expect(report.differences).toHaveLength(1);
    expect(report.differences[0]).toMatchObject({ contender: "sloppy", index: 0, messageId: "m1" });
    expect(report.differences[0]!.detail).toContain("Jane.Doe@Example.com");
  });

  it("the phones mix exercises every outcome the preset can give", () => {
    const kinds = new Set(
      generateEventList(3_000, { mix: "phones" }).map((event) => kindOf(transformLeadCaptureByHand(event, settings))),
    );
    expect([...kinds].sort()).toEqual([
      "drop",
      "error:invalid_event",
      "error:missing_required",
      "send",
      "send:warning",
    ]);
  });
});

describe("benchmark event generator", () => {
  it("gives the same events for the same seed and different ones for another seed", () => {
    expect(generateEventList(200, { mix: "phones", seed: 3 })).toEqual(
      generateEventList(200, { mix: "phones", seed: 3 }),
    );
    expect(generateEventList(200, { mix: "phones", seed: 4 })).not.toEqual(
      generateEventList(200, { mix: "phones", seed: 3 }),
    );
  });

  it("puts no phone anywhere in the no-phones mix, and phones in the other", () => {
    const hasPhone = (event: unknown) => /"phone"/.test(JSON.stringify(event));
    expect(generateEventList(2_000, { mix: "no-phones" }).filter(hasPhone)).toEqual([]);
    expect(generateEventList(2_000, { mix: "phones" }).filter(hasPhone).length).toBeGreaterThan(500);
  });

  it("streams the same events as JSON lines", async () => {
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
    await writeEventsJsonl(1_500, { mix: "phones" }, output);
    const lines = chunks
      .join("")
      .split("\n")
      .filter((line) => line !== "");
    expect(lines.map((line) => JSON.parse(line))).toEqual(generateEventList(1_500, { mix: "phones" }));
  });
});
