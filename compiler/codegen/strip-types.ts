// JavaScript from a generated module without the TypeScript compiler: removes the few kinds of type syntax the code
// generator writes (a type import, annotated const/let, annotated parameters and return types of named and anonymous
// functions), and only outside strings and comments, where every piece of .map text lives. Anything else is left as it is: a module that
// still holds type syntax fails to import, and the loader then falls back to the TypeScript compiler.

// A type as the generator writes them: names, generic arguments, list suffixes and unions (no `=`, `;`, `{` or `(`).
const TYPE = String.raw`[A-Za-z_$][\w$\s<>\[\],|]*?`;
const IMPORT_TYPE = /^import type [^;]*;[ \t]*\n?/gm;
const DECLARATION = new RegExp(String.raw`\b(?:const|let)\s+[A-Za-z_$][\w$]*(\s*:\s*${TYPE})(?=\s*[=;])`, "g");
const SIGNATURE = new RegExp(
  String.raw`\bfunction\b\s*(?:[A-Za-z_$][\w$]*)?\s*\(([^()]*)\)(\s*:\s*${TYPE})?(?=\s*\{)`,
  "g",
);
const PARAMETER = new RegExp(String.raw`[A-Za-z_$][\w$]*(\s*:\s*${TYPE})(?=\s*(?:,|$))`, "g");

/** The module with its type syntax removed; same length of code otherwise, so line numbers are kept. */
export function stripTypes(code: string): string {
  const masked = maskStringsAndComments(code);
  const cuts: [number, number][] = [];
  for (const m of masked.matchAll(IMPORT_TYPE)) cuts.push([m.index, m.index + m[0].length]);
  for (const m of masked.matchAll(DECLARATION)) cuts.push(tail(m.index + m[0].length, m[1]));
  for (const m of masked.matchAll(SIGNATURE)) {
    const open = m.index + m[0].indexOf("(") + 1;
    for (const p of m[1].matchAll(PARAMETER)) cuts.push(tail(open + p.index + p[0].length, p[1]));
    if (m[2] !== undefined) cuts.push(tail(m.index + m[0].length, m[2]));
  }
  cuts.sort((a, b) => b[0] - a[0]);
  let out = code;
  for (const [start, end] of cuts) out = out.slice(0, start) + out.slice(end);
  return out;
}

function tail(end: number, text: string): [number, number] {
  return [end - text.length, end];
}

/**
 * The code with the inside of every string, template and comment replaced by NUL characters (same length), so the
 * patterns above can only match code. Templates are masked whole, `${…}` included.
 */
export function maskStringsAndComments(code: string): string {
  const out = code.split("");
  let i = 0;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== "\n") out[k] = "\0";
  };
  while (i < code.length) {
    const c = code[i];
    const next = code[i + 1];
    let end = i + 1;
    if (c === "/" && next === "/") end = lineEnd(code, i);
    else if (c === "/" && next === "*") end = blockEnd(code, i);
    else if (c === '"' || c === "'") end = quotedEnd(code, i, c);
    else if (c === "`") end = templateEnd(code, i);
    if (end > i + 1) blank(i, end);
    i = end;
  }
  return out.join("");
}

function lineEnd(code: string, at: number): number {
  const nl = code.indexOf("\n", at);
  return nl === -1 ? code.length : nl;
}

function blockEnd(code: string, at: number): number {
  const close = code.indexOf("*/", at + 2);
  return close === -1 ? code.length : close + 2;
}

function quotedEnd(code: string, at: number, quote: string): number {
  for (let i = at + 1; i < code.length; i++) {
    if (code[i] === "\\") i++;
    else if (code[i] === quote || code[i] === "\n") return i + 1;
  }
  return code.length;
}

function templateEnd(code: string, at: number): number {
  let depth = 0;
  for (let i = at + 1; i < code.length; i++) {
    const c = code[i];
    if (c === "\\") i++;
    else if (depth === 0 && c === "`") return i + 1;
    else if (c === "$" && code[i + 1] === "{") (depth++, i++);
    else if (depth > 0 && c === "}") depth--;
    else if (depth > 0 && (c === '"' || c === "'")) i = quotedEnd(code, i, c) - 1;
    else if (depth > 0 && c === "`") i = templateEnd(code, i) - 1;
  }
  return code.length;
}
