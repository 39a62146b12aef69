// POST /api/run: compiles the posted source in memory (schema from the request, never from disk), transforms the
// event and answers with the redacted outcome. Compiled presets are kept for recent sources so typing stays quick.

import { createHash } from "node:crypto";
import { loadPresetSource, PresetChoiceError, PresetCompileError } from "../loader/load-preset.js";
import type { Preset } from "../runtime/preset.js";
import { redactOutcome, secretValues } from "../runtime/redact.js";
import { FOLDER, mapPath, memoryReader } from "../web/playground/files.js";

export interface RunRequest {
  readonly mapName: string;
  readonly source: string;
  readonly schemaName: string;
  readonly schema: string;
  readonly event: unknown;
  readonly settings: unknown;
}

export interface RunAnswer {
  readonly status: number;
  readonly body: { readonly outcome?: unknown; readonly problem?: string };
}

const KEPT = 16;
const compiled = new Map<string, Promise<Preset>>();

/** A plain file name: no folder, no "..", so the virtual folder is the only place the compiler can read. */
const plainName = (name: unknown): name is string =>
  typeof name === "string" && /^[A-Za-z0-9._-]{1,100}$/.test(name) && !name.startsWith(".");

/** Checks the request's shape; the answer to a malformed one says what is wrong. */
export function parseRunRequest(body: unknown): RunRequest | string {
  if (body === null || typeof body !== "object") return "the request body must be a JSON object";
  const r = body as Record<string, unknown>;
  if (typeof r.source !== "string") return "source must be text";
  if (typeof r.schema !== "string") return "schema must be text";
  if (!plainName(r.mapName) || !plainName(r.schemaName)) return "mapName and schemaName must be plain file names";
  return r as unknown as RunRequest;
}

/** The preset for this source and schema, compiled once while it stays among the recent ones. */
function presetFor(request: RunRequest): Promise<Preset> {
  const key = createHash("sha256")
    .update(JSON.stringify([request.mapName, request.source, request.schemaName, request.schema]))
    .digest("hex");
  const known = compiled.get(key);
  if (known !== undefined) {
    compiled.delete(key);
    compiled.set(key, known);
    return known;
  }
  const readFile = memoryReader({ [`${FOLDER}/${request.schemaName}`]: request.schema });
  const loading = loadPresetSource(request.source, mapPath(request.mapName), { readFile });
  compiled.set(key, loading);
  loading.catch(() => compiled.delete(key));
  if (compiled.size > KEPT) compiled.delete(compiled.keys().next().value as string);
  return loading;
}

/** Never throws: a source that does not compile or a bad request is an answer with a problem. */
export async function runInMemory(request: RunRequest): Promise<RunAnswer> {
  try {
    const preset = await presetFor(request);
    const outcome = preset.transform(request.event, request.settings as never);
    const redacted = redactOutcome(outcome, preset.meta, secretValues(preset.meta, request.settings));
    return { status: 200, body: { outcome: redacted } };
  } catch (error) {
    if (error instanceof PresetCompileError) return { status: 200, body: { problem: "the source does not compile" } };
    if (error instanceof PresetChoiceError) return { status: 200, body: { problem: error.message } };
    return { status: 500, body: { problem: `internal error: ${(error as Error).message}` } };
  }
}
