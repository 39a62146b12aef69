// The registry of diagnostic codes. A code, once released, keeps its meaning forever: add new ones, never reuse.

export const DIAGNOSTIC_CODES = {
  // syntax (E1xx)
  E100: "unexpected character",
  E101: "unterminated string",
  E102: "invalid escape in string",
  E103: "syntax error",
  E104: "missing integration header",
  // names and references (E2xx)
  E200: "unknown function",
  E201: "unknown root",
  E202: "unknown setting",
  E203: "unknown field of the canonical event",
  E204: "unknown target field",
  E205: "let used before it is defined",
  E206: "duplicate let",
  E207: "duplicate setting",
  E208: "request schema not found or unreadable",
  E209: "let shadows a root",
  // types and arity (E3xx)
  E300: "wrong number of arguments",
  E301: "argument type mismatch",
  E302: "value type does not fit the target field",
  E303: "condition is not boolean",
  E304: "operator type mismatch",
  // preset rules (E4xx)
  E400: "target assigned twice",
  E401: "unhandled fallible call",
  E402: "empty on list",
  E403: "missing on statement",
  E404: "missing send statement",
  E405: "duplicate statement",
  E406: "invalid setting type",
  E407: "invalid url",
  E408: "secret setting used outside a header",
  E409: "empty require message",
  E410: "invalid header name",
  E411: "more than one preset in a file",
  E412: "missing preset",
  E413: "event value sent unconverted into a typed field",
  // request schema (E45x)
  E450: "required field never set",
  E451: "unresolvable $ref in the request schema",
  E452: "field target in a list body",
  E453: "literal breaks the field's format",
  // the compiler itself (E9xx): a bug to report, never the author's fault
  E900: "internal compiler error",
  // warnings (W)
  W100: "unused let",
  W101: "fallback never taken",
  W102: "duplicate event name in on list",
  W120: "required field may be missing",
  W121: "condition names an event the preset never receives",
  W122: "condition never holds",
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
