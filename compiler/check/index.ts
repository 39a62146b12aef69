// The semantic checker's facade: checks a parsed .map file in one pass and returns every diagnostic it finds.

import { readFileSync } from "node:fs";
import type { MapFile, PresetDecl, SendStatement } from "../../dsl/ast.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { listOf } from "./types.js";
import { ASSIGNMENT_CHECKS } from "./assignment-checks.js";
import { DEAD_RULE_CHECKS } from "./dead-rule-checks.js";
import { REQUIRED_CHECKS } from "./required-checks.js";
import { bundledSchema } from "./schema-resolve.js";
import { SCHEMA_VALUE_CHECKS } from "./schema-value-checks.js";
import { CALL_CHECKS } from "./call-checks.js";
import { EXPR_CHECKS } from "./expr-checks.js";
import { createFileState, type PresetState } from "./context.js";
import type { PresetLayout } from "./blocks.js";
import { OPERATOR_CHECKS } from "./operator-checks.js";
import { PATH_CHECKS } from "./path-checks.js";
import { PRESET_CHECKS } from "./preset-checks.js";
import { Reporter } from "./report.js";
import { SCOPE_CHECKS } from "./scope-checks.js";
import { SEND_CHECKS } from "./send-checks.js";
import { BATCH_CHECKS } from "./batch-checks.js";
import { SETTING_VALUE_CHECKS } from "./setting-value-checks.js";
import { REQUIRE_WHEN_CHECKS } from "./require-when-checks.js";
import { mergeTables, type CheckTable } from "./table.js";
import { walkFile } from "./walk.js";
import { wellFormedFile } from "./well-formed.js";

export { isFallibleCall, signature } from "./call-checks.js";
export { ROOTS, typeEnvFor, typeOf, type MapType, type TypeEnv } from "./types.js";

export interface CheckOptions {
  /** The .map file's path: a request schema is resolved relative to its folder. */
  readonly filename: string;
  /** Reads a file as UTF-8, or returns undefined when it cannot. Defaults to the file system. */
  readonly readFile?: (absolutePath: string) => string | undefined;
}

/** What code generation needs to know about one preset once it has checked clean. */
export interface CheckedPreset {
  readonly decl: PresetDecl;
  /** The parsed `body matches` schema, when declared and readable. */
  readonly requestSchema?: object;
  /** The schema's absolute path, when declared (even if unreadable). */
  readonly requestSchemaPath?: string;
  /** The first `send` statement. */
  readonly send?: SendStatement;
  /** Event names of the first `on` statement, without repeats, in order. */
  readonly events: string[];
  /** Names of headers (of any send block) whose value reads a secret setting (to be redacted when shown). */
  readonly secretHeaders: string[];
  /** Prelude and send blocks, for code generation. */
  readonly layout: PresetLayout;
  /** Per send block: its parsed schema (when readable) and absolute path (when declared). */
  readonly schemas: readonly { readonly schema?: object; readonly path?: string }[];
  /** The preset calls `now()`. */
  readonly usesClock: boolean;
}

export interface CheckResult {
  readonly diagnostics: Diagnostic[];
  readonly presets: CheckedPreset[];
}

/** Every check, by node kind. */
export const CHECKS: CheckTable = mergeTables(
  PRESET_CHECKS,
  SCOPE_CHECKS,
  PATH_CHECKS,
  CALL_CHECKS,
  OPERATOR_CHECKS,
  SEND_CHECKS,
  ASSIGNMENT_CHECKS,
  SCHEMA_VALUE_CHECKS,
  REQUIRED_CHECKS,
  DEAD_RULE_CHECKS,
  EXPR_CHECKS,
  BATCH_CHECKS,
  SETTING_VALUE_CHECKS,
  REQUIRE_WHEN_CHECKS,
);

/** Checks a file, including partial ASTs from error recovery. Never throws; collects all diagnostics at once. */
export function checkFile(file: MapFile, options: CheckOptions): CheckResult {
  const reporter = new Reporter();
  const checkable = wellFormedFile(file, reporter);
  const fileState = createFileState(checkable, options?.filename ?? "", options?.readFile ?? readFileOrUndefined);
  const presets = walkFile(CHECKS, reporter, fileState).map(checkedPreset);
  return { diagnostics: reporter.diagnostics(), presets };
}

function checkedPreset(state: PresetState): CheckedPreset {
  const events = [
    ...new Set(listOf(state.on?.events).flatMap((event) => (typeof event?.value === "string" ? [event.value] : []))),
  ];
  const schema = state.schema;
  return {
    decl: state.decl,
    ...(schema?.ok ? { requestSchema: bundledSchema(schema.schema) } : {}),
    ...(schema !== undefined ? { requestSchemaPath: schema.path } : {}),
    ...(state.send !== undefined ? { send: state.send } : {}),
    events,
    secretHeaders: [...state.secretHeaders],
    layout: state.layout,
    schemas: state.schemas.map((loaded) => ({
      // Files a schema refers to are embedded, so the runtime body check follows the same references.
      ...(loaded?.ok ? { schema: bundledSchema(loaded.schema) } : {}),
      ...(loaded !== undefined ? { path: loaded.path } : {}),
    })),
    usesClock: state.usesClock,
  };
}

function readFileOrUndefined(absolutePath: string): string | undefined {
  try {
    return readFileSync(absolutePath, "utf8");
  } catch {
    return undefined;
  }
}
