// The .map grammar as a Chevrotain CstParser: syntax only, no semantics; one instance is built at module load.
//
// The parser reads one *chunk* at a time: a declaration (`integration`, `setting`, `preset`) or a statement. The
// facade (parse.ts) cuts the token stream at statement boundaries and stitches the chunks back into a file, so a
// broken statement can never swallow the ones after it and every broken statement is reported. Inside a chunk,
// Chevrotain's own recovery (single-token insertion and deletion) repairs small slips such as a missing ")".
//
//   chunk       := integration | setting | preset | on | send | let | require | drop | assign | order | rate
//   (the declarations and statements are in parser-structure.ts)
//   expr        := if | or ("??" or)* ("warn" STRING)?            (a `warn` without `??` is reported by the visitor)
//   if          := "if" expr "then" expr ("else" expr)?
//   or          := and ("or" and)*
//   and         := not ("and" not)*
//   not         := "not" not | compare
//   compare     := sum (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in") sum)?   (`for NAME in` is the comprehension's)
//   sum         := product (("+" | "-") product)*
//   product     := primary (("*" | "/") primary)*
//   primary     := STRING | NUMBER | "true" | "false" | "null" | "omit" | list | object | match | "(" expr ")"
//                | call | path
//   list        := "[" (expr ("for" NAME "in" expr ("if" expr)? | ("," expr)* ","?))? "]"
//   object      := "{" (entry ("," entry)* ","?)? "}"            (entry := (ANYNAME | STRING) ":" expr)
//   match       := "match" expr "{" (arm ("," arm)* ","?)? "}"
//   arm         := (STRING | NUMBER | "true" | "false" | "else") "=>" expr
//   call        := NAME "(" (expr ("," expr)*)? ")"
//   path        := NAME ("." (ANYNAME | STRING) | "[" NUMBER "]")*
//
// The rules of declarations and statements are in parser-structure.ts, this class's base, and those of `if`,
// comprehensions, objects and `match` in parser-compound.ts, its base in turn.

import type { CstNode, IToken } from "chevrotain";
import { StructureRules } from "./parser-structure.js";
import { SYNTAX_ERROR_PROVIDER } from "./syntax-errors.js";
import * as T from "./tokens.js";

const STATEMENT = "a statement";
const EXPRESSION = "an expression";

export class MapParser extends StructureRules {
  constructor() {
    super([...T.ALL_TOKENS], { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: SYNTAX_ERROR_PROVIDER });
    this.performSelfAnalysis();
  }

  public chunk = this.RULE("chunk", () => {
    this.OR({
      DEF: [
        { ALT: () => this.SUBRULE(this.integrationHeader) },
        { ALT: () => this.SUBRULE(this.settingDecl) },
        { ALT: () => this.SUBRULE(this.presetHeader) },
        { ALT: () => this.SUBRULE(this.onStatement) },
        { ALT: () => this.SUBRULE(this.sendStatement) },
        { ALT: () => this.SUBRULE(this.letStatement) },
        { ALT: () => this.SUBRULE(this.requireStatement) },
        { ALT: () => this.SUBRULE(this.dropStatement) },
        { ALT: () => this.SUBRULE(this.assignment) },
        { ALT: () => this.SUBRULE(this.orderStatement) },
        { ALT: () => this.SUBRULE(this.rateLimit) },
      ],
      ERR_MSG: STATEMENT,
    });
  });

  protected expression = this.RULE("expression", () => {
    this.OR({
      DEF: [
        { ALT: () => this.SUBRULE(this.ifExpr) },
        {
          ALT: () => {
            this.SUBRULE1(this.orExpr, { LABEL: "operand" });
            this.MANY(() => {
              this.CONSUME(T.Fallback);
              this.SUBRULE2(this.orExpr, { LABEL: "operand" });
            });
            this.OPTION(() => {
              this.CONSUME(T.Warn);
              this.CONSUME(T.StringLiteral, { LABEL: "warning" });
            });
          },
        },
      ],
      ERR_MSG: EXPRESSION,
    });
  });

  private orExpr = this.RULE("orExpr", () => {
    this.SUBRULE1(this.andExpr, { LABEL: "operand" });
    this.MANY(() => {
      this.CONSUME(T.Or, { LABEL: "operator" });
      this.SUBRULE2(this.andExpr, { LABEL: "operand" });
    });
  });

