// Hides secrets wherever an outcome or a message is shown: secret headers keep only their scheme word.

import type { Outcome } from "./outcome.js";
import type { PresetModule } from "./preset-module.js";
import { encodedForms, hideCutOffStarts } from "./redact-forms.js";

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
  const hide = (text: string) => (secrets.length === 0 ? text : redactText(text, secrets));
  if (outcome.outcome === "drop") return { ...outcome, reason: hide(outcome.reason) };
  if (outcome.outcome === "error") return { ...outcome, message: hide(outcome.message) };
  const secret = new Set(module.secretHeaders.map((name) => name.toLowerCase()));
  const headers = Object.fromEntries(
    Object.entries(outcome.request.headers).map(([name, value]) => [
      name,
      secret.has(name.toLowerCase()) ? redactHeaderValue(value) : hide(value),
    ]),
  );
  const request = { ...outcome.request, url: hide(outcome.request.url), headers };
  if (secrets.length > 0 && "body" in outcome.request) request.body = hideInValue(outcome.request.body, hide);
  return { ...outcome, request, warnings: outcome.warnings.map(hide) };
}

/** The values of the module's secret settings in these settings: what redactOutcome and redactText hide. */
export function secretValues(module: Pick<PresetModule, "settings">, settings: unknown): string[] {
  if (settings === null || typeof settings !== "object") return [];
  const record = settings as Record<string, unknown>;
  return module.settings
    .filter((spec) => spec.secret && Object.prototype.hasOwnProperty.call(record, spec.name))
    .map((spec) => record[spec.name])
    .filter((value): value is string => typeof value === "string");
}

/** A copy of a JSON value with `hide` applied to every string in it (object keys come from the .map file). */
function hideInValue(value: unknown, hide: (text: string) => string): unknown {
  if (typeof value === "string") return hide(value);
  if (Array.isArray(value)) return value.map((item) => hideInValue(item, hide));
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(copy, key, {
      value: hideInValue(item, hide),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/**
 * Replaces every occurrence of each secret in the text. Secrets shorter than 4 characters are left alone: replacing
 * "a" or "1" everywhere would wreck the text and reveal more than it hides. Longer secrets go first, so a secret that
 * contains another is hidden whole.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  const hidden = secrets.filter((secret) => typeof secret === "string" && secret.length >= 4);
  const forms = [...new Set(hidden.flatMap(writtenForms))].sort((a, b) => b.length - a.length);
  const whole = forms.reduce((result, form) => result.replace(anyCase(form), REDACTED), text);
  return hidden.reduce((result, secret) => hideCutOffStarts(result, secret, REDACTED), whole);
}

/** The ways a server or a library may echo a secret back: as is, URL-encoded, base64 (as in Basic auth), hex. */
function writtenForms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  return [
    secret,
    encodeURIComponent(secret),
    bytes.toString("base64"),
    bytes.toString("base64url"),
    ...encodedForms(secret),
  ];
}

function anyCase(form: string): RegExp {
  return new RegExp(form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
}
