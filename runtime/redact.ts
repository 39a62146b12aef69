// Hides secrets wherever an outcome or a message is shown: secret headers keep only their scheme word.

import type { Outcome } from "./outcome.js";
import type { PresetModule } from "./preset-module.js";
import { cutOffStart, hideCutOffStarts, writtenForms } from "./redact-forms.js";

export const REDACTED = "[redacted]";

// An auth scheme is a short word of letters (Bearer, Basic, Token, Klaviyo-API-Key). Anything else before a space may
// be part of the secret itself, so it is hidden too.
const SCHEME = /^([A-Za-z][A-Za-z-]{0,31}) +\S/;

/** "Bearer abc" → "Bearer [redacted]"; a value with no scheme word → "[redacted]". */
export function redactHeaderValue(value: string): string {
  const scheme = SCHEME.exec(value);
  return scheme === null ? REDACTED : `${scheme[1]} ${REDACTED}`;
}

/**
 * A copy of the outcome whose secret headers (named by the module, in any case) are redacted. Given the secret
 * settings' values (see `secretValues`), every occurrence of them is hidden too, wherever it is: the URL (raw or
 * percent-encoded, in the path or the query), every header, every string of the body, warnings, reasons, messages.
 */
export function redactOutcome(
  outcome: Outcome,
  module: Pick<PresetModule, "secretHeaders">,
  secrets: readonly string[] = [],
): Outcome {
  const hide = secrets.length === 0 ? unchanged : textRedactor(secrets).hide;
  if (outcome.outcome === "drop") return { ...outcome, reason: hide(outcome.reason) };
  if (outcome.outcome === "error") return { ...outcome, message: hide(outcome.message) };
  const headers = redactHeaders(outcome.request.headers, module, hide);
  const request = { ...outcome.request, url: hide(outcome.request.url), headers };
  if (secrets.length > 0 && "body" in outcome.request) request.body = hideInValue(outcome.request.body, hide);
  return { ...outcome, request, warnings: outcome.warnings.map(hide) };
}

/**
 * `JSON.stringify(redactOutcome(…))`, for a stream of outcomes. Most outcomes hold no secret once their secret headers
 * are redacted, so the outcome is serialised with only those redacted and the text is searched once for every form
 * of every secret; only a text that may hold one is redacted string by string. A secret one of whose forms JSON
 * writes escaped (a quote, a backslash, a control character) or whose start is not ASCII is always redacted string by
 * string: its form would not appear in the text as searched. spec/runtime/redact-json.test.ts holds the two equal.
 */
export function redactedOutcomeJson(
  outcome: Outcome,
  module: Pick<PresetModule, "secretHeaders">,
  secrets: readonly string[] = [],
): string {
  return outcomeJsonWriter(module, secrets)(outcome);
}

/** redactedOutcomeJson with the secrets' search prepared once, for a stream that prints many outcomes. */
export function outcomeJsonWriter(
  module: Pick<PresetModule, "secretHeaders">,
  secrets: readonly string[] = [],
): (outcome: Outcome) => string {
  const search = secrets.length === 0 ? undefined : textRedactor(secrets).search;
  const redacted = (outcome: Outcome) => JSON.stringify(redactOutcome(outcome, module, secrets));
  if (search === null) return redacted;
  return (outcome) => {
    const text =
      outcome.outcome === "send"
        ? JSON.stringify({
            ...outcome,
            request: { ...outcome.request, headers: redactHeaders(outcome.request.headers, module, unchanged) },
          })
        : JSON.stringify(outcome);
    return search?.(text) === true ? redacted(outcome) : text;
  };
}

function redactHeaders(
  headers: Readonly<Record<string, string>>,
  module: Pick<PresetModule, "secretHeaders">,
  hide: (text: string) => string,
): Record<string, string> {
  const secret = secretHeaderSet(module.secretHeaders);
  const shown: Record<string, string> = {};
  for (const name in headers) {
    if (!Object.prototype.hasOwnProperty.call(headers, name)) continue;
    const value = headers[name]!;
    const text = secret.has(name.toLowerCase()) ? redactHeaderValue(value) : hide(value);
    // A header named __proto__ stays an own key, as Object.fromEntries would keep it.
    if (name === "__proto__") {
      Object.defineProperty(shown, name, { value: text, enumerable: true, writable: true, configurable: true });
    } else {
      shown[name] = text;
    }
  }
  return shown;
}

/** The module's secret header names in lower case, made once per module rather than once per outcome. */
function secretHeaderSet(names: readonly string[]): ReadonlySet<string> {
  let set = SECRET_HEADERS.get(names);
  if (set === undefined) SECRET_HEADERS.set(names, (set = new Set(names.map((name) => name.toLowerCase()))));
  return set;
}

const SECRET_HEADERS = new WeakMap<readonly string[], ReadonlySet<string>>();

