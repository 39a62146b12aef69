// What every check can see: the file's declarations, the preset being checked, and where the current node sits.

import path from "node:path";
import type {
  Assignment,
  Expr,
  LetStatement,
  MapFile,
  OnStatement,
  PresetDecl,
  SendStatement,
  SettingDecl,
  Statement,
} from "../../dsl/ast.js";
import { listOf, typeEnvFor, type TypeEnv } from "./types.js";
import type { Reporter } from "./report.js";
import { loadRequestSchema, type LoadedSchema } from "./request-schema.js";
import { layoutOf, type PresetLayout } from "./blocks.js";

export interface FileState {
  readonly file: MapFile;
  readonly filename: string;
  readonly readFile: (absolutePath: string) => string | undefined;
  /** Declared settings by name (first declaration wins); undefined when the integration header is missing. */
  readonly settings: ReadonlyMap<string, SettingDecl> | undefined;
  /** Names of `secret` settings. */
  readonly secretSettings: ReadonlySet<string>;
}

/** Per-preset facts collected while its statements are walked in order. */
export interface PresetState {
  readonly decl: PresetDecl;
  readonly env: TypeEnv;
  /** Every `let` of the preset by name, first declaration wins: tells "defined later" from "never defined". */
  readonly letsByName: ReadonlyMap<string, LetStatement>;
  /** `let` names defined by the statements walked so far (in the prelude and the current send block). */
  readonly inScope: Set<string>;
  /** The binding of each name in `inScope`: with several send blocks, a name may be bound once per block. */
  readonly scope: Map<string, LetStatement>;
  /** Every `let` that was declared (not a duplicate), in order: the ones W100 looks at. */
  readonly declared: LetStatement[];
  readonly letUses: Map<LetStatement, number>;
  /** The request schema of the first `send`, loaded before any statement is walked so order does not matter. */
  readonly schema: LoadedSchema | undefined;
  readonly assignments: Assignment[];
  readonly secretHeaders: string[];
  /** The first `on` and `send` statements; a second `on` is an error and is otherwise ignored. */
  readonly on: OnStatement | undefined;
  readonly send: SendStatement | undefined;
  /** Prelude and send blocks (language v2: several sends per preset). */
  readonly layout: PresetLayout;
  /** Each send block's request schema, loaded up front; index as in `layout.blocks`. */
  readonly schemas: readonly (LoadedSchema | undefined)[];
  /** The send block index of each rule inside a block; prelude rules are not in it. */
  readonly blockOf: ReadonlyMap<Statement, number>;
  /** Set when a `now()` call is checked. */
  usesClock: boolean;
}

/** Where an expression sits, as far as checks care. */
export interface Site {
  /** Inside the value of a `header` clause, a `query` clause or a URL slot. */
  readonly inHeaderValue: boolean;
  /**
   * Set where a value decides what is sent rather than being sent: "a when condition", "a let", "require", … .
   * A secret setting may be sent (header, query, URL slot, body value) but never read here (E408).
   */
  readonly decides?: string;
  /** The direct left operand of `??`: the only place a fallible call is handled. */
  readonly fallbackLeft: boolean;
  /** Loop names of the comprehensions around the expression, each with the list it walks (outermost first). */
  readonly loops?: ReadonlyMap<string, Expr>;
  /** Where a value being fitted sits in the body, for messages: `data[].user_data` (set below the target). */
  readonly fieldPath?: string;
}

export interface CheckContext {
  readonly reporter: Reporter;
  readonly file: FileState;
  /** Undefined for file-level nodes (the header and its settings). */
  readonly preset: PresetState | undefined;
  readonly site: Site;
}

export const TOP_SITE: Site = { inHeaderValue: false, fallbackLeft: false };

export function createFileState(
  file: MapFile,
  filename: string,
  readFile: (absolutePath: string) => string | undefined,
): FileState {
  const integration = file?.integration;
  const settings = new Map<string, SettingDecl>();
  const secretSettings = new Set<string>();
  for (const setting of listOf(integration?.settings)) {
    const name = setting?.name?.text;
    if (typeof name !== "string" || settings.has(name)) continue;
    settings.set(name, setting);
    if (setting.type === "secret") secretSettings.add(name);
  }
  return { file, filename, readFile, settings: integration ? settings : undefined, secretSettings };
}

export function createPresetState(file: FileState, decl: PresetDecl): PresetState {
  const letsByName = new Map<string, LetStatement>();
  let firstSend: SendStatement | undefined;
  let firstOn: OnStatement | undefined;
  for (const statement of listOf(decl?.statements)) {
    if (statement?.kind === "Let" && typeof statement.name?.text === "string" && !letsByName.has(statement.name.text)) {
      letsByName.set(statement.name.text, statement);
    }
    if (statement?.kind === "Send" && firstSend === undefined) firstSend = statement;
    if (statement?.kind === "On" && firstOn === undefined) firstOn = statement;
  }
  const layout = layoutOf(decl);
  const schemas = layout.blocks.map(({ send }) => schemaOf(send, file));
  const blockOf = new Map<Statement, number>();
  layout.blocks.forEach((block, index) => block.statements.forEach((s) => blockOf.set(s, index)));
  return {
    decl,
    env: typeEnvFor(file.file, decl),
    letsByName,
    inScope: new Set(),
    scope: new Map(),
    declared: [],
    letUses: new Map(),
    schema: schemas[0],
    assignments: [],
    secretHeaders: [],
    on: firstOn,
    send: firstSend,
    layout,
    schemas,
    blockOf,
    usesClock: false,
  };
}

function schemaOf(send: SendStatement, file: FileState): LoadedSchema | undefined {
  const literal = send.bodySchema;
  if (typeof literal?.value !== "string") return undefined;
  return loadRequestSchema(path.resolve(path.dirname(file.filename), literal.value), file.readFile);
}

/** The request schema a rule is checked against: its block's; a prelude rule sets no body, so none. */
export function schemaFor(preset: PresetState, statement: Statement): LoadedSchema | undefined {
  const index = preset.blockOf.get(statement);
  return index === undefined ? undefined : preset.schemas[index];
}

const NO_NAMES: TypeEnv = { settingType: () => undefined, letType: () => undefined };

/** The names types are looked up in: the preset's, or none outside a preset. */
export function envOf(context: CheckContext): TypeEnv {
  const env = context.preset?.env ?? NO_NAMES;
  const loops = context.site.loops;
  return loops === undefined || loops.size === 0 ? env : { ...env, loopSource: (name) => loops.get(name) };
}
