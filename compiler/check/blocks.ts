// Where each statement of a preset belongs: its prelude (before the first `send`) or one send block.
//
// With one `send` every rule belongs to its block wherever it stands, so version 1 files read as before. With several,
// statements before the first `send` are the prelude and each `send` owns the statements up to the next one.

import type { PresetDecl, SendStatement, Statement } from "../../dsl/ast.js";
import { listOf } from "./types.js";

export interface SendBlock {
  readonly send: SendStatement;
  /** The block's rules (let, require, order by, assignments), in source order. */
  readonly statements: readonly Statement[];
}

export interface PresetLayout {
  /** Statements every block sees: before the first send, when there are several sends; none otherwise. */
  readonly prelude: readonly Statement[];
  readonly blocks: readonly SendBlock[];
}

/** Rules: what a block runs per event. `on` and `send` describe the preset rather than run. */
function isRule(statement: Statement): boolean {
  return statement?.kind !== "On" && statement?.kind !== "Send";
}

export function layoutOf(decl: PresetDecl): PresetLayout {
  const statements = listOf(decl?.statements);
  const sends = statements.filter((s): s is SendStatement => s?.kind === "Send");
  if (sends.length <= 1) {
    const blocks = sends.map((send) => ({ send, statements: statements.filter(isRule) }));
    return { prelude: [], blocks };
  }
  const prelude: Statement[] = [];
  const blocks: { send: SendStatement; statements: Statement[] }[] = [];
  for (const statement of statements) {
    if (statement?.kind === "Send") blocks.push({ send: statement, statements: [] });
    else if (!isRule(statement)) continue;
    else if (blocks.length === 0) prelude.push(statement);
    else blocks[blocks.length - 1].statements.push(statement);
  }
  return { prelude, blocks };
}
