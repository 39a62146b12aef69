// The assigned-once check compares a rule only with rules whose targets overlap it, so its work grows linearly.

import { describe, expect, it } from "vitest";
import { assignedOnceWork } from "../../compiler/check/assignment-checks.js";
import { check } from "../../compiler/index.js";

/** A preset with no request schema (targets unchecked) and `rules` distinct targets, two fields each. */
function presetWith(rules: number): string {
  const lines = [
    'integration acme "Acme"',
    'preset leads "Leads"',
    '  on "Lead"',
    '  send POST "https://api.acme.example/v1/leads"',
  ];
  for (let i = 0; i < rules; i += 1) lines.push(`  f${i}.a <- "x"`, `  f${i}.b <- "y"`);
  return `${lines.join("\n")}\n`;
}

function comparisonsFor(rules: number): number {
  assignedOnceWork.comparisons = 0;
  const { diagnostics } = check(presetWith(rules), { filename: "/tmp/linear.map" });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return assignedOnceWork.comparisons;
}

describe("assigned-once check is linear in the number of rules", () => {
  it("doubling the rules at most doubles the comparisons (every earlier rule was compared before)", () => {
    const small = comparisonsFor(2_000);
    const large = comparisonsFor(4_000);
    expect(large).toBeLessThanOrEqual(2 * small + 10);
    // Each rule is compared with the few rules whose target shares its prefix, not with all earlier ones.
    expect(large).toBeLessThan(4 * 4_000);
  });

  it("still finds the first clash, through a prefix in either direction", () => {
    const source = presetWith(3).replace('  f1.b <- "y"', '  f1.b <- "y"\n  f1 <- "z"\n  f2.a <- "w"');
    const errors = check(source, { filename: "/tmp/clash.map" }).diagnostics.filter((d) => d.code === "E400");
    expect(errors.map((d) => d.message)).toEqual(["f1 overlaps the assignment to f1.a", "f2.a is assigned twice"]);
  });
});
