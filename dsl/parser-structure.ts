// The grammar rules of declarations and statements (`integration`, `setting`, `preset`, `on`, `send` and its clauses,
// `let`, `require`, `drop`, assignments, `order by`, `rate limit`): the base class of MapParser (parser.ts), between
// the compound expressions' rules (parser-compound.ts) and the operators'. Syntax only, like the rest of the grammar.
//
//   integration := "integration" NAME STRING?
//   setting     := "setting" NAME ":" NAME (NAME | values | default)* STRING?   (type, then modifiers such as `required`)
//   values      := "one" "of" literal ("," literal)*               (`one`, `of`, `default` are plain names)
//   default     := "default" literal                               (literal := STRING | "-"? NUMBER | "true" | "false")
//   preset      := "preset" NAME STRING?
//   on          := "on" (onItem ("," onItem)*)?                   (empty list parsed so the checker can explain it)
//   onItem      := STRING | NAME | "*"                             (event name, call type, every event)
//   send        := "send" NAME expr ("when" expr)? (header | query)* ("body" "matches" STRING)? batch?
//   header      := "header" STRING "<-" expr
//   query       := "query" STRING "<-" expr
//   batch       := "batch" ("body" | NAME ("." ANYNAME)*) NAME NUMBER ("," NUMBER NAME)?   (max N, SIZE UNIT)
//   order       := "order" NAME expr                               (order by EXPR)
//   rate        := "rate" NAME NUMBER NAME NUMBER? NAME            (rate limit N per [COUNT] UNIT)
//   let         := "let" NAME "=" expr
//   require     := "require" expr "else" STRING ("when" expr)?
//   drop        := "drop" STRING "when" expr
//   assign      := ("body" | step ("." (ANYNAME | STRING))*) "<-" expr ("when" expr)?     (step := NAME | STRING)

import { CompoundExpressionRules } from "./parser-compound.js";
import * as T from "./tokens.js";

/** Tokens that begin the expression after a misspelt `by` (`order bx email`), but do not continue a name. */
const STARTS_AFTER_BY = [T.Name, T.StringLiteral, T.NumberLiteral, T.LBracket, T.LBrace, T.Not, T.If, T.Match];

export abstract class StructureRules extends CompoundExpressionRules {
  protected integrationHeader = this.RULE("integrationHeader", () => {
    this.CONSUME(T.Integration);
    this.CONSUME(T.Name);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
  });

