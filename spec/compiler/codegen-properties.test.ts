// Properties of code generation: generated valid programs compile, type-check and run; any string survives exactly.
// Runs are fixed by FC_SEED (default 42) and sized by FC_RUNS; see docs/testing.md for longer runs.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";
import { hasErrors } from "../../diagnostics/diagnostic.js";
import { loadPresetSource } from "../../loader/load-preset.js";
import { canonicalEvent, eventWithLists } from "../support/arbitraries.js";
import { forbiddenValues, v2Program } from "../support/expression-programs.js";
import { typeErrors } from "../support/typecheck.js";

const SEED = Number(process.env.FC_SEED ?? 42);
const RUNS = Number(process.env.FC_RUNS ?? 30);
const HEADER = `integration demo "Demo"
  setting token: secret required "API token"
  setting region: region "Default region"
`;

const literal = (text: string) => JSON.stringify(text);
const paren = (code: string) => `(${code})`;

/** Text-valued .map expressions built only from valid forms, so every program must compile. */
const textExpr: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.string({ maxLength: 12 }).map(literal),
    fc.constantFrom("first_name", "email", "plan name", "x.y").map((key) => `to_string(traits.${literal(key)})`),
    fc.constantFrom("context.locale", "context.campaign.source", "event", "event.userId").map((p) => `to_string(${p})`),
    fc.tuple(fc.constantFrom("lower", "upper", "trim"), tie("expr")).map(([fn, arg]) => `${fn}(${arg})`),
    fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `concat(${a}, ${b})`),
    fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => paren(`${a} + ${b}`)),
    fc
      .tuple(tie("expr"), fc.boolean())
      .map(([fallback, warn]) =>
        paren(`e164(traits.phone, settings.region) ?? ${fallback}${warn ? ' warn "phone failed"' : ""}`),
      ),
    tie("expr").map((fallback) => paren(`to_string(to_number(traits.n) ?? 7) ?? ${fallback}`)),
  ),
})).expr;

const condition: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('event == "Lead Generated"', "is_present(traits.email)", 'not (traits.plan == "free")'),
  fc.tuple(textExpr, textExpr).map(([a, b]) => `${a} != ${b} or event == "Signed Up"`),
);

const program: fc.Arbitrary<string> = fc
  .record({
    lets: fc.array(textExpr, { maxLength: 3 }),
    rules: fc.array(fc.tuple(textExpr, fc.option(condition, { nil: undefined }), fc.boolean()), {
      minLength: 1,
      maxLength: 6,
    }),
    listed: fc.array(textExpr, { maxLength: 3 }),
  })
  .map(({ lets, rules, listed }) => {
    const letLines = lets.map((value, i) => `  let v${i} = ${value}`);
    const used = lets.map((_, i) => `  from_let_${i} <- v${i}`);
    const ruleLines = rules.map(([value, when, nested], i) => {
      const target = nested ? `group.f${i}` : `f${i}`;
      return `  ${target} <- ${value}${when ? ` when ${when}` : ""}`;
    });
    const list = listed.length > 0 ? [`  items <- [${listed.join(", ")}]`] : [];
    return `${HEADER}
preset generated "Generated"
  on "Lead Generated", "Signed Up", "Identified"

  send POST "https://example.test/v1/things"
    header "Authorization" <- "Bearer " + settings.token

${[...letLines, ...used, ...ruleLines, ...list].join("\n")}
`;
  });

const events = fc.array(canonicalEvent, { minLength: 1, maxLength: 4 });

/** Events the generated v2 programs handle, so that nearly every run builds a body. */
const handledEvent = eventWithLists.map((event) => ({
  ...event,
  type: "track",
  event: event.event === "Signed Up" ? "Signed Up" : "Lead Generated",
}));

/** The shipped preset with one random slice of it cut out or repeated: text that is almost, but not quite, valid. */
const PRESET = readFileSync(resolve(import.meta.dirname, "../../presets/salesloft/lead-capture.map"), "utf8");
const damagedPreset = fc
  .tuple(fc.nat(PRESET.length), fc.nat(40), fc.boolean(), fc.string({ unit: "binary", maxLength: 8 }))
  .map(
    ([at, length, repeat, junk]) =>
      PRESET.slice(0, at) + (repeat ? PRESET.slice(at, at + length) + junk : junk) + PRESET.slice(at + length),
  );

