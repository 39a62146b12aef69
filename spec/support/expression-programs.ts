// fast-check programs built from the expressions of language v2 (objects, comprehensions, if, match, arithmetic):
// only valid forms, and never a written null or "", so any null or "" in a body would be the compiler's fault.

import fc from "fast-check";

const key = fc.constantFrom("a", "b", "on", "$insert_id", "unit price", "__proto__", "constructor");

/** Number-valued expressions; event data is always converted first (E305). */
export const numberExpr: fc.Arbitrary<string> = fc.letrec<{ n: string }>((tie) => ({
  n: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    // Zero and the largest doubles are common on purpose: division by zero and overflow must give absent.
    fc
      .oneof(
        fc.constantFrom(0, 0, 1, -1, 0.5, 1e308, -1e308),
        fc.integer({ min: -1000, max: 1000 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
      )
      .map((n) => {
        const text = JSON.stringify(n);
        return text.startsWith("-") ? `(${text})` : text;
      }),
    fc.constantFrom("(to_number(properties.total) ?? omit)", "(to_number(traits.first_name) ?? 0)", "1e308"),
    fc
      .tuple(tie("n"), fc.constantFrom("+", "-", "*", "/"), tie("n"))
      .map(([a, operator, b]) => `(${a} ${operator} ${b})`),
  ),
})).n;

/** Text-valued expressions, never empty when written. */
export const textExpr: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 8 }).map((text) => JSON.stringify(text)),
  fc.constantFrom("to_string(traits.email)", "trim(traits.first_name)", "lower(event)", "to_string(context.locale)"),
  numberExpr.map((n) => `"n=" + ${n}`),
);

export const conditionExpr: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('event == "Lead Generated"', "is_present(traits.email)", "true"),
  fc.tuple(numberExpr, fc.constantFrom("<", "<=", ">", ">="), numberExpr).map(([a, op, b]) => `${a} ${op} ${b}`),
  fc.tuple(textExpr, fc.constantFrom("<", ">="), textExpr).map(([a, op, b]) => `${a} ${op} ${b}`),
);

/** Items a comprehension builds from its loop name `x`: converted, never the raw element. */
const itemExpr: fc.Arbitrary<string> = fc.constantFrom(
  "to_string(x.id)",
  "to_number(x.n) ?? omit",
  "{ id: to_string(x.id), n: to_number(x.n) ?? omit, doubled: (to_number(x.n) ?? omit) * 2 }",
  "[ trim(x.id) ]",
  'if is_present(x.id) then "has id" else omit',
);

/** Any valid v2 expression. */
export const v2Expr: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    numberExpr,
    textExpr,
    fc.constant("{}"),
    fc
      .uniqueArray(fc.tuple(key, tie("v")), { selector: ([k]) => k, minLength: 1, maxLength: 3 })
      .map((entries) => `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(", ")} }`),
    fc
      .tuple(itemExpr, fc.option(conditionExpr, { nil: undefined }))
      .map(([item, condition]) => `[ ${item} for x in properties.items${condition ? ` if ${condition}` : ""} ]`),
    fc
      .tuple(conditionExpr, tie("v"), fc.option(tie("v"), { nil: undefined }))
      .map(([c, a, b]) => `(if ${c} then ${a}${b === undefined ? "" : ` else ${b}`})`),
    fc.tuple(tie("v"), tie("v"), fc.option(tie("v"), { nil: undefined })).map(([a, b, otherwise]) => {
      const rest = otherwise === undefined ? "" : `, else => ${otherwise}`;
      return `match event { "Lead Generated" => ${a}, "Signed Up" => ${b}${rest} }`;
    }),
  ),
})).v;

/** A whole preset assigning generated v2 expressions, some of them nested, some conditional. */
export const v2Program: fc.Arbitrary<string> = fc
  .array(fc.tuple(v2Expr, fc.boolean()), { minLength: 1, maxLength: 5 })
  .map(
    (rules) => `integration demo "Demo"
  setting token: secret required "API token"

preset generated "Generated"
  on "Lead Generated", "Signed Up"

  send POST "https://example.test/v1/things"
    header "Authorization" <- "Bearer " + settings.token

${rules.map(([value, nested], i) => `  ${nested ? `group."f ${i}"` : `f${i}`} <- ${value}`).join("\n")}
`,
  );

/** Every null, "", NaN or ±Infinity inside a value, with its path: what a body must never hold unwritten. */
export function forbiddenValues(value: unknown, path = "body"): string[] {
  if (value === null || value === "" || (typeof value === "number" && !Number.isFinite(value))) {
    return [`${path}: ${String(value === "" ? '""' : value)}`];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => forbiddenValues(item, `${path}[${i}]`));
  if (typeof value === "object" && value !== undefined) {
    return Object.entries(value).flatMap(([k, v]) => forbiddenValues(v, `${path}.${k}`));
  }
  return [];
}