  protected settingDecl = this.RULE("settingDecl", () => {
    this.CONSUME(T.Setting);
    this.CONSUME1(T.Name, { LABEL: "name" });
    this.CONSUME(T.Colon);
    this.CONSUME2(T.Name, { LABEL: "type" });
    // `one`, `of` and `default` are plain names (usable anywhere else), told from a modifier by their text.
    this.MANY(() =>
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { GATE: () => this.LA(1).image === "one", ALT: () => this.SUBRULE(this.settingValues) },
          { GATE: () => this.LA(1).image === "default", ALT: () => this.SUBRULE(this.settingDefault) },
          { ALT: () => this.CONSUME3(T.Name, { LABEL: "modifier" }) },
        ],
      }),
    );
    this.OPTION(() => this.CONSUME(T.StringLiteral));
  });

  protected settingValues = this.RULE("settingValues", () => {
    this.CONSUME1(T.Name, { LABEL: "one" });
    this.CONSUME2(T.Name, { LABEL: "of" });
    this.SUBRULE1(this.settingLiteral, { LABEL: "value" });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.settingLiteral, { LABEL: "value" });
    });
  });

  protected settingDefault = this.RULE("settingDefault", () => {
    this.CONSUME(T.Name, { LABEL: "default" });
    this.SUBRULE(this.settingLiteral, { LABEL: "value" });
  });

  // A `-` after a name is read as minus by the lexer (`of -1`), so a negative number is that sign and a number.
  protected settingLiteral = this.RULE("settingLiteral", () => {
    this.OR({
      DEF: [
        { ALT: () => this.CONSUME(T.StringLiteral) },
        {
          ALT: () => {
            this.OPTION(() => this.CONSUME(T.Minus, { LABEL: "negative" }));
            this.CONSUME(T.NumberLiteral);
          },
        },
        { ALT: () => this.CONSUME(T.True) },
        { ALT: () => this.CONSUME(T.False) },
      ],
      ERR_MSG: "a string, number or boolean",
    });
  });

  protected presetHeader = this.RULE("presetHeader", () => {
    this.CONSUME(T.Preset);
    this.CONSUME(T.Name);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
  });

  protected onStatement = this.RULE("onStatement", () => {
    this.CONSUME(T.On);
    this.OPTION(() => {
      this.SUBRULE1(this.onItem);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.onItem);
      });
    });
  });

  private onItem = this.RULE("onItem", () => {
    this.OR({
      DEF: [
        { ALT: () => this.CONSUME(T.StringLiteral) },
        { ALT: () => this.CONSUME(T.Name) },
        { ALT: () => this.CONSUME(T.Star) },
      ],
      ERR_MSG: "an event name, a call type or *",
    });
  });

  protected sendStatement = this.RULE("sendStatement", () => {
    this.CONSUME(T.Send);
    this.CONSUME(T.Name, { LABEL: "method" });
    this.SUBRULE1(this.expression, { LABEL: "url" });
    this.OPTION1(() => {
      this.CONSUME(T.When);
      this.SUBRULE2(this.expression, { LABEL: "condition" });
    });
    this.MANY(() =>
      this.OR([{ ALT: () => this.SUBRULE(this.headerClause) }, { ALT: () => this.SUBRULE(this.queryClause) }]),
    );
    this.OPTION2(() => {
      this.CONSUME(T.Body);
      this.CONSUME(T.Matches);
      this.CONSUME(T.StringLiteral, { LABEL: "schema" });
    });
    this.OPTION3(() => this.SUBRULE(this.batchClause));
  });

  private queryClause = this.RULE("queryClause", () => {
    this.CONSUME(T.Query);
    this.CONSUME(T.StringLiteral);
    this.CONSUME(T.Arrow);
    this.SUBRULE(this.expression);
  });

  private batchClause = this.RULE("batchClause", () => {
    this.CONSUME(T.Batch);
    this.OR([
      { ALT: () => this.CONSUME(T.Body, { LABEL: "target" }) },
      {
        ALT: () => {
          this.CONSUME1(T.Name, { LABEL: "target" });
          this.MANY(() => {
            this.CONSUME(T.Dot);
            this.CONSUME(T.AnyName, { LABEL: "target" });
          });
        },
      },
    ]);
    this.CONSUME2(T.Name, { LABEL: "max" });
    this.CONSUME1(T.NumberLiteral, { LABEL: "items" });
    this.OPTION(() => {
      this.CONSUME(T.Comma);
      this.CONSUME2(T.NumberLiteral, { LABEL: "size" });
      this.CONSUME3(T.Name, { LABEL: "unit" });
    });
  });

  // `order email` (no `by`) reads `email` as the expression, so the visitor reports the missing word once.
  protected orderStatement = this.RULE("orderStatement", () => {
    this.CONSUME(T.Order);
    this.OPTION({
      GATE: () => this.LA(1).image === "by" || STARTS_AFTER_BY.includes(this.LA(2).tokenType),
      DEF: () => this.CONSUME(T.Name, { LABEL: "by" }),
    });
    this.SUBRULE(this.expression);
  });

  protected rateLimit = this.RULE("rateLimit", () => {
    this.CONSUME(T.Rate);
    this.CONSUME1(T.Name, { LABEL: "limit" });
    this.CONSUME1(T.NumberLiteral, { LABEL: "count" });
    this.CONSUME2(T.Name, { LABEL: "per" });
    this.OPTION(() => this.CONSUME2(T.NumberLiteral, { LABEL: "windowCount" }));
    this.CONSUME3(T.Name, { LABEL: "unit" });
  });

  private headerClause = this.RULE("headerClause", () => {
    this.CONSUME(T.Header);
    this.CONSUME(T.StringLiteral);
    this.CONSUME(T.Arrow);
    this.SUBRULE(this.expression);
  });

  protected letStatement = this.RULE("letStatement", () => {
    this.CONSUME(T.Let);
    this.CONSUME(T.Name);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  protected requireStatement = this.RULE("requireStatement", () => {
    this.CONSUME(T.Require);
    this.SUBRULE1(this.expression, { LABEL: "value" });
    this.CONSUME(T.Else);
    this.CONSUME(T.StringLiteral);
    this.OPTION(() => {
      this.CONSUME(T.When);
      this.SUBRULE2(this.expression, { LABEL: "condition" });
    });
  });

  protected dropStatement = this.RULE("dropStatement", () => {
    this.CONSUME(T.Drop);
    this.CONSUME(T.StringLiteral);
    this.CONSUME(T.When);
    this.SUBRULE(this.expression);
  });

  protected assignment = this.RULE("assignment", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Body, { LABEL: "wholeBody" }) },
      {
        ALT: () => {
          this.OR2([
            { ALT: () => this.CONSUME(T.Name, { LABEL: "target" }) },
            { ALT: () => this.CONSUME1(T.StringLiteral, { LABEL: "target" }) },
          ]);
          this.MANY(() => {
            this.CONSUME(T.Dot);
            this.OR3([
              { ALT: () => this.CONSUME(T.AnyName, { LABEL: "target" }) },
              { ALT: () => this.CONSUME2(T.StringLiteral, { LABEL: "target" }) },
            ]);
          });
        },
      },
    ]);
    this.CONSUME(T.Arrow);
    this.SUBRULE1(this.expression, { LABEL: "value" });
    this.OPTION(() => {
      this.CONSUME(T.When);
      this.SUBRULE2(this.expression, { LABEL: "condition" });
    });
  });
}
