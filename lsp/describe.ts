// How the editor shows the language's own names: a function's signature, a root, a setting's declaration.

import type { SettingDecl } from "../dsl/ast.js";
import type { FunctionSpec } from "../runtime/stdlib/spec.js";

/** `e164(phone: any, region?: string): string`: the stdlib spec's signature with its types. */
export function functionSignature(spec: FunctionSpec): string {
  const params = spec.params.map((p) => `${p.variadic ? "..." : ""}${p.name}${p.optional ? "?" : ""}: ${p.type}`);
  return `${spec.name}(${params.join(", ")}): ${spec.returns}`;
}

export function describeFunction(spec: FunctionSpec): string {
  const lines = ["```signal-map", functionSignature(spec), "```", "", spec.doc];
  if (spec.fallible) lines.push("", "Can fail on present input: write it as the left side of `??` (E401 otherwise).");
  return lines.join("\n");
}

/** What each root of a path reads (language.md, "Paths"). */
export const ROOT_DOCS: Readonly<Record<string, string>> = {
  event: "Bare `event` is the event name; `event.x` reads a top-level field of the canonical event.",
  traits: "Identity traits of the visitor (`email`, `first_name`, `phone`, …); any key may be read.",
  properties: "The `track` call's properties; any key may be read.",
  context:
    "The event's context (`locale`, `campaign`, `page`, `consent`, …), checked against the canonical event schema.",
  settings: "The integration's settings, declared with `setting` in the header.",
};

/** `setting api_key: secret required "…"` as declared (with its `one of` values and default), then its description. */
export function describeSetting(setting: SettingDecl): string {
  const values = setting.values?.length
    ? ` one of ${setting.values.map((v) => JSON.stringify(v.value)).join(", ")}`
    : "";
  const fallback = setting.default !== undefined ? ` default ${JSON.stringify(setting.default.value)}` : "";
  const declaration = `setting ${setting.name.text}: ${setting.type}${setting.required ? " required" : ""}${values}${fallback}`;
  const lines = ["```signal-map", declaration, "```"];
  if (setting.description !== undefined) lines.push("", setting.description.value);
  return lines.join("\n");
}

export function codeBlock(text: string): string {
  return ["```signal-map", text, "```"].join("\n");
}
