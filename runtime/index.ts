// The runtime entry: what generated preset modules receive (`runtime`), and the API around running them.

import { field, item, own, present, trait } from "./access.js";
import { child, orElse, put, putIn, text } from "./body.js";
import { equals, holds, list, plus } from "./operators.js";
import { div, greater, greaterOrEqual, less, lessOrEqual, mul, sub } from "./operators.js";
import { each, obj, pick } from "./compound.js";
import { choose, record, whenPresent } from "./compound.js";
import { isIn } from "./operators.js";
import { STDLIB_FUNCTIONS } from "./stdlib/index.js";
import { mergeTwo } from "./stdlib/objects.js";
import { firstPresent } from "./stdlib/presence.js";
import { Failure, isFailure } from "./values.js";
import { clockText, keyText, segment, withQuery } from "./request-parts.js";
import { perSettings } from "./per-settings.js";
import { pointerKey, schemaFormat, schemaLength, schemaObject, schemaPattern } from "./body-check.js";

/**
 * Everything generated code calls, passed in as `definePreset(rt)` rather than imported, so a module compiled in
 * memory needs no resolvable import path. `fn` holds every standard-library function by its .map name.
 */
export const runtime = Object.freeze({
  fn: STDLIB_FUNCTIONS,
  field,
  own,
  trait,
  item,
  present,
  plus,
  equals,
  holds,
  list,
  isFailure,
  Failure,
  put,
  putIn,
  child,
  text,
  orElse,
  // language v2 expressions
  sub,
  mul,
  div,
  less,
  lessOrEqual,
  greater,
  greaterOrEqual,
  obj,
  each,
  pick,
  whenPresent,
  record,
  choose,
  keyText,
  clockText,
  segment,
  withQuery,
  perSettings,
  isIn,
  firstPresent,
  mergeTwo,
  // generated body checks
  schemaLength,
  schemaPattern,
  schemaFormat,
  schemaObject,
  pointerKey,
});

export type Runtime = typeof runtime;

export type { HttpRequest, Outcome, SendOutcome, DropOutcome, ErrorOutcome, ErrorCode } from "./outcome.js";
export type { BuildResult, PresetModule, SettingSpec, SettingType } from "./preset-module.js";
export type { Clock, RateLimit, SendMethod, SendSpec } from "./preset-module.js";
export type { Prepared, TransformOptions } from "./preset.js";
export type { NormalizedEvent, Settings } from "./values.js";
export type { FunctionSpec } from "./stdlib/spec.js";
export type { Preset, PresetMeta } from "./preset.js";
export type { SettingsResult, Environment } from "./settings.js";
export type { NormalizeResult } from "./event/normalize.js";
export { Failure, isFailure } from "./values.js";
export { createPreset } from "./preset.js";
export { outcomeJsonWriter, redactedOutcomeJson, redactOutcome, redactText, redactHeaderValue } from "./redact.js";
export { secretValues } from "./redact.js";
export { normalizeEvent } from "./event/normalize.js";
export { validateEvent } from "./event/validate.js";
export { validateSettings, settingEnvName } from "./settings.js";
export { STDLIB, STDLIB_BY_NAME } from "./stdlib/index.js";
