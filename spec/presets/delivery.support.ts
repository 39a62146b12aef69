// The shipped integrations as the end-to-end delivery tests, the CLI tests and the demo see them: preset, samples,
// demo settings with fake credentials, and a mixed stream generated from the samples.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../loader/paths.js";

export interface Shipped {
  readonly name: string;
  readonly map: string;
  readonly samples: string;
  /** Settings with the emulator's demo credential; the secret values are listed in `secrets`. */
  readonly settings: (credential: string) => Record<string, string>;
  /** What a result line or record must never show, given the credential. */
  readonly secrets: (credential: string) => string[];
  /** The item field the destination deduplicates on, when it has one. */
  readonly dedupKey?: string;
}

const basic = (user: string, secret: string) => Buffer.from(`${user}:${secret}`).toString("base64");

export const SHIPPED: readonly Shipped[] = [
  {
    name: "meta",
    map: "conversions.map",
    samples: "demo-events.jsonl",
    settings: (token) => ({ pixel_id: "1234567890", access_token: token }),
    secrets: (token) => [token],
    dedupKey: "event_id",
  },
  {
    name: "ga4",
    map: "events.map",
    samples: "demo-events.jsonl",
    settings: (secret) => ({ measurement_id: "G-DEMO123", api_secret: secret }),
    secrets: (secret) => [secret],
  },
  {
    name: "hubspot",
    map: "contacts.map",
    samples: "demo-leads.jsonl",
    settings: (token) => ({ access_token: token }),
    secrets: (token) => [token],
  },
  {
    name: "mixpanel",
    map: "import.map",
    samples: "demo-events.jsonl",
    // The emulator accepts "user:secret" as a service account when its credential is written so.
    settings: (credential) => ({
      project_id: "4242",
      service_account_username: credential.split(":")[0]!,
      service_account_secret: credential.split(":")[1]!,
    }),
    secrets: (credential) => [credential.split(":")[1]!, basic(credential.split(":")[0]!, credential.split(":")[1]!)],
    dedupKey: "$insert_id",
  },
];

export const presetPath = (s: Shipped): string => join(packageRoot, "presets", s.name, s.map);
export const samplesPath = (s: Shipped): string => join(packageRoot, "presets", s.name, "samples", s.samples);

export function sampleEvents(s: Shipped): Record<string, unknown>[] {
  return readFileSync(samplesPath(s), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * The samples, then `people` copies of every sample line per person (so each person has several events, some sent,
 * some dropped, some refused), interleaved across people. Identity fields present in a sample are made the person's.
 */
export function mixedStream(s: Shipped, people: number): Record<string, unknown>[] {
  const samples = sampleEvents(s);
  const out: Record<string, unknown>[] = [...samples];
  samples.forEach((sample, k) => {
    for (let p = 0; p < people; p++) out.push(personalise(sample, p, k));
  });
  return out;
}

function personalise(sample: Record<string, unknown>, p: number, k: number): Record<string, unknown> {
  const event = structuredClone(sample);
  event["messageId"] = `gen-${p}-${k}`;
  if (typeof event["userId"] === "string") event["userId"] = `user-${p}`;
  if (typeof event["anonymousId"] === "string") event["anonymousId"] = `${1000 + p}.${1764495000 + p}`;
  const traits = event["traits"] as Record<string, unknown> | undefined;
  if (typeof traits?.["email"] === "string") traits["email"] = `person${p}@example.com`;
  if (typeof event["timestamp"] === "string") {
    const time = Date.parse(event["timestamp"]);
    if (!Number.isNaN(time)) event["timestamp"] = new Date(time + (p * 100 + k + 1) * 1000).toISOString();
  }
  return event;
}

/** The items of a request body at the batch path (the body itself when it is not batched). */
export function itemsAt(body: unknown, path: readonly string[] | undefined): unknown[] {
  if (path === undefined) return [body];
  let value = body;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(value) ? value : [];
}
