// The type model that checks and code generation share: what each expression is known to give before an event arrives.

import { describe, expect, it } from "vitest";
import { typeEnvFor, typeOf } from "../../compiler/check/types.js";
import { parse } from "../../dsl/parse.js";
import type { Assignment } from "../../dsl/ast.js";

const SOURCE = `integration s "S"
  setting api_key: secret required
  setting retries: number
  setting sandbox: boolean
preset p "P"
  on "A"
  send POST "https://x.example"
  let email = lower(traits.email)
  a <- event
  b <- event.userId
  c <- context.locale
  d <- context.campaign
  e <- e164(traits.phone) ?? omit
  f <- to_number(properties.n) ?? "none"
  g <- settings.retries
  h <- settings.sandbox
  i <- settings.api_key
  j <- email
  k <- "x" + 1
  l <- not (event == "A")
  m <- [1, 2]
  n <- coalesce(traits.a, traits.b)
  o <- nosuch(1)
  p <- traits
`;

function typesByTarget(): Record<string, string> {
  const { ast } = parse(SOURCE, "/tmp/types.map");
  const preset = ast.presets[0];
  const env = typeEnvFor(ast, preset);
  const assignments = preset.statements.filter((s): s is Assignment => s.kind === "Assign");
  return Object.fromEntries(assignments.map((a) => [a.target[0].text, typeOf(a.value, env)]));
}

describe("typeOf", () => {
  it("knows each expression's type where it can, and says any where only the event can tell", () => {
    expect(typesByTarget()).toEqual({
      a: "string", // bare `event` is the event name
      b: "any", // the canonical event schema allows text or a number
      c: "any", // declared, but with no type
      d: "any",
      e: "string", // the fallback to omit keeps the call's type
      f: "any", // number or string
      g: "number",
      h: "boolean",
      i: "string",
      j: "string", // a let has its value's type
      k: "string",
      l: "boolean",
      m: "list",
      n: "any",
      o: "any", // unknown function: reported elsewhere, any here so it causes no echo errors
      p: "object",
    });
  });
});
