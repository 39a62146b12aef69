// The grammar rules of language v2's compound expressions (`if`, comprehensions, objects, `match`): the base class
// of StructureRules (parser-structure.ts) and so of MapParser (parser.ts), which defines `expression` and the
// operators' rules. Syntax only, like the rest of the grammar.

import type { CstNode, ParserMethod } from "chevrotain";
import { CstParser } from "./chevrotain.js";
import * as T from "./tokens.js";

export abstract class CompoundExpressionRules extends CstParser {
  /** The whole expression rule, defined by MapParser: every part of a compound expression is one. */
  protected abstract expression: ParserMethod<[], CstNode>;

  // The loosest construct: its branches are whole expressions, so `if c then a else b ?? d` falls back inside else.
  protected ifExpr = this.RULE("ifExpr", () => {
    this.CONSUME(T.If);
    this.SUBRULE1(this.expression, { LABEL: "condition" });
    this.CONSUME(T.Then);
    this.SUBRULE2(this.expression, { LABEL: "then" });
    this.OPTION(() => {
      this.CONSUME(T.Else);
      this.SUBRULE3(this.expression, { LABEL: "otherwise" });
    });
  });

  protected comprehension = this.RULE("comprehension", () => {
    this.CONSUME(T.For);
    this.CONSUME(T.Name, { LABEL: "name" });
    this.CONSUME(T.In);
    this.SUBRULE1(this.expression, { LABEL: "source" });
    this.OPTION(() => {
      this.CONSUME(T.If);
      this.SUBRULE2(this.expression, { LABEL: "condition" });
    });
  });

  protected objectLiteral = this.RULE("objectLiteral", () => {
    this.CONSUME(T.LBrace);
    this.OPTION(() => {
      this.SUBRULE1(this.objectEntry, { LABEL: "entry" });
      this.MANY(() => {
        this.CONSUME1(T.Comma);
        this.SUBRULE2(this.objectEntry, { LABEL: "entry" });
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  protected objectEntry = this.RULE("objectEntry", () => {
    this.OR({
      DEF: [
        { ALT: () => this.CONSUME(T.AnyName, { LABEL: "key" }) },
        { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: "key" }) },
      ],
      ERR_MSG: "a key",
    });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression, { LABEL: "value" });
  });

  protected matchExpr = this.RULE("matchExpr", () => {
    this.CONSUME(T.Match);
    this.SUBRULE(this.expression, { LABEL: "subject" });
    this.CONSUME(T.LBrace);
    this.OPTION(() => {
      this.SUBRULE1(this.matchArm, { LABEL: "arm" });
      this.MANY(() => {
        this.CONSUME1(T.Comma);
        this.SUBRULE2(this.matchArm, { LABEL: "arm" });
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  protected matchArm = this.RULE("matchArm", () => {
    this.OR({
      DEF: [
        { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: "pattern" }) },
        { ALT: () => this.CONSUME(T.NumberLiteral, { LABEL: "pattern" }) },
        { ALT: () => this.CONSUME(T.True, { LABEL: "pattern" }) },
        { ALT: () => this.CONSUME(T.False, { LABEL: "pattern" }) },
        { ALT: () => this.CONSUME(T.Else, { LABEL: "pattern" }) },
      ],
      ERR_MSG: "a string, number or boolean to match, or else",
    });
    this.CONSUME(T.FatArrow);
    this.SUBRULE(this.expression, { LABEL: "value" });
  });
}