const unchanged = (text: string): string => text;

/** The values of the module's secret settings in these settings: what redactOutcome and redactText hide. */
export function secretValues(module: Pick<PresetModule, "settings">, settings: unknown): string[] {
  if (settings === null || typeof settings !== "object") return [];
  const record = settings as Record<string, unknown>;
  return module.settings
    .filter((spec) => spec.secret && Object.prototype.hasOwnProperty.call(record, spec.name))
    .map((spec) => record[spec.name])
    .filter((value): value is string => typeof value === "string");
}

/**
 * The JSON value with `hide` applied to every string in it (object keys come from the .map file). A part in which
 * nothing was hidden is returned as it is, so a body without secrets is not copied.
 */
function hideInValue(value: unknown, hide: (text: string) => string): unknown {
  if (typeof value === "string") return hide(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => hideInValue(item, hide));
    return items.every((item, index) => item === value[index]) ? value : items;
  }
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  const hidden = entries.map(([, item]) => hideInValue(item, hide));
  if (hidden.every((item, index) => item === entries[index]![1])) return value;
  const copy: Record<string, unknown> = {};
  entries.forEach(([key], index) =>
    Object.defineProperty(copy, key, { value: hidden[index], enumerable: true, writable: true, configurable: true }),
  );
  return copy;
}

/**
 * Replaces every occurrence of each secret in the text. Secrets shorter than 4 characters are left alone: replacing
 * "a" or "1" everywhere would wreck the text and reveal more than it hides. Longer secrets go first, so a secret that
 * contains another is hidden whole.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  return textRedactor(secrets).hide(text);
}

/**
 * The redaction of one list of secrets, prepared once: the written forms and their patterns are the same for every
 * text, and building them per text cost more than the mapping itself (bench part run-io). A text in which no form
 * occurs, the usual case, costs one upper-casing and a substring search per form. `search` tells whether a JSON text
 * may hold a form or a cut-off start (null when a form or start cannot be searched for in JSON text).
 */
interface Redactor {
  readonly hide: (text: string) => string;
  readonly search: ((json: string) => boolean) | null;
}

function textRedactor(secrets: readonly string[]): Redactor {
  const key = secrets.join("\u0000");
  const known = REDACTORS.get(key);
  if (known !== undefined) return known;
  const hidden = secrets.filter((secret) => typeof secret === "string" && secret.length >= 4);
  const forms = [...new Set(hidden.flatMap(writtenForms))]
    .sort((a, b) => b.length - a.length)
    .map((form) => ({ upper: form.toUpperCase(), pattern: anyCase(form) }));
  const hide = (text: string): string => {
    let result = text;
    // Upper-casing, as a case-insensitive RegExp compares characters: a text the pattern matches always contains the
    // upper-cased form, so skipping on a miss never skips a match.
    let upper = text.toUpperCase();
    for (const form of forms) {
      if (!upper.includes(form.upper)) continue;
      result = result.replace(form.pattern, REDACTED);
      upper = result.toUpperCase();
    }
    return hidden.reduce((sofar, secret) => hideCutOffStarts(sofar, secret, REDACTED), result);
  };
  const written = [...new Set(hidden.flatMap(writtenForms))];
  const redactor = { hide, search: jsonSearch(written, hidden.flatMap(cutOffStart)) };
  // A process sees a handful of secret lists (one per integration); the bound only stops a caller that varies them.
  if (REDACTORS.size >= 64) REDACTORS.clear();
  REDACTORS.set(key, redactor);
  return redactor;
}

const REDACTORS = new Map<string, Redactor>();

/**
 * Whether a JSON text may hold one of the forms (matched as their case-insensitive patterns match) or starts (matched
 * lower-cased). It finds every one a string of the text holds when none of them has a character JSON escapes (then a
 * string's occurrence is in the text verbatim) and every start is ASCII; else it is null. One case-insensitive
 * pattern of them all does it in a pass: an ASCII start lower-cases out of ASCII letters alone, or out of the Kelvin
 * sign or a dotted capital I, which send the text the slow way.
 */
function jsonSearch(forms: readonly string[], starts: readonly string[]): ((json: string) => boolean) | null {
  const verbatim = (text: string) => JSON.stringify(text) === `"${text}"`;
  if (!forms.every(verbatim) || !starts.every((start) => verbatim(start) && /^[\x20-\x7e]*$/.test(start))) return null;
  if (forms.length === 0 && starts.length === 0) return () => false;
  const any = new RegExp([...forms, ...starts].map(escapePattern).join("|"), "i");
  return (json) => (starts.length > 0 && (json.includes("\u212a") || json.includes("\u0130"))) || any.test(json);
}

function anyCase(form: string): RegExp {
  return new RegExp(escapePattern(form), "gi");
}

function escapePattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
