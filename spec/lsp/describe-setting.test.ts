// Hover and completion show a setting as declared: its `one of` values and its default included.

import { describe, expect, it } from "vitest";
import { parse } from "../../dsl/parse.js";
import { describeSetting } from "../../lsp/describe.js";

describe("describeSetting", () => {
  it("shows the values a setting is limited to, its default and its description", () => {
    const source = 'integration m\n  setting region: string one of "US", "EU" default "US" "Where the data lives"\n';
    const [setting] = parse(source, "m.map").ast.integration!.settings;
    expect(describeSetting(setting!)).toBe(
      '```signal-map\nsetting region: string one of "US", "EU" default "US"\n```\n\nWhere the data lives',
    );
  });

  it("shows a plain setting as before", () => {
    const [setting] = parse("integration m\n  setting key: secret required\n", "m.map").ast.integration!.settings;
    expect(describeSetting(setting!)).toBe("```signal-map\nsetting key: secret required\n```");
  });
});
