// Finding what sits under the cursor in the AST. The walk is generic over the nodes' shape (anything with a `kind` and
// a `span`), so a construct added to the language is found without a change here.

import type { Expr, LetStatement, MapFile, PresetDecl, SendStatement, Span } from "../dsl/ast.js";

/** Any AST node, read generically. */
export interface AnyNode {
  readonly kind: string;
  readonly span: Span;
  readonly [key: string]: unknown;
}

/** One node on the way down to the cursor, with the property of its parent that holds it. */
export interface Step {
  readonly node: AnyNode;
  /** The parent's property (`callee`, `root`, `target`, …); for an item of a list, the list's property. */
  readonly key: string;
  /** The position in that list, when the node is an item of one. */
  readonly index?: number;
}

function isNode(value: unknown): value is AnyNode {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const node = value as { kind?: unknown; span?: unknown };
  return typeof node.kind === "string" && node.span !== null && typeof node.span === "object";
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** The chain of nodes containing `offset`, outermost first; where two siblings touch it, the later one wins. */
export function nodesAt(file: MapFile, offset: number): Step[] {
  const chain: Step[] = [{ node: file as unknown as AnyNode, key: "" }];
  let current: AnyNode = file as unknown as AnyNode;
  for (;;) {
    const next = childAt(current, offset);
    if (next === undefined) return chain;
    chain.push(next);
    current = next.node;
  }
}

function childAt(node: AnyNode, offset: number): Step | undefined {
  let found: Step | undefined;
  for (const [key, value] of Object.entries(node)) {
    if (key === "span") continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (isNode(item) && contains(item.span, offset)) found = narrower(found, { node: item, key, index });
      });
    } else if (isNode(value) && contains(value.span, offset)) {
      found = narrower(found, { node: value, key });
    }
  }
  return found;
}

// Of two candidates the one starting later is inside or after the other: `a.b|` prefers the segment to the path.
function narrower(a: Step | undefined, b: Step): Step {
  if (a === undefined) return b;
  return b.node.span.start >= a.node.span.start ? b : a;
}

/** The preset whose text holds `offset`: the last one starting at or before it. */
export function presetAt(file: MapFile, offset: number): PresetDecl | undefined {
  let found: PresetDecl | undefined;
  for (const preset of file.presets) if (preset.span.start <= offset) found = preset;
  return found;
}

/** The `send` block a rule at `offset` belongs to: the last `send` above it, else the preset's first. */
export function sendAt(preset: PresetDecl, offset: number): SendStatement | undefined {
  const sends = preset.statements.filter((s): s is SendStatement => s.kind === "Send");
  let found: SendStatement | undefined;
  for (const send of sends) if (send.span.start <= offset) found = send;
  return found ?? sends[0];
}

/** The `let` a name read at `offset` refers to: the nearest one above it, else the first one (defined later). */
export function letFor(preset: PresetDecl, name: string, offset: number): LetStatement | undefined {
  const lets = preset.statements.filter((s): s is LetStatement => s.kind === "Let" && s.name.text === name);
  let found: LetStatement | undefined;
  for (const statement of lets) if (statement.span.start < offset) found = statement;
  return found ?? lets[0];
}

/** The comprehension around the cursor that binds `name` (the innermost), from a chain of nodesAt. */
export function loopBinding(
  chain: readonly Step[],
  name: string,
): { readonly name: AnyNode; readonly source: Expr } | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const node = chain[i]!.node;
    const bound = node.name as AnyNode | undefined;
    if (node.kind === "Comprehension" && bound?.text === name) return { name: bound, source: node.source as Expr };
  }
  return undefined;
}
