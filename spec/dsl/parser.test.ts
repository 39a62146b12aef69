// Parser behaviour an author relies on: all mistakes reported at once, exact spans, recovery that keeps good lines.

import { describe, expect, it } from "vitest";
import type { Assignment, BinaryExpr, Expr, MapFile, SendStatement, Span, Statement } from "../../dsl/ast.js";
import { parse } from "../../dsl/parse.js";

const HEADER = "integration demo\npreset p\n";

function statementsOf(ast: MapFile): readonly Statement[] {
  return ast.presets[0]?.statements ?? [];
}

const textOf = (source: string, span: Span): string => source.slice(span.start, span.end);

function lineOf(source: string, offset: number): number {
  return source.slice(0, offset).split("\n").length;
}

describe("parse: several mistakes in one file", () => {
  const source = [
    "integration demo",
    "preset p",
    "  a <- trim(traits.a",
    "  b <- traits.b",
    '  c <- "unterminated',
    "  d <- traits.d",
    "  e traits.e",
    "  f <- traits.f",
  ].join("\n");
  const { ast, diagnostics } = parse(source, "several.map");

  it("reports each broken statement once, in source order", () => {
    expect(diagnostics.map((d) => [d.code, lineOf(source, d.span.start)])).toEqual([
      ["E103", 3],
      ["E101", 5],
      ["E103", 7],
    ]);
  });

  it("keeps every statement that parsed, including one repaired by recovery, but no guessed assignment", () => {
    // `a` lost only its ")", so it is still checked; `e traits.e` has no "<-", so it is not read as an assignment.
    const targets = statementsOf(ast).map((s) => (s as Assignment).target.map((n) => n.text).join("."));
    expect(targets).toEqual(["a", "b", "c", "d", "f"]);
  });
});

describe("parse: where errors point", () => {
  it("puts an error at the end of input right after the last token, not after trailing comments", () => {
    const source = `${HEADER}  x <- f(a,\n\n   # trailing comment\n\n`;
    const [error] = parse(source, "eof.map").diagnostics;
    expect(error.code).toBe("E103");
    expect(error.message).toBe('expected an expression after ",", found the end of the file');
    expect(error.span).toEqual({ start: source.indexOf(",") + 1, end: source.indexOf(",") + 1 });
  });

  it("names the token it found and the context it expected, using token labels", () => {
    const source = `${HEADER}  first_name(x) <- y\n`;
    const [error] = parse(source, "arrow.map").diagnostics;
    expect(error.message).toBe('expected "<-" after the target field, found "("');
    expect(textOf(source, error.span)).toBe("(");
  });

  it("points at the opening bracket of an unclosed call", () => {
    const source = `${HEADER}  a <- trim(lower(x)\n  b <- 1\n`;
    const [error] = parse(source, "paren.map").diagnostics;
    expect(error.message).toBe('expected "," or ")" after the argument, found "b"');
    expect(error.labels).toEqual([
      { span: { start: source.indexOf("trim(") + 4, end: source.indexOf("trim(") + 5 }, message: '"(" opened here' },
    ]);
  });

  it("reports an invalid escape at the escape itself and decodes the rest", () => {
    const source = `${HEADER}  a <- "ok \\u00e9 \\z"\n`;
    const { ast, diagnostics } = parse(source, "escape.map");
    expect(diagnostics.map((d) => [d.code, textOf(source, d.span)])).toEqual([["E102", "\\z"]]);
    expect(((statementsOf(ast)[0] as Assignment).value as { value: string }).value).toBe("ok é z");
  });

  it("reports an unexpected character with a hint and no echo from the parser", () => {
    const source = `${HEADER}  a <- x && y\n`;
    const { diagnostics } = parse(source, "char.map");
    expect(diagnostics.map((d) => [d.code, d.message, d.hints])).toEqual([
      ["E100", 'unexpected characters "&&"', ['write "and" to require both conditions']],
    ]);
  });
});