/** A generated v2 program with one random slice cut out or repeated: broken objects, loops, ifs and matches. */
const damagedV2 = fc.tuple(v2Program, fc.nat(600), fc.nat(30), fc.boolean()).map(([text, at, length, repeat]) => {
  const cut = at % (text.length + 1);
  return text.slice(0, cut) + (repeat ? text.slice(cut, cut + length) : "") + text.slice(cut + length);
});

describe("code generation properties", () => {
  it("never throws on any text: compile() always resolves with diagnostics, and code only when there is no error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), damagedPreset, damagedV2),
        async (text) => {
          const result = await compile(text, {
            filename: resolve(import.meta.dirname, "../../presets/salesloft/x.map"),
          });
          expect(Array.isArray(result.diagnostics)).toBe(true);
          expect(
            result.diagnostics.some((d) => d.code === "E900"),
            JSON.stringify(result.diagnostics),
          ).toBe(false);
          expect(result.code === undefined).toBe(hasErrors(result.diagnostics));
        },
      ),
      { seed: SEED, numRuns: RUNS * 5 },
    );
  }, 120_000);

  it("compiles every generated valid program to code that type-checks and runs", async () => {
    const modules = new Map<string, string>();
    await fc.assert(
      fc.asyncProperty(program, events, async (source, sample) => {
        const result = await compile(source, { filename: "generated.map" });
        expect(hasErrors(result.diagnostics), JSON.stringify(result.diagnostics)).toBe(false);
        modules.set(`generated${modules.size}`, result.code ?? "");
        const preset = await loadPresetSource(source, "generated.map");
        for (const event of sample) {
          const outcome = preset.transform(event, { token: "secret-token", region: "GB" });
          expect(["send", "drop", "error"]).toContain(outcome.outcome);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    const errors = typeErrors(modules);
    expect(errors).toEqual([]);
  }, 120_000);

  it("compiles generated v2 programs (objects, comprehensions, if, match, arithmetic) to code that type-checks, runs on any event, and never sends null, empty text, NaN or Infinity it was not written", async () => {
    const modules = new Map<string, string>();
    await fc.assert(
      fc.asyncProperty(v2Program, fc.array(handledEvent, { minLength: 1, maxLength: 4 }), async (source, sample) => {
        const result = await compile(source, { filename: "generated.map" });
        expect(hasErrors(result.diagnostics), source + JSON.stringify(result.diagnostics)).toBe(false);
        if (modules.size < 10) modules.set(`v2generated${modules.size}`, result.code ?? "");
        const preset = await loadPresetSource(source, "generated.map");
        for (const event of sample) {
          const outcome = preset.transform(JSON.parse(JSON.stringify(event)), { token: "secret-token" });
          expect(["send", "drop", "error"]).toContain(outcome.outcome);
          if (outcome.outcome === "send") expect(forbiddenValues(outcome.request.body)).toEqual([]);
        }
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
    expect(typeErrors(modules)).toEqual([]);
  }, 120_000);

  it("carries any string literal through compile and run exactly", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 40 }), async (text) => {
        // A header holds no line break (E422 for a literal, invalid_request at run time), so it carries the rest.
        const headerText = text.replace(/[\r\n]/g, "");
        const source = `${HEADER}
preset strings "Strings"
  on ${literal("Lead Generated")}

  send POST ${literal("https://example.test/v1/" + encodeURIComponent(text))}
    header "X-Text" <- ${literal(headerText)}

  value <- ${literal(text)}
`;
        const preset = await loadPresetSource(source, "strings.map");
        const outcome = preset.transform({ type: "track", event: "Lead Generated" }, { token: "t" });
        expect(outcome.outcome).toBe("send");
        if (outcome.outcome !== "send") return;
        expect(outcome.request.body).toEqual({ value: text });
        expect(outcome.request.headers["X-Text"]).toBe(headerText);
        expect(outcome.request.url).toBe("https://example.test/v1/" + encodeURIComponent(text));
      }),
      { seed: SEED, numRuns: RUNS * 3 },
    );
  }, 120_000);
});
