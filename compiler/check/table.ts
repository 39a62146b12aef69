// The typed table of checks: for each AST node kind, the checks that run on every node of that kind.

import type {
  Assignment,
  BinaryExpr,
  BooleanLiteral,
  CallExpr,
  ComprehensionExpr,
  FallbackExpr,
  HeaderClause,
  IfExpr,
  IntegrationDecl,
  LetStatement,
  ListLiteral,
  MapFile,
  MatchExpr,
  NotExpr,
  NullLiteral,
  NumberLiteral,
  ObjectLiteral,
  OmitLiteral,
  OnStatement,
  OrderStatement,
  PathExpr,
  PresetDecl,
  QueryClause,
  RequireStatement,
  DropStatement,
  SendStatement,
  SettingDecl,
  StringLiteral,
} from "../../dsl/ast.js";
import type { CheckContext } from "./context.js";

/** Every node kind the walker visits, mapped to its node type. */
export interface NodeByKind {
  MapFile: MapFile;
  IntegrationDecl: IntegrationDecl;
  SettingDecl: SettingDecl;
  PresetDecl: PresetDecl;
  On: OnStatement;
  Send: SendStatement;
  Header: HeaderClause;
  Let: LetStatement;
  Require: RequireStatement;
  Drop: DropStatement;
  Assign: Assignment;
  Query: QueryClause;
  Order: OrderStatement;
  String: StringLiteral;
  Number: NumberLiteral;
  Boolean: BooleanLiteral;
  Null: NullLiteral;
  Omit: OmitLiteral;
  List: ListLiteral;
  Path: PathExpr;
  Call: CallExpr;
  Binary: BinaryExpr;
  Not: NotExpr;
  Fallback: FallbackExpr;
  Object: ObjectLiteral;
  Comprehension: ComprehensionExpr;
  If: IfExpr;
  Match: MatchExpr;
}

export type NodeKind = keyof NodeByKind;

export type Check<N> = (node: N, context: CheckContext) => void;

/** Checks per node kind. The walker runs a node's checks after its children, so scope and uses are already known. */
export type CheckTable = { readonly [K in NodeKind]?: readonly Check<NodeByKind[K]>[] };

/** Joins several tables into one: every table's checks for a kind run, in the order the tables are given. */
export function mergeTables(...tables: readonly CheckTable[]): CheckTable {
  const merged: Partial<Record<NodeKind, Check<never>[]>> = {};
  for (const table of tables) {
    for (const kind of Object.keys(table) as NodeKind[]) {
      const checks = (table[kind] ?? []) as readonly Check<never>[];
      merged[kind] = [...(merged[kind] ?? []), ...checks];
    }
  }
  return merged as CheckTable;
}

/** Runs the table's checks for one node. */
export function runChecks<K extends NodeKind>(
  table: CheckTable,
  kind: K,
  node: NodeByKind[K],
  context: CheckContext,
): void {
  const checks = table[kind] as readonly Check<NodeByKind[K]>[] | undefined;
  for (const check of checks ?? []) check(node, context);
}
