// The VS Code extension's TextMate grammar: valid JSON, every regex compiles, every include resolves, and every
// keyword of the lexer is highlighted as one, so the grammar cannot drift from dsl/tokens.ts.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_TOKENS } from "../../dsl/tokens.js";
import { ROOT } from "./lsp-client.js";

interface Rule {
  readonly name?: string;
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly include?: string;
  readonly patterns?: readonly Rule[];
}

const grammar = JSON.parse(readFileSync(join(ROOT, "editors/vscode/syntaxes/map.tmLanguage.json"), "utf8")) as {
  scopeName: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
};

function allRules(): Rule[] {
  const out: Rule[] = [];
  const visit = (rule: Rule) => {
    out.push(rule);
    rule.patterns?.forEach(visit);
  };
  grammar.patterns.forEach(visit);
  Object.values(grammar.repository).forEach(visit);
  return out;
}

const KEYWORDS = ALL_TOKENS.filter((t) => t.name.startsWith("Kw")).map((t) => (t.PATTERN as RegExp).source);

/** The scope the first rule of the file's top-level order gives a lone word (includes followed in order). */
function scopeOfWord(word: string): string | undefined {
  const search = (rules: readonly Rule[]): string | undefined => {
    for (const rule of rules) {
      if (rule.include !== undefined) {
        const found = search([grammar.repository[rule.include.slice(1)]!]);
        if (found !== undefined) return found;
      } else if (rule.match !== undefined) {
        const m = new RegExp(rule.match).exec(word);
        if (m?.index === 0 && m[0] === word) return rule.name ?? "(captures)";
      } else if (rule.patterns !== undefined) {
        const found = search(rule.patterns);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  return search(grammar.patterns);
}

describe("the TextMate grammar", () => {
  it("is JSON for the scope the extension's package.json names", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "editors/vscode/package.json"), "utf8"));
    expect(pkg.contributes.grammars[0].scopeName).toBe(grammar.scopeName);
    expect(pkg.contributes.languages[0]).toMatchObject({ id: "signal-map-map", extensions: [".map"] });
  });

  it("has regexes JavaScript compiles and includes that resolve", () => {
    const rules = allRules();
    for (const rule of rules) {
      for (const source of [rule.match, rule.begin, rule.end]) {
        if (source !== undefined) expect(() => new RegExp(source), source).not.toThrow();
      }
      if (rule.include !== undefined) expect(grammar.repository, rule.include).toHaveProperty(rule.include.slice(1));
    }
    expect(rules.filter((r) => r.match !== undefined).length).toBeGreaterThan(20);
  });

  it("highlights every keyword of dsl/tokens.ts as a keyword or a language constant", () => {
    expect(KEYWORDS.length).toBeGreaterThan(20);
    for (const word of KEYWORDS) {
      expect(scopeOfWord(word), word).toMatch(/^(keyword\.|constant\.language\.)/);
    }
  });

  it("reads a setting line's one of, default and modifiers as keywords, its values as strings and numbers", () => {
    const setting = grammar.repository["setting"]!;
    expect(new RegExp(setting.begin!).exec('  setting region: string one of "US"')?.[4]).toBe("string");
    const scopes = (word: string) =>
      (setting.patterns ?? []).flatMap((rule) => {
        const target = rule.include !== undefined ? grammar.repository[rule.include.slice(1)]! : rule;
        const source = target.match ?? target.begin;
        return source !== undefined && new RegExp(source).exec(word)?.index === 0 ? [target.name ?? "(captures)"] : [];
      });
    expect(scopes("one of")).toEqual(["(captures)"]);
    expect(scopes("default")[0]).toMatch(/^keyword\./);
    expect(scopes("required")[0]).toMatch(/^keyword\./);
    expect(scopes('"EU"')[0]).toMatch(/^string\./);
    expect(scopes("-1")[0]).toMatch(/^constant\.numeric/);
  });

  it("reads a name after a dot as a field, a slot in a send URL and a number", () => {
    const rule = (key: string) => new RegExp(grammar.repository[key]!.match!);
    expect(rule("field").exec("properties.on")?.[2]).toBe("on");
    const slots = (grammar.repository["send-url"]!.patterns ?? []).map((r) => r.match).filter(Boolean);
    expect(slots.some((s) => new RegExp(s!).exec("/people/{traits.id}")?.[0] === "{traits.id}")).toBe(true);
    expect(new RegExp(grammar.repository["send-url"]!.begin!).test('send POST "https://x')).toBe(true);
    expect(rule("number").exec("x <- -1.5e3")?.[0]).toBe("-1.5e3");
    expect(rule("comment").exec('a # "not a string"')?.[0]).toBe('# "not a string"');
  });
});
