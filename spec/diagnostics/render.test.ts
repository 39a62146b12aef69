// The diagnostic renderer: the text an author reads in the terminal, and the JSON that tools read.

import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { diagnosticsToJson, locate, renderDiagnostic, renderDiagnostics } from "../../diagnostics/render.js";

function diagnostic(start: number, end: number, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { code: "E103", severity: "error", message: "bad", span: { start, end }, labels: [], hints: [], ...extra };
}

const SOURCE = "integration demo\npreset p\n  first_name <- trim(x\n";

describe("renderDiagnostic", () => {
  it("prints location, source line, carets under the span, notes and hints", () => {
    const at = SOURCE.indexOf("trim");
    const d = diagnostic(at, at + 4, {
      message: "expected something",
      labels: [{ span: { start: 0, end: 11 }, message: "declared here" }],
      hints: ["try this", "or that"],
    });
    expect(renderDiagnostic(d, SOURCE, "a.map")).toBe(
      [
        "a.map:3:17: error[E103]: expected something",
        "3 |   first_name <- trim(x",
        "  |                 ^^^^",
        "  note: a.map:1:1: declared here",
        "  = help: try this",
        "  = help: or that",
      ].join("\n"),
    );
  });

  it("draws one caret for an empty span, even at the end of the file", () => {
    const text = renderDiagnostic(diagnostic(SOURCE.length, SOURCE.length), SOURCE, "a.map");
    expect(text.split("\n").slice(0, 3)).toEqual(["a.map:4:1: error[E103]: bad", "4 | ", "  | ^"]);
  });

  it("underlines a span that runs onto later lines to the end of its first line", () => {
    const start = SOURCE.indexOf("preset");
    const lines = renderDiagnostic(diagnostic(start + 7, SOURCE.length), SOURCE, "a.map").split("\n");
    expect(lines.slice(1, 3)).toEqual(["2 | preset p", "  |        ^"]);
  });

  it("keeps tabs in the caret padding so carets line up under tabbed source", () => {
    const source = "\t\tx <- y\n";
    const lines = renderDiagnostic(diagnostic(5, 7), source, "t.map").split("\n");
    expect(lines[2]).toBe("  | \t\t   ^^");
  });

  it("shows a warning's severity and replaces control characters without shifting carets", () => {
    const source = "a\u0007b <- c";
    const d = diagnostic(2, 3, { severity: "warning", code: "W100", message: "unused" });
    expect(renderDiagnostic(d, source, "w.map").split("\n")).toEqual([
      "w.map:1:3: warning[W100]: unused",
      "1 | a\uFFFDb <- c",
      "  |   ^",
    ]);
  });
});

describe("renderDiagnostics", () => {
  it("separates diagnostics by a blank line and ends with a summary", () => {
    const list = [diagnostic(0, 1), diagnostic(2, 3), diagnostic(4, 5, { severity: "warning", code: "W100" })];
    const text = renderDiagnostics(list, SOURCE, "a.map");
    expect(text.split("\n\n")).toHaveLength(4);
    expect(text.endsWith("\n\n2 errors, 1 warning")).toBe(true);
  });

  it("uses singular and plural properly and leaves warnings out when there are none", () => {
    expect(
      renderDiagnostics([diagnostic(0, 1)], SOURCE, "a.map")
        .split("\n")
        .at(-1),
    ).toBe("1 error");
    expect(renderDiagnostics([], SOURCE, "a.map")).toBe("0 errors");
  });
});

describe("locate", () => {
  it("gives 1-based lines and columns for LF, CRLF and lone CR line ends", () => {
    expect(locate("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(locate("ab\r\ncd", 5)).toEqual({ line: 2, column: 2 });
    expect(locate("ab\rcd", 3)).toEqual({ line: 2, column: 1 });
  });

  it("clamps offsets outside the source instead of failing", () => {
    expect(locate("abc", 99)).toEqual({ line: 1, column: 4 });
    expect(locate("abc", -5)).toEqual({ line: 1, column: 1 });
    expect(locate("abc", Number.NaN)).toEqual({ line: 1, column: 1 });
  });
});

describe("diagnosticsToJson", () => {
  it("gives tools plain objects with start and end positions, labels and hints", () => {
    const at = SOURCE.indexOf("trim");
    const d = diagnostic(at, at + 4, { labels: [{ span: { start: 17, end: 23 }, message: "here" }], hints: ["h"] });
    expect(diagnosticsToJson([d], SOURCE, "a.map")).toEqual([
      {
        file: "a.map",
        line: 3,
        column: 17,
        endLine: 3,
        endColumn: 21,
        severity: "error",
        code: "E103",
        message: "bad",
        labels: [{ line: 2, column: 1, message: "here" }],
        hints: ["h"],
      },
    ]);
  });
});
