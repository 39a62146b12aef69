// CST-to-AST for `setting` declarations: the type, the modifiers, `one of` values and a `default`, the description.
// Types and modifiers are plain names checked here; whether the values fit the type is the checker's (E426, E427).

import type { CstNode, IToken } from "chevrotain";
import type * as Ast from "./ast.js";
import { errorAt } from "./diagnostic-builders.js";
import { suggest } from "../diagnostics/suggest.js";
import { allTokens, nameFrom, nodesOf, stringFrom, tokenOf, tokensOf, type DiagnosticSink } from "./cst-access.js";
import { cover, tokenSpan } from "./spans.js";

const SETTING_TYPES: readonly Ast.SettingType[] = ["string", "number", "boolean", "region", "secret"];

function spanOf(node: CstNode): Ast.Span {
  const tokens = allTokens(node);
  return cover(tokens[0] && tokenSpan(tokens[0]), tokens.at(-1) && tokenSpan(tokens.at(-1) as IToken));
}

export function settingDecl(node: CstNode, sink: DiagnosticSink): Ast.SettingDecl | undefined {
  const name = nameFrom(tokenOf(node, "name"));
  if (name === undefined) return undefined;
  const typeToken = tokenOf(node, "type");
  let type = typeToken === undefined ? "string" : settingType(typeToken, sink);
  let required = false;
  for (const modifier of tokensOf(node, "modifier")) {
    if (modifier.image === "required") required = true;
    else if (modifier.image === "secret") type = "secret";
    else sink.push(unknownModifier(modifier));
  }
  const description = stringFrom(tokenOf(node, "StringLiteral"));
  const typeSpan = typeToken === undefined ? name.span : tokenSpan(typeToken);
  const values = settingValues(nodesOf(node, "settingValues"), sink);
  const fallback = settingDefault(nodesOf(node, "settingDefault"), sink);
  return {
    kind: "SettingDecl",
    name,
    type,
    typeSpan,
    required,
    ...(description === undefined ? {} : { description }),
    ...(values === undefined ? {} : { values }),
    ...(fallback === undefined ? {} : { default: fallback }),
    span: spanOf(node),
  };
}

function settingType(token: IToken, sink: DiagnosticSink): Ast.SettingType {
  const known = SETTING_TYPES.find((t) => t === token.image);
  if (known !== undefined) return known;
  const guess = suggest(token.image, SETTING_TYPES);
  sink.push(
    errorAt("E406", `unknown setting type "${token.image}"`, tokenSpan(token), {
      hints: [guess === undefined ? "use string, number, boolean, region or secret" : `did you mean "${guess}"?`],
    }),
  );
  return "string";
}

function unknownModifier(token: IToken) {
  // `default` or `one` not followed by a value: the grammar read them as modifiers.
  const incomplete: Record<string, string> = { default: 'default "US"', one: 'one of "US", "EU"' };
  if (Object.prototype.hasOwnProperty.call(incomplete, token.image)) {
    const message = `"${token.image}" needs ${token.image === "one" ? '"of" and its values' : "a value"}`;
    return errorAt("E103", message, tokenSpan(token), { hints: [`e.g. ${incomplete[token.image]}`] });
  }
  const guess = suggest(token.image, ["required", "secret", "default"]);
  const hint =
    token.image === "optional"
      ? 'settings are optional unless marked "required"'
      : token.image === "of" || token.image === "oneof"
        ? 'a list of allowed values is written one of "a", "b"'
        : guess !== undefined
          ? `did you mean "${guess}"?`
          : 'after the type, write "required", "secret" or a description string';
  return errorAt("E103", `unknown setting modifier "${token.image}"`, tokenSpan(token), { hints: [hint] });
}

/** `one of a, b, c`: undefined when not written; a second `one of` is reported and ignored. */
function settingValues(nodes: readonly CstNode[], sink: DiagnosticSink): Ast.SettingLiteral[] | undefined {
  const [first, ...rest] = nodes;
  if (first === undefined) return undefined;
  for (const extra of rest) sink.push(writtenTwice("one of", extra));
  const of = tokenOf(first, "of");
  if (of !== undefined && of.image !== "of") {
    sink.push(errorAt("E103", `expected "of" after "one", found "${of.image}"`, tokenSpan(of)));
  }
  const values = nodesOf(first, "value").map(settingLiteral);
  return values.every((value) => value !== undefined) ? (values as Ast.SettingLiteral[]) : undefined;
}

function settingDefault(nodes: readonly CstNode[], sink: DiagnosticSink): Ast.SettingLiteral | undefined {
  const [first, ...rest] = nodes;
  for (const extra of rest) sink.push(writtenTwice("default", extra));
  const value = nodesOf(first, "value")[0];
  return value === undefined ? undefined : settingLiteral(value);
}

function writtenTwice(what: string, node: CstNode) {
  return errorAt("E103", `"${what}" is written twice in this setting`, spanOf(node), {
    hints: [`a setting has at most one "${what}"`],
  });
}

/** A literal of `one of` or `default`: text, a number (its sign read as a separate `-`), true or false. */
function settingLiteral(node: CstNode): Ast.SettingLiteral | undefined {
  const text = tokenOf(node, "StringLiteral");
  if (text !== undefined) return stringFrom(text);
  const number = tokenOf(node, "NumberLiteral");
  if (number !== undefined) {
    const sign = tokenOf(node, "negative");
    const span = cover(sign && tokenSpan(sign), tokenSpan(number));
    return { kind: "Number", value: (sign === undefined ? 1 : -1) * Number(number.image), span };
  }
  const bool = tokenOf(node, "KwTrue") ?? tokenOf(node, "KwFalse");
  if (bool === undefined) return undefined;
  return { kind: "Boolean", value: bool.image === "true", span: tokenSpan(bool) };
}
