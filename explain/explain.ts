// explainEvent: one event through one preset — the compiled transform's outcome, and from explain's own evaluation
// of the checked rules, each body field with its rule and the values on its way, and each rule that set nothing.

import { readFileSync } from "node:fs";
import { check } from "../compiler/index.js";
import type { PresetLayout } from "../compiler/check/blocks.js";
import { loadPreset, loadPresetSource } from "../loader/load-preset.js";
import { normalizeEvent } from "../runtime/event/normalize.js";
import type { Outcome } from "../runtime/outcome.js";
import { redactOutcome, redactText, secretValues } from "../runtime/redact.js";
import { routerFor } from "../runtime/routing.js";
import type { Settings } from "../runtime/values.js";
import type { Preset } from "../runtime/preset.js";
import type { Step } from "./evaluate.js";
import { walkRules, type FieldTrace, type SkippedRule } from "./run-rules.js";

/** The shape `explain --json` prints and the Event Debugger reads (docs/tools.md). */
export interface Explanation {
  /** The compiled transform's outcome, redacted as every printed outcome is. */
  readonly outcome: Outcome;
  readonly fields: readonly FieldTrace[];
  readonly skipped: readonly SkippedRule[];
  readonly warnings: readonly string[];
  /** explain's own body: equal to the outcome's body for a send (tested on every shipped fixture). */
  readonly body?: unknown;
}

export interface ExplainOptions {
  /** The preset, when the file holds several. */
  readonly preset?: string;
  /** Where a `body matches` path is resolved from when `source` is text (default: the working folder). */
  readonly filename?: string;
  /** The clock `now()` reads. */
  readonly now?: () => Date;
}

export type { Step, FieldTrace, SkippedRule };

/** `source` is .map text, or the path of a .map file (one line ending in .map). Throws when the preset does not compile. */
export async function explainEvent(
  source: string,
  event: unknown,
  settings: Settings,
  options: ExplainOptions = {},
): Promise<Explanation> {
  const isPath = !/[\r\n]/.test(source) && source.trim().endsWith(".map");
  const filename = isPath ? source.trim() : (options.filename ?? "explained.map");
  const text = isPath ? readFileSync(filename, "utf8") : source;
  const load = { ...(options.preset ? { preset: options.preset } : {}) };
  const preset = await cachedPreset(isPath, text, filename, load);
  const now = options.now ?? (() => new Date());
  const outcome = preset.transform(event, settings, { now });
  const secrets = secretValues(preset.meta, settings);
  const redacted = redactOutcome(outcome, preset.meta, secrets);
  const valid = preset.validateSettings(settings);
  const none = { fields: [], skipped: [], warnings: [] };
  const walked = valid.ok ? traceRules(text, filename, preset.meta, event, valid.settings, options.preset, now) : none;
  const report = { outcome: redacted, ...walked };
  // Any secret that reached a traced value is hidden as it is in the outcome.
  // An absent value is a step or field without "value" (JSON has no undefined).
  return JSON.parse(redactText(JSON.stringify(report), secrets)) as Explanation;
}

// The debugger explains many events of one preset: its compiled transform is kept, by file, preset and text.
const LOADED = new Map<string, Promise<Preset>>();

function cachedPreset(isPath: boolean, text: string, filename: string, load: { preset?: string }): Promise<Preset> {
  const key = JSON.stringify([isPath, filename, load.preset ?? null, text]);
  let loaded = LOADED.get(key);
  if (loaded === undefined) {
    if (LOADED.size >= 16) LOADED.delete(LOADED.keys().next().value!);
    loaded = isPath ? loadPreset(filename, load) : loadPresetSource(text, filename, load);
    loaded.catch(() => LOADED.delete(key));
    LOADED.set(key, loaded);
  }
  return loaded;
}

type Meta = Parameters<typeof routerFor>[0];

function traceRules(
  text: string,
  filename: string,
  meta: Meta,
  input: unknown,
  settings: Settings,
  presetName: string | undefined,
  now: () => Date,
): Omit<Explanation, "outcome"> {
  const none = { fields: [], skipped: [], warnings: [] };
  const normalized = normalizeEvent(input);
  if (!normalized.ok || !routerFor(meta)(normalized.event)) return none;
  const checked = check(text, { filename });
  const preset =
    checked.presets.find((p) => p.decl.name.text === presetName) ??
    (checked.presets.length === 1 ? checked.presets[0] : undefined);
  if (preset === undefined) return none;
  const layout: PresetLayout = preset.layout;
  const scope = {
    source: text,
    event: normalized.event,
    settings,
    clock: { now },
    warnings: [],
    locals: new Map(),
    steps: [],
    traceFrom: 0,
  };
  const walk = walkRules(layout, scope);
  const body = walk.stop === undefined ? { body: walk.body } : {};
  return { fields: walk.fields, skipped: walk.skipped, warnings: walk.warnings, ...body };
}
