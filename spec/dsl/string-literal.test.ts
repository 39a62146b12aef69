// String literals: JSON escapes decoded, and every problem located exactly.

import { describe, expect, it } from "vitest";
import { scanString } from "../../dsl/string-literal.js";

describe("scanString", () => {
  it("decodes every JSON escape, including surrogate pairs written as two \\u escapes", () => {
    const text = String.raw`"\" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00"`;
    expect(scanString(text, 0)).toEqual({
      length: text.length,
      value: '" \\ / \b \f \n \r \t é 😀',
      problems: [],
    });
  });

  it("ends an unterminated string at the line break and flags its opening quote", () => {
    const text = 'x "open\nnext "line"';
    const scanned = scanString(text, 2);
    expect(scanned?.length).toBe(5);
    expect(scanned?.problems).toEqual([{ kind: "unterminated", start: 2, end: 3, text: '"' }]);
  });

  it("flags each bad escape at its own range and keeps scanning", () => {
    const text = String.raw`"a\qb\u12zc\u00"`;
    const scanned = scanString(text, 0);
    expect(scanned?.problems.map((p) => [p.kind, p.start, p.end, p.text])).toEqual([
      ["bad-escape", 2, 4, "\\q"],
      ["bad-escape", 5, 9, "\\u12"],
      ["bad-escape", 11, 15, "\\u00"],
    ]);
    expect(scanned?.length).toBe(text.length);
  });

  it("treats a backslash before the line break as leaving the string unterminated", () => {
    const scanned = scanString('"abc\\\n"', 0);
    expect(scanned?.problems.map((p) => p.kind)).toEqual(["unterminated"]);
  });

  it("does not match where there is no opening quote", () => {
    expect(scanString("abc", 0)).toBeUndefined();
  });
});
