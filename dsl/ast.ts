// The .map abstract syntax tree: a discriminated union on `kind`, every node carrying its source span.

import type { Span } from "../diagnostics/diagnostic.js";

/** Spans are the diagnostics' own type: the diagnostic module is a leaf that every phase imports. */
export type { Span };

export interface Node {
  readonly span: Span;
}

/** A name as written, with its own span so diagnostics can point at exactly the name. */
export interface Name extends Node {
  readonly kind: "Name";
  readonly text: string;
}

// ---------------------------------------------------------------- file structure

export interface MapFile extends Node {
  readonly kind: "MapFile";
  /** Absent when the header is missing (a diagnostic says so). */
  readonly integration?: IntegrationDecl;
  readonly presets: readonly PresetDecl[];
}

export type SettingType = "string" | "number" | "boolean" | "region" | "secret";

export interface IntegrationDecl extends Node {
  readonly kind: "IntegrationDecl";
  readonly name: Name;
  readonly title?: StringLiteral;
  readonly settings: readonly SettingDecl[];
  /** `rate limit N per [COUNT] UNIT`: the destination's limit per credential. */
  readonly rateLimit?: RateLimitDecl;
}

/** `rate limit 600 per minute` / `rate limit 10 per 2 seconds`, the window already in milliseconds. */
export interface RateLimitDecl extends Node {
  readonly kind: "RateLimit";
  readonly limit: number;
  readonly windowMs: number;
}

export interface SettingDecl extends Node {
  readonly kind: "SettingDecl";
  readonly name: Name;
  /** `secret` is a string that is redacted wherever it is shown. */
  readonly type: SettingType;
  readonly typeSpan: Span;
  readonly required: boolean;
  readonly description?: StringLiteral;
  /** `one of "US", "EU"`: the only values the setting may take, as written. */
  readonly values?: readonly SettingLiteral[];
  /** `default "US"`: the value the setting takes when it is not given. */
  readonly default?: SettingLiteral;
}

export type SettingLiteral = StringLiteral | NumberLiteral | BooleanLiteral;

export interface PresetDecl extends Node {
  readonly kind: "PresetDecl";
  readonly name: Name;
  readonly title?: StringLiteral;
  readonly statements: readonly Statement[];
}

export type Statement =
  OnStatement | SendStatement | LetStatement | RequireStatement | DropStatement | Assignment | OrderStatement;

/** `drop "reason" when condition`: the event is dropped with that reason when the condition holds. */
export interface DropStatement extends Node {
  readonly kind: "Drop";
  readonly reason: StringLiteral;
  readonly when: Expr;
}

/** `on "Lead Generated", identify, *` — the events this preset handles; every other event is dropped. */
export interface OnStatement extends Node {
  readonly kind: "On";
  /** Event names (quoted). */
  readonly events: readonly StringLiteral[];
  /** Bare words: call types (`track`, `identify`, …); an unknown word is reported by the checker. */
  readonly calls: readonly Name[];
  /** The span of `*` when written: every event is handled. */
  readonly allSpan?: Span;
}