describe("parse: spans", () => {
  it("gives names, targets and operators their own exact spans", () => {
    const source = `${HEADER}  custom_fields.when <- properties.on + "x" when event == "A"\n`;
    const assign = statementsOf(parse(source, "spans.map").ast)[0] as Assignment;
    expect(textOf(source, assign.targetSpan)).toBe("custom_fields.when");
    expect(assign.target.map((n) => textOf(source, n.span))).toEqual(["custom_fields", "when"]);
    expect(textOf(source, assign.span)).toBe('custom_fields.when <- properties.on + "x" when event == "A"');
    const sum = assign.value as BinaryExpr;
    expect(textOf(source, sum.operatorSpan)).toBe("+");
    expect(textOf(source, sum.span)).toBe('properties.on + "x"');
    expect(textOf(source, (assign.when as BinaryExpr).operatorSpan)).toBe("==");
  });

  it("widens a parenthesised expression to its parentheses so outer spans stay exact", () => {
    const source = `${HEADER}  a <- (x ?? y) + z\n`;
    const value = (statementsOf(parse(source, "parens.map").ast)[0] as Assignment).value as BinaryExpr;
    expect(textOf(source, value.left.span)).toBe("(x ?? y)");
    expect(textOf(source, value.span)).toBe("(x ?? y) + z");
  });

  it("spans a send statement through its last clause", () => {
    const source = `${HEADER}  send PUT "u"\n    header "A" <- "b"\n    body matches "s.json"\n  x <- 1\n`;
    const send = statementsOf(parse(source, "send.map").ast)[0] as SendStatement;
    expect(textOf(source, send.methodSpan)).toBe("PUT");
    expect(textOf(source, send.span)).toBe('send PUT "u"\n    header "A" <- "b"\n    body matches "s.json"');
  });
});

describe("parse: language details", () => {
  it("makes a setting secret when `secret` is written as a modifier", () => {
    const { ast } = parse('integration d\n  setting token: string secret required "T"\n', "s.map");
    expect(ast.integration?.settings[0]).toMatchObject({ type: "secret", required: true });
  });

  it("parses ?? right-associatively and gives warn to the innermost fallback", () => {
    const source = `${HEADER}  a <- x ?? y ?? z warn "w"\n`;
    const value = (statementsOf(parse(source, "f.map").ast)[0] as Assignment).value;
    const show = (e: Expr): string =>
      e.kind === "Fallback"
        ? `(${show(e.left)} ?? ${show(e.right)}${e.warn ? ` warn ${e.warn.value}` : ""})`
        : textOf(source, e.span);
    expect(show(value)).toBe("(x ?? (y ?? z warn w))");
  });

  it("rejects warn without a fallback", () => {
    const source = `${HEADER}  a <- x warn "w"\n`;
    const [error] = parse(source, "w.map").diagnostics;
    expect([error.code, error.message, textOf(source, error.span)]).toEqual([
      "E103",
      '"warn" needs a "??" fallback before it',
      "warn",
    ]);
  });

  it("treats CRLF line endings like LF", () => {
    const lf = `${HEADER}  a <- x # note\n  b <- "y"\n`;
    const crlf = lf.replace(/\n/g, "\r\n");
    const kinds = (text: string) => statementsOf(parse(text, "c.map").ast).map((s) => s.kind);
    expect(parse(crlf, "c.map").diagnostics).toEqual([]);
    expect(kinds(crlf)).toEqual(kinds(lf));
  });

  it("gives an empty file a MapFile and one missing-header diagnostic", () => {
    const { ast, diagnostics } = parse("  # only a comment\n", "empty.map");
    expect(ast).toEqual({ kind: "MapFile", presets: [], span: { start: 0, end: 19 } });
    expect(diagnostics.map((d) => d.code)).toEqual(["E104"]);
  });

  it("suggests the HTTP method the author meant", () => {
    const [error] = parse(`${HEADER}  send post "u"\n`, "m.map").diagnostics;
    expect([error.code, error.message, error.hints]).toEqual([
      "E103",
      'expected an HTTP method, found "post"',
      ['did you mean "POST"?'],
    ]);
  });
});
