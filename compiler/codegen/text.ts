// Safe text for generated code: every piece of .map text reaches the output only through these functions.

/** A TypeScript string literal for any string, lone surrogates and line separators included. */
export function quote(value: string): string {
  // JSON.stringify escapes quotes, backslashes, control characters and lone surrogates; U+2028/2029 are legal in
  // string literals since ES2019 but are escaped too so the output stays plain to read and to diff.
  return JSON.stringify(value)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * Text for a `//` comment. Line terminators (including U+2028/2029, which JavaScript treats as line ends) and other
 * control characters are escaped, so a comment can never end early and let .map text run as code.
 */
export function commentText(value: string): string {
  // `*/` is broken up too, so the text is safe inside a /** */ block as well.
  return value.replace(/\*\//g, "*\\/").replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    if (ch === "\t") return " ";
    return "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0");
  });
}

/** A .map rule as one comment line: whitespace folded, long rules shortened. */
export function ruleComment(sourceText: string, maxLength = 110): string {
  const folded = sourceText.replace(/\s+/g, " ").trim();
  const short = folded.length > maxLength ? folded.slice(0, maxLength - 1) + "…" : folded;
  return commentText(short);
}

/** `.name` for a key that is an identifier, `["key"]` for any other. */
export function propertyAccess(key: string): string {
  return isIdentifier(key) ? `.${key}` : `[${quote(key)}]`;
}

/** A JavaScript identifier: a value already in a local (no temporary needed), or a key written after a dot. */
export function isIdentifier(code: string): boolean {
  return IDENTIFIER.test(code);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await async of undefined NaN Infinity " +
    "arguments eval " +
    // names the generated module itself uses
    "rt fn event settings body headers warnings build definePreset field item plus equals holds list isFailure " +
    "put putIn text orElse REQUEST_SCHEMA " +
    // helpers of language v2 expressions
    "sub mul div less lessOrEqual greater greaterOrEqual obj each pick " +
    // names of language v2's preset structure
    "clock clockText keyText segment withQuery"
  ).split(" "),
);

/** The TypeScript name of a `let` binding: its own name unless that would clash, then with a `$` (not a .map character). */
export function localName(mapName: string): string {
  return RESERVED.has(mapName) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(mapName)
    ? mapName.replace(/[^A-Za-z0-9_]/g, "_") + "$"
    : mapName;
}
