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

/** A copy of the outcome whose secret headers (named by the module, in any case) are redacted. */
export function redactOutcome(outcome: Outcome, module: Pick<PresetModule, "secretHeaders">): Outcome {
  if (outcome.outcome !== "send") return { ...outcome };
  const secret = new Set(module.secretHeaders.map((name) => name.toLowerCase()));
  const headers = Object.fromEntries(
    Object.entries(outcome.request.headers).map(([name, value]) => [
      name,
      secret.has(name.toLowerCase()) ? redactHeaderValue(value) : value,
    ]),
  );
  return { ...outcome, request: { ...outcome.request, headers } };
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
