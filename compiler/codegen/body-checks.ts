// Per send block, the generated body check: the block's guarantee, what of its schema remains, and that as code.

import type { IntegrationDecl, MapFile, PresetDecl } from "../../dsl/ast.js";
import type { PresetLayout } from "../check/blocks.js";
import { typeEnvFor } from "../check/types.js";
import { blockGuarantee, type Guarantee } from "./body-guarantee.js";
import { residual, type Residual } from "./body-residual.js";
import { emitBodyCheck } from "./emit-body-check.js";
import type { RuleContext } from "./emit-rules.js";
import { helper } from "./emit-expr.js";

export interface BodyChecksInput {
  readonly integration: IntegrationDecl;
  readonly preset: PresetDecl;
  readonly layout: PresetLayout;
  readonly schemas: readonly { readonly schema?: object }[];
}

/** Per block: its guarantee and residual (undefined without a schema). Exported for the equivalence tests. */
export function bodyFacts(input: BodyChecksInput): ({ guarantee: Guarantee; residual: Residual } | undefined)[] {
  const env = typeEnvFor({ integration: input.integration } as MapFile, input.preset);
  return input.layout.blocks.map((block, index) => {
    const schema = input.schemas[index]?.schema;
    if (schema === undefined) return undefined;
    const guarantee = blockGuarantee(input.layout.prelude, block, env);
    return { guarantee, residual: residual(schema, guarantee, schema) };
  });
}

/** The checks' code (constants, then one function per block that has one) and the `bodyChecks` list. */
export function emitBodyChecks(input: BodyChecksInput, ctx: RuleContext): { lines: string[]; list: string } {
  const lines: string[] = [];
  // Module-level names are PATTERN_n, FORMAT_X and checkBody[n]: no stdlib function, runtime helper or `build` is
  // spelled so, and `let`s live inside build(). Locals are numbered per name.
  const taken = new Map<string, number>();
  const allocate = (preferred: string) => {
    const n = (taken.get(preferred) ?? 0) + 1;
    taken.set(preferred, n);
    return /^[A-Z]/.test(preferred) ? `${preferred}_${n}` : n === 1 ? preferred : `${preferred}${n}`;
  };
  const names = bodyFacts(input).map((facts, index) => {
    if (facts === undefined) return "undefined";
    const name = index === 0 ? "checkBody" : `checkBody${index + 1}`;
    const scope = { helper: (h: string) => helper(ctx, h), allocate };
    const emitted = emitBodyCheck(facts.residual, input.schemas[index]?.schema, name, scope);
    if (emitted === undefined) {
      lines.push(
        `// Send block ${index + 1}: its schema uses rules the generated check does not cover; ajv checks it whole.`,
        "",
      );
      return "undefined";
    }
    if (emitted.constants.length > 0) lines.push(...emitted.constants, "");
    lines.push(...emitted.lines, "");
    return name;
  });
  return { lines, list: `[${names.join(", ")}]` };
}
