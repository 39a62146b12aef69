// The property suite every preset gets for free: total, well-formed, schema-valid, deterministic, prototype-safe.

import type { ValidateFunction } from "ajv";
import fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { loadPreset } from "../../loader/load-preset.js";
import type { Outcome } from "../../runtime/outcome.js";
import type { Preset } from "../../runtime/preset.js";
import { redactOutcome, secretValues } from "../../runtime/redact.js";
import { ajvForSchema } from "./schema-ajv.js";
import type { Settings } from "../../runtime/values.js";
import { anyEvent } from "./arbitraries.js";
import { expectedMessageId, ownField } from "./normalised-event.js";

export interface PresetPropertyOptions {
  /** Raw settings, as a settings file holds them; they must pass the preset's validateSettings. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** The events to draw; default: every kind of canonical and hostile input (arbitraries.anyEvent). */
  readonly events?: fc.Arbitrary<unknown>;
  /** Body paths (`custom_fields.note`, `tags[0]`) where the preset writes null or "" on purpose. */
  readonly explicitBlankPaths?: readonly string[];
}

/** A preset with validated settings, loaded once per suite. */
export interface LoadedPreset {
  readonly preset: Preset;
  readonly settings: Settings;
}

/**
 * fast-check parameters from the environment, so CI is reproducible and a long hunt is one variable away:
 * FC_SEED (an integer, or "random"; default 42) and FC_RUNS (default 200).
 */
export function propertyParameters(): { seed: number; numRuns: number } {
  const seedText = process.env.FC_SEED ?? "42";
  const seed =
    seedText === "random" ? (Date.now() ^ Math.floor(Math.random() * 2 ** 31)) | 0 : Number.parseInt(seedText, 10);
  const runs = Number.parseInt(process.env.FC_RUNS ?? "200", 10);
  return { seed: Number.isFinite(seed) ? seed : 42, numRuns: Number.isFinite(runs) && runs > 0 ? runs : 200 };
}

/** Loads the preset and validates the settings once; later calls share the same promise. */
export function presetLoader(
  presetPath: string,
  settings: Readonly<Record<string, unknown>>,
): () => Promise<LoadedPreset> {
  let loaded: Promise<LoadedPreset> | undefined;
  return () =>
    (loaded ??= loadPreset(presetPath).then((preset) => {
      const checked = preset.validateSettings(settings);
      if (!checked.ok) throw new Error(`settings rejected: ${checked.problems.join("; ")}`);
      return { preset, settings: checked.settings };
    }));
}

/** One generic property: `make` is called once per run of the property and returns the check for one event. */
export interface GenericProperty {
  readonly name: string;
  readonly make: (loaded: LoadedPreset, options: PresetPropertyOptions) => (event: unknown) => void;
}

export const GENERIC_PROPERTIES: readonly GenericProperty[] = [
  {
    name: "never throws and gives exactly one well-formed outcome that echoes the messageId",
    make:
      ({ preset, settings }) =>
      (event) => {
        const outcome = preset.transform(event, settings);
        expect(outcomeShapeProblems(outcome)).toEqual([]);
        expect(outcome.messageId, messageIdMismatch(event)).toBe(expectedMessageId(event));
      },
  },
  {
    name: "gives no error but invalid_event and missing_required: never invalid_request, internal or invalid_settings",
    make:
      ({ preset, settings }) =>
      (event) => {
        const outcome = preset.transform(event, settings);
        if (outcome.outcome === "error") expect(["invalid_event", "missing_required"]).toContain(outcome.code);
      },
  },
  {
    name: "sends only bodies that match the request schema and hold no null, undefined or empty text",
    make: ({ preset, settings }, options) => {
      const validate = requestBodyValidator(preset);
      const allowedBlanks = new Set(options.explicitBlankPaths ?? []);
      return (event) => {
        const outcome = preset.transform(event, settings);
        if (outcome.outcome !== "send") return;
        if (validate !== undefined && !validate(outcome.request.body)) {
          throw new Error(`body breaks the request schema: ${JSON.stringify(validate.errors)}`);
        }
        expect(blankPaths(outcome.request.body).filter((path) => !allowedBlanks.has(path))).toEqual([]);
      };
    },
  },
  {
    name: "gives the same outcome for the same event, and leaves the event as it was",
    make:
      ({ preset, settings }) =>
      (event) => {
        // JSON text rather than structuredClone: the events are JSON, and cloning overflows the stack sooner.
        const before = JSON.stringify(event);
        const first = preset.transform(event, settings);
        const second = preset.transform(event, settings);
        expect(isDeepStrictEqual(first, second)).toBe(true);
        expect(JSON.stringify(event)).toBe(before);
      },
  },
  {
    name: "lets no input change Object.prototype or Array.prototype",
    make: ({ preset, settings }) => {
      const before = prototypeSnapshot();
      return (event) => {
        preset.transform(event, settings);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(prototypeSnapshot()).toEqual(before);
      };
    },
  },
  {
    name: "never shows a secret setting's value in a printed outcome",
    make:
      ({ preset, settings }) =>
      (event) => {
        const outcome = preset.transform(event, settings);
        // A secret goes only where the preset sends it (header, query, URL, body), never into a message; and what
        // is printed (redacted with the secret values, as run, test and deliver print) never shows it at all.
        const { request: _request, ...messages } = outcome as typeof outcome & { request?: unknown };
        const said = JSON.stringify(messages);
        const printed = JSON.stringify(redactOutcome(outcome, preset.meta, secretValues(preset.meta, settings)));
        for (const spec of preset.meta.settings.filter((s) => s.secret)) {
          const value = settings[spec.name];
          if (typeof value !== "string") continue;
          expect(said).not.toContain(value);
          expect(printed).not.toContain(value);
        }
      },
  },
];