/** `order by EXPR` — the key that orders events per person for delivery. */
export interface OrderStatement extends Node {
  readonly kind: "Order";
  readonly value: Expr;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** `send POST "url" [when cond]` followed by its `header`, `query`, `body matches` and `batch` clauses. */
export interface SendStatement extends Node {
  readonly kind: "Send";
  readonly method: HttpMethod;
  readonly methodSpan: Span;
  readonly url: Expr;
  /** `when`: this block is built only when the condition holds (the first block that holds is built). */
  readonly when?: Expr;
  /** The `{PATH}` slots of a URL template, in order (empty for a URL without slots or not a literal). */
  readonly slots?: readonly UrlSlot[];
  readonly headers: readonly HeaderClause[];
  /** `query "name" <- expr` clauses, in order. */
  readonly queries: readonly QueryClause[];
  /** `body matches "schema.json"`: path relative to the .map file. */
  readonly bodySchema?: StringLiteral;
  readonly batch?: BatchClause;
}

/** `{traits.id}` in a URL template: the path whose value fills one path segment. */
export interface UrlSlot extends Node {
  readonly kind: "UrlSlot";
  readonly path: PathExpr;
}

/** `query "name" <- expr`: a percent-encoded query parameter, left out when absent. */
export interface QueryClause extends Node {
  readonly kind: "Query";
  readonly name: StringLiteral;
  readonly value: Expr;
}

/** `batch TARGET max N[, SIZE UNIT]`: `target` is empty for `body` (a top-level list). */
export interface BatchClause extends Node {
  readonly kind: "Batch";
  readonly target: readonly Name[];
  readonly targetSpan: Span;
  readonly maxItems: number;
  readonly maxBytes?: number;
}

export interface HeaderClause extends Node {
  readonly kind: "Header";
  readonly name: StringLiteral;
  readonly value: Expr;
}

export interface LetStatement extends Node {
  readonly kind: "Let";
  readonly name: Name;
  readonly value: Expr;
}

/** `require expr else "message"` — an `error` outcome (code missing_required) when expr is absent. */
export interface RequireStatement extends Node {
  readonly kind: "Require";
  readonly value: Expr;
  readonly message: StringLiteral;
  /** `require … else "…" when cond`: the requirement applies only to events for which the condition holds. */
  readonly when?: Expr;
}

/**
 * `a.b.c <- expr [when cond]` — sets a field of the request body. A quoted step (`properties."$current_url"`) is a
 * Name holding the decoded key. `body <- expr` sets the whole body: its target is empty and `targetSpan` is `body`.
 */
export interface Assignment extends Node {
  readonly kind: "Assign";
  readonly target: readonly Name[];
  readonly targetSpan: Span;
  readonly value: Expr;
  readonly when?: Expr;
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | StringLiteral
  | NumberLiteral
  | BooleanLiteral
  | NullLiteral
  | OmitLiteral
  | ListLiteral
  | PathExpr
  | CallExpr
  | BinaryExpr
  | NotExpr
  | FallbackExpr
  | ObjectLiteral
  | ComprehensionExpr
  | IfExpr
  | MatchExpr;

export interface StringLiteral extends Node {
  readonly kind: "String";
  /** The decoded value (JSON escapes already applied). */
  readonly value: string;
}

export interface NumberLiteral extends Node {
  readonly kind: "Number";
  readonly value: number;
}

export interface BooleanLiteral extends Node {
  readonly kind: "Boolean";
  readonly value: boolean;
}

/** A written `null`: the only way to send JSON null. */
export interface NullLiteral extends Node {
  readonly kind: "Null";
}

/** `omit`: the absent value; assigning it leaves the key out. */
export interface OmitLiteral extends Node {
  readonly kind: "Omit";
}

export interface ListLiteral extends Node {
  readonly kind: "List";
  readonly items: readonly Expr[];
}

/** One step of a path: `.name`, `."quoted name"` or `[0]`. */
export type PathSegment =
  | { readonly kind: "Field"; readonly name: string; readonly span: Span; readonly quoted: boolean }
  | { readonly kind: "Index"; readonly index: number; readonly span: Span };

/**
 * A null-safe read. `root` is the first name: one of the roots (`event`, `traits`, `properties`, `context`,
 * `settings`) or a `let` binding. Bare `event` is the event name; `event.x` reads a top-level field of the event.
 */
export interface PathExpr extends Node {
  readonly kind: "Path";
  readonly root: Name;
  readonly segments: readonly PathSegment[];
}

export interface CallExpr extends Node {
  readonly kind: "Call";
  readonly callee: Name;
  readonly args: readonly Expr[];
}

export type BinaryOperator = "+" | "==" | "!=" | "and" | "or" | "-" | "*" | "/" | "<" | "<=" | ">" | ">=" | "in";

export interface BinaryExpr extends Node {
  readonly kind: "Binary";
  readonly operator: BinaryOperator;
  readonly operatorSpan: Span;
  readonly left: Expr;
  readonly right: Expr;
}

export interface NotExpr extends Node {
  readonly kind: "Not";
  readonly operand: Expr;
}

/**
 * `left ?? right [warn "message"]` — right when left is absent or a fallible call in left failed.
 * `warn` adds a warning to the outcome only when the fallback was taken because a call failed.
 * Right-associative: `a ?? b ?? c` is `a ?? (b ?? c)`.
 */
export interface FallbackExpr extends Node {
  readonly kind: "Fallback";
  readonly left: Expr;
  readonly right: Expr;
  readonly warn?: StringLiteral;
}

// ---------------------------------------------------------------- expressions of language v2

/** `{ key: expr, "quoted key": expr }`: absent values leave their key out; an object left empty that way is absent. */
export interface ObjectLiteral extends Node {
  readonly kind: "Object";
  readonly entries: readonly ObjectEntry[];
}

export interface ObjectEntry extends Node {
  readonly kind: "Entry";
  /** The key as sent (a quoted key decoded). */
  readonly key: string;
  readonly keySpan: Span;
  readonly value: Expr;
}

/** `[ item for name in source if condition ]`: `name` is bound in `item` and `condition` only. */
export interface ComprehensionExpr extends Node {
  readonly kind: "Comprehension";
  readonly item: Expr;
  readonly name: Name;
  readonly source: Expr;
  readonly condition?: Expr;
}

/** `if condition then value else otherwise`: absent when the condition does not hold and there is no else. */
export interface IfExpr extends Node {
  readonly kind: "If";
  readonly condition: Expr;
  readonly then: Expr;
  readonly otherwise?: Expr;
}

/** `match subject { "a" => x, 1 => y, else => z }`: the first arm equal (JSON equality) to the subject. */
export interface MatchExpr extends Node {
  readonly kind: "Match";
  readonly subject: Expr;
  readonly arms: readonly MatchArm[];
  readonly otherwise?: Expr;
}

export interface MatchArm extends Node {
  readonly kind: "Arm";
  readonly pattern: StringLiteral | NumberLiteral | BooleanLiteral;
  readonly value: Expr;
}
