// When a rule's value may be absent, and which missing event values make it so (the basis of W120).

import { describe, expect, it } from "vitest";
import type { Assignment, Expr } from "../../dsl/ast.js";
import { parse } from "../../dsl/parse.js";
import { absenceOf, describeAbsence, type PresenceFacts } from "../../compiler/check/presence.js";

const HEADER = `integration demo "Demo"
  setting key: secret required "k"
  setting region: region "r"

preset p "P"
  on "Signed Up"
  send POST "https://api.example.com/x"
`;

/** The value of the rule `x <- VALUE`, with `require`d expressions and lets from `before`. */
function absence(value: string, before = ""): string {
  const { ast, diagnostics } = parse(`${HEADER}${before}\n  x <- ${value}\n`, "p.map");
  expect(diagnostics).toEqual([]);
  const statements = ast.presets[0].statements;
  const proven = statements.flatMap((s) => (s.kind === "Require" ? [s.value] : []));
  const lets = new Map(statements.flatMap((s) => (s.kind === "Let" ? [[s.name.text, s.value] as const] : [])));
  const facts: PresenceFacts = {
    proven,
    letValue: (name) => lets.get(name) as Expr | undefined,
    setting: (name) => ast.integration?.settings.find((setting) => setting.name.text === name),
  };
  const rule = statements.find((s): s is Assignment => s.kind === "Assign")!;
  const ways = absenceOf(rule.value, facts);
  return ways.length === 0 ? "present" : describeAbsence(ways);
}

describe("absenceOf", () => {
  it.each([
    [`"web"`, "present"],
    [`event`, "present"],
    [`settings.key`, "present"],
    [`settings.region`, "events without settings.region"],
    [`traits.email`, "events without traits.email"],
    [`lower(trim(traits.email))`, "events without traits.email"],
    [`traits.a ?? traits.b`, "events without traits.a and traits.b"],
    [`traits.a ?? "none"`, "present"],
    [`traits.a + traits.b`, "events without traits.a, or without traits.b"],
    [`coalesce(traits.a, traits.b)`, "events without traits.a and traits.b"],
    [`e164(traits.phone) ?? omit`, "events without traits.phone, or where e164(…) fails"],
    [`[traits.a, "x"]`, "present"],
    [`[]`, "events where it is left out"],
    [`traits.a == "x"`, "present"],
  ])("%s → %s", (value, expected) => {
    expect(absence(value)).toBe(expected);
  });

  it("takes a value a require before it proved present, directly or through a let", () => {
    expect(absence("traits.email", `  require traits.email else "needed"`)).toBe("present");
    expect(absence("email", `  let email = lower(traits.email)\n  require email else "needed"`)).toBe("present");
    expect(absence("email", `  let email = lower(traits.email)`)).toBe("events without traits.email");
  });
});
