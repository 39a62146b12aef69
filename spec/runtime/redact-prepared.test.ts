// Redaction prepares each list of secrets once and skips the forms a text cannot hold: it must hide exactly what
// replacing every written form of every secret, one after the other, hides.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REDACTED, redactText } from "../../runtime/redact.js";
import { hideCutOffStarts, writtenForms } from "../../runtime/redact-forms.js";

/** The definition: every form, longest first, replaced in any case; then the cut-off starts. */
function replaceEveryForm(text: string, secrets: readonly string[]): string {
  const hidden = secrets.filter((secret) => secret.length >= 4);
  const forms = [...new Set(hidden.flatMap(writtenForms))].sort((a, b) => b.length - a.length);
  const escaped = (form: string) => new RegExp(form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
  const whole = forms.reduce((result, form) => result.replace(escaped(form), REDACTED), text);
  return hidden.reduce((result, secret) => hideCutOffStarts(result, secret, REDACTED), whole);
}

// Keys with Greek, German and Turkish letters, whose case mappings are where a shortcut would go wrong.
const secret = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_]{4,24}$/),
  fc.string({
    unit: fc.constantFrom("σ", "ς", "Σ", "ß", "ı", "I", "i", "K", "k", "a", "1"),
    minLength: 4,
    maxLength: 10,
  }),
);

/** Text around the secret, written in one of its forms and cases, possibly cut short. */
const textAround = (key: string) =>
  fc
    .tuple(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(...writtenForms(key)),
      fc.constantFrom("as is", "upper", "lower", "cut"),
      fc.string({ maxLength: 20 }),
    )
    .map(([before, form, how, after]) => {
      const shown =
        how === "upper"
          ? form.toUpperCase()
          : how === "lower"
            ? form.toLowerCase()
            : how === "cut"
              ? form.slice(0, 10)
              : form;
      return before + shown + after;
    });

describe("redactText", () => {
  it("hides what replacing every form one after the other hides", () => {
    fc.assert(
      fc.property(
        secret.chain((key) => fc.tuple(fc.constant(key), textAround(key), fc.string({ maxLength: 40 }))),
        ([key, text, unrelated]) => {
          expect(redactText(text, [key])).toBe(replaceEveryForm(text, [key]));
          expect(redactText(unrelated, [key])).toBe(replaceEveryForm(unrelated, [key]));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it("treats case as a case-insensitive pattern does, final sigma included", () => {
    expect(redactText("token=ΚΛΕΙΔΙς", ["κλειδισ"])).toBe(replaceEveryForm("token=ΚΛΕΙΔΙς", ["κλειδισ"]));
    expect(redactText("token=κλειδις!", ["ΚΛΕΙΔΙΣ"])).toBe("token=[redacted]!");
  });
});
