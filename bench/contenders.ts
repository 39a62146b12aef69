// The implementations the throughput benchmark compares, each loaded the way its users would run it.

import type { Outcome } from "../runtime/outcome.js";
import type { BenchSettings } from "./peers/envelope.js";
import { transformLeadCaptureByHand } from "./peers/hand-written.js";
import { transformMetaByHand, type MetaSettings } from "./peers/meta-hand-written.js";
import { createHandWrittenPreset } from "./peers/hand-written-module.js";
import { createJsonataTransform } from "./peers/jsonata-peer.js";
import { createRudderstackTransform } from "./peers/rudderstack-peer.js";
import { createSegmentTransform } from "./peers/segment-peer.js";
import { DIST_INDEX, importBuilt, META_PRESET, SALESLOFT_PRESET } from "./paths.js";

export type TransformFn = (event: unknown, settings: BenchSettings) => Outcome | Promise<Outcome>;

/** The settings the Salesloft contenders are timed with. */
export const SALESLOFT_BENCH_SETTINGS: BenchSettings = { api_key: "bench-key-not-secret", default_phone_region: "US" };

/** Meta's, passed through the same settings slot: each contender reads its own integration's settings. */
export const META_BENCH_SETTINGS = {
  pixel_id: "1234567890",
  access_token: "bench-token-not-secret",
  default_phone_region: "US",
} as unknown as BenchSettings;

export interface Contender {
  readonly name: string;
  /** Exactly what one timed call includes, for the results table. */
  readonly includes: string;
  readonly load: () => Promise<TransformFn>;
}

const ENVELOPE = "structure check and routing in plain TS (shared with the other peers), request envelope";

export const HAND_WRITTEN: Contender = {
  name: "hand-written",
  includes: `the floor: direct TS of CONTRACT section 3; ${ENVELOPE}; no request-schema validation`,
  load: async () => transformLeadCaptureByHand,
};

export const HAND_WRITTEN_IN_HARNESS: Contender = {
  name: "hand-written in harness",
  includes:
    "the hand-written build as a PresetModule inside createPreset: the same validation, normalisation and request-schema check as the compiled preset",
  load: async () => {
    const preset = createHandWrittenPreset();
    return (event, settings) => preset.transform(event, settings);
  },
};

export const COMPILED_PRESET: Contender = {
  name: "compiled preset",
  includes:
    "loadPreset(lead-capture.map).transform: event validation and normalisation in one pass (every broken field named), traits read where the preset reads them, generated build, generated request-schema check (ajv for a body it refuses)",
  load: () => loadCompiledPreset(SALESLOFT_PRESET),
};

export const PEERS: readonly Contender[] = [
  {
    name: "JSONata 2",
    includes: `one expression per body, $e164/$localeRegion registered; async evaluate per event; ${ENVELOPE}`,
    load: async () => createJsonataTransform(),
  },
  {
    name: "Segment mapping-kit",
    includes: `transform(mapping, event) per subscription (validates the mapping each call, as actions-core does), then a hand-written perform; ${ENVELOPE}`,
    load: async () => createSegmentTransform(),
  },
  {
    name: "RudderStack template",
    includes: `createAsSync template with simple paths, bindings for e164/region/trim, removeUndefinedValues after; ${ENVELOPE}`,
    load: async () => createRudderstackTransform(),
  },
];

/** The compiled preset through the package entry, as the pipeline, the tests and the CLI run it. */
async function loadCompiledPreset(path: string): Promise<TransformFn> {
  const entry = await importBuilt(DIST_INDEX);
  if (typeof entry.loadPreset !== "function") throw new Error(`${DIST_INDEX} does not export loadPreset yet`);
  const preset = (await entry.loadPreset(path)) as { transform: TransformFn };
  return (event, settings) => preset.transform(event, settings);
}

/** Every contender by name, the floor first. */
export function allContenders(): readonly Contender[] {
  return [HAND_WRITTEN, HAND_WRITTEN_IN_HARNESS, COMPILED_PRESET, ...PEERS];
}

/** Meta's floor: presets/meta/conversions.map written by hand, hashing with the same functions. */
export const META_HAND_WRITTEN: Contender = {
  name: "Meta hand-written",
  includes: `the floor: the Meta preset's lead and signup mapping in direct TS with the same hashing and normalising functions; ${ENVELOPE}; no request-schema validation`,
  // The suite passes Meta's settings; TransformFn is typed for the Salesloft suite's.
  load: async () => (event, settings) => transformMetaByHand(event, settings as unknown as MetaSettings),
};

export const META_COMPILED: Contender = {
  name: "Meta compiled preset",
  includes:
    "loadPreset(meta/conversions.map).transform: event validation and normalisation in one pass (every broken field named), traits read where the preset reads them, generated build, generated request-schema check (ajv for a body it refuses)",
  load: () => loadCompiledPreset(META_PRESET),
};

/** Meta's contenders, the floor first. */
export function metaContenders(): readonly Contender[] {
  return [META_HAND_WRITTEN, META_COMPILED];
}

export function contenderByName(name: string): Contender | undefined {
  return [...allContenders(), ...metaContenders()].find((contender) => contender.name === name);
}