/** Declares the generic property tests for the preset at `presetPath`, one `it` per property. */
export function presetProperties(presetPath: string, options: PresetPropertyOptions): void {
  const load = presetLoader(presetPath, options.settings);
  const events = options.events ?? anyEvent;
  describe(`generic properties of ${presetPath}`, () => {
    for (const property of GENERIC_PROPERTIES) {
      it(property.name, async () => {
        const check = property.make(await load(), options);
        fc.assert(fc.property(events, check), propertyParameters());
      });
    }
  });
}

/** What is wrong with an outcome's shape (CONTRACT section 2); empty when it is one of the three kinds, complete. */
export function outcomeShapeProblems(outcome: Outcome): string[] {
  const problems: string[] = [];
  const text = (value: unknown) => typeof value === "string" && value !== "";
  if (outcome.messageId !== null && typeof outcome.messageId !== "string")
    problems.push("messageId is neither text nor null");
  if (outcome.outcome === "send") {
    const { request, warnings } = outcome;
    if (!text(request?.method) || !text(request?.url)) problems.push("send without a method and url");
    if (!Object.values(request?.headers ?? {}).every((v) => typeof v === "string"))
      problems.push("a header is not text");
    if (!Array.isArray(warnings) || !warnings.every(text)) problems.push("warnings are not a list of texts");
  } else if (outcome.outcome === "drop") {
    if (!text(outcome.reason)) problems.push("drop without a reason");
  } else if (outcome.outcome === "error") {
    if (!text(outcome.code) || !text(outcome.message)) problems.push("error without a code and a message");
  } else {
    problems.push(`unknown outcome ${JSON.stringify((outcome as { outcome?: unknown }).outcome)}`);
  }
  return problems;
}

/** The failure message when an outcome does not echo the messageId as the normaliser reads it. */
function messageIdMismatch(event: unknown): string {
  const id = JSON.stringify(ownField(event, "messageId")) ?? "absent";
  return `the outcome must echo messageId ${id} as the normaliser reads it (text as it is, a number as its text, else null)`;
}

/** An ajv validator for the preset's request schema, compiled here rather than borrowed from the runtime under test. */
export function requestBodyValidator(preset: Preset): ValidateFunction | undefined {
  const schema = preset.meta.requestSchema as { $schema?: string } | undefined;
  if (schema === undefined) return undefined;
  return ajvForSchema(schema);
}

/** Paths of every null, undefined or "" inside a value, e.g. `custom_fields.utm_source` or `tags[0]`. */
export function blankPaths(value: unknown, path = ""): string[] {
  if (value === null || value === undefined || value === "") return [path === "" ? "(the body)" : path];
  if (Array.isArray(value)) return value.flatMap((item, i) => blankPaths(item, `${path}[${i}]`));
  if (typeof value !== "object") return [];
  return Object.keys(value).flatMap((key) =>
    blankPaths((value as Record<string, unknown>)[key], path === "" ? key : `${path}.${key}`),
  );
}

/** Own keys of the built-in prototypes with their values, compared by identity. */
export function prototypeSnapshot(): [string, unknown][] {
  const snapshot: [string, unknown][] = [];
  for (const [name, proto] of [
    ["Object", Object.prototype],
    ["Array", Array.prototype],
  ] as const) {
    for (const key of Reflect.ownKeys(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      snapshot.push([`${name}.${String(key)}`, descriptor?.value ?? descriptor?.get]);
    }
  }
  return snapshot;
}
