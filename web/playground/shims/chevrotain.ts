// Browser stand-in for dsl/chevrotain.ts, which finds Chevrotain's single-file build through Node's module resolver:
// here esbuild bundles the same single-file build, so lexing and parsing are identical.

export { createToken, CstParser, EOF, Lexer, tokenLabel, tokenMatcher } from "chevrotain";
