// The new functions seen from a preset: the checker types their results from the specs and asks `??` of fallible ones.

import { describe, expect, it } from "vitest";
import { check } from "../../compiler/index.js";
import { typeEnvFor, typeOf } from "../../compiler/check/types.js";
import type { Assignment } from "../../dsl/ast.js";
import { parse } from "../../dsl/parse.js";

const SOURCE = `integration s "S"
  setting api_key: secret required
  setting site_id: string required
preset p "P"
  on "A"
  send POST "https://x.example"
  header "Authorization" <- basic_auth(settings.site_id, settings.api_key)
  a <- unix_seconds(event.timestamp) ?? omit
  b <- unix_millis(event.timestamp) ?? omit
  c <- unix_micros(event.timestamp) ?? omit
  d <- format_time(event.timestamp, "iso") ?? omit
  e <- round(to_number(properties.value) ?? omit, 2)
  f <- max(floor(3.7), ceil(1.2), abs(-4))
  g <- hash_email(traits.email)
  h <- hash_phone(e164(traits.phone, "GB") ?? omit)
  i <- sha256(normalize_name(traits.first_name))
  j <- digits(traits.zip)
  k <- hmac_sha256(settings.site_id, event.messageId)
  l <- base64(traits.email)
  m <- base64url(traits.email)
  n <- url_encode(traits.email)
  o <- snake_case(event)
  q <- min(1, 2)
`;

describe("the new standard-library functions in a preset", () => {
  it("check cleanly when fallible calls are handled", () => {
    const errors = check(SOURCE, { filename: "/tmp/new-functions.map" }).diagnostics.filter(
      (diagnostic) => diagnostic.severity === "error",
    );
    expect(errors).toEqual([]);
  });

  it("have the types their specs declare: numbers for time and rounding, text for the rest", () => {
    const { ast } = parse(SOURCE, "/tmp/new-functions.map");
    const preset = ast.presets[0];
    const env = typeEnvFor(ast, preset);
    const assignments = preset.statements.filter((s): s is Assignment => s.kind === "Assign");
    const types = Object.fromEntries(assignments.map((a) => [a.target[0].text, typeOf(a.value, env)]));
    expect(types).toEqual({
      a: "number",
      b: "number",
      c: "number",
      d: "string",
      e: "number",
      f: "number",
      g: "string",
      h: "string",
      i: "string",
      j: "string",
      k: "string",
      l: "string",
      m: "string",
      n: "string",
      o: "string",
      q: "number",
    });
  });

  it("require ?? after a fallible time call", () => {
    const source = SOURCE.replace("unix_seconds(event.timestamp) ?? omit", "unix_seconds(event.timestamp)");
    const codes = check(source, { filename: "/tmp/new-functions.map" }).diagnostics.map((d) => d.code);
    expect(codes).toContain("E401");
  });
});