  private andExpr = this.RULE("andExpr", () => {
    this.SUBRULE1(this.notExpr, { LABEL: "operand" });
    this.MANY(() => {
      this.CONSUME(T.And, { LABEL: "operator" });
      this.SUBRULE2(this.notExpr, { LABEL: "operand" });
    });
  });

  private notExpr = this.RULE("notExpr", () => {
    this.OR({
      DEF: [
        {
          ALT: () => {
            this.CONSUME(T.Not);
            this.SUBRULE(this.notExpr);
          },
        },
        { ALT: () => this.SUBRULE(this.compareExpr) },
      ],
      ERR_MSG: EXPRESSION,
    });
  });

  private compareExpr = this.RULE("compareExpr", () => {
    this.SUBRULE1(this.sumExpr, { LABEL: "operand" });
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.EqualEqual, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.NotEqual, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.Less, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.LessEqual, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.Greater, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.GreaterEqual, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.In, { LABEL: "operator" }) },
      ]);
      this.SUBRULE2(this.sumExpr, { LABEL: "operand" });
    });
  });

  private sumExpr = this.RULE("sumExpr", () => {
    this.SUBRULE1(this.productExpr, { LABEL: "operand" });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Plus, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.Minus, { LABEL: "operator" }) },
      ]);
      this.SUBRULE2(this.productExpr, { LABEL: "operand" });
    });
  });

  private productExpr = this.RULE("productExpr", () => {
    this.SUBRULE1(this.primary, { LABEL: "operand" });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Star, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.Slash, { LABEL: "operator" }) },
      ]);
      this.SUBRULE2(this.primary, { LABEL: "operand" });
    });
  });

  private primary = this.RULE("primary", () => {
    this.OR({
      DEF: [
        { ALT: () => this.CONSUME(T.StringLiteral) },
        { ALT: () => this.CONSUME(T.NumberLiteral) },
        { ALT: () => this.CONSUME(T.True) },
        { ALT: () => this.CONSUME(T.False) },
        { ALT: () => this.CONSUME(T.Null) },
        { ALT: () => this.CONSUME(T.Omit) },
        { ALT: () => this.SUBRULE(this.listLiteral) },
        { ALT: () => this.SUBRULE(this.objectLiteral) },
        { ALT: () => this.SUBRULE(this.matchExpr) },
        { ALT: () => this.SUBRULE(this.parenthesized) },
        { ALT: () => this.SUBRULE(this.callExpr) },
        { ALT: () => this.SUBRULE(this.pathExpr) },
      ],
      ERR_MSG: EXPRESSION,
    });
  });

  private listLiteral = this.RULE("listLiteral", () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE1(this.expression, { LABEL: "item" });
      this.OR([
        { ALT: () => this.SUBRULE(this.comprehension) },
        {
          ALT: () => {
            this.MANY(() => {
              this.CONSUME1(T.Comma);
              this.SUBRULE2(this.expression, { LABEL: "item" });
            });
            this.OPTION2(() => this.CONSUME2(T.Comma));
          },
        },
      ]);
    });
    this.CONSUME(T.RBracket);
  });

  private parenthesized = this.RULE("parenthesized", () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
  });

  private callExpr = this.RULE("callExpr", () => {
    this.CONSUME(T.Name);
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE1(this.expression, { LABEL: "argument" });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.expression, { LABEL: "argument" });
      });
    });
    this.CONSUME(T.RParen);
  });

  private pathExpr = this.RULE("pathExpr", () => {
    this.CONSUME(T.Name, { LABEL: "root" });
    this.MANY(() => this.SUBRULE(this.pathSegment, { LABEL: "segment" }));
  });

  private pathSegment = this.RULE("pathSegment", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Dot);
          this.OR2({
            DEF: [
              { ALT: () => this.CONSUME(T.AnyName, { LABEL: "field" }) },
              { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: "field" }) },
            ],
            ERR_MSG: "a field name",
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.CONSUME(T.NumberLiteral, { LABEL: "index" });
          this.CONSUME(T.RBracket);
        },
      },
    ]);
  });
}

/** The one parser instance: Chevrotain parsers are built for reuse, and self-analysis is costly. */
export const MAP_PARSER = new MapParser();

/** Parses one chunk of tokens; Chevrotain records errors on the instance instead of throwing. */
export function parseChunk(tokens: IToken[]): { cst: CstNode; errors: MapParser["errors"] } {
  MAP_PARSER.input = tokens;
  const cst = MAP_PARSER.chunk();
  return { cst, errors: MAP_PARSER.errors };
}
