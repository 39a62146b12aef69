// A small argument parser shared by the commands: flags, options with values, positionals, and `-` for stdin.

import { suggest } from "../diagnostics/suggest.js";

export interface ArgSpec {
  /** Boolean switches, written `--name`. */
  readonly flags: readonly string[];
  /** Options taking a value, written `--name VALUE` or `--name=VALUE`; a one-letter alias may map to one. */
  readonly options: readonly string[];
  readonly aliases?: Readonly<Record<string, string>>;
}

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Set<string>;
  readonly options: Map<string, string>;
  readonly help: boolean;
  /** The first problem found, phrased for the user; the rest of the result is then incomplete. */
  readonly error?: string;
}

export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const result = {
    positional: [] as string[],
    flags: new Set<string>(),
    options: new Map<string, string>(),
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      result.help = true;
      continue;
    }
    if (arg === "-" || !arg.startsWith("-")) {
      result.positional.push(arg);
      continue;
    }
    const [rawName, inline] = splitInline(arg);
    const name = spec.aliases?.[rawName] ?? rawName.replace(/^--?/, "");
    if (spec.flags.includes(name)) {
      // `--json=true` and `--json=false` are what many tools accept; any other value is a mistake, not a switch.
      const on = switchValue(inline);
      if (on === undefined) return { ...result, error: `--${name} is a switch: give no value (or =true / =false)` };
      if (on) result.flags.add(name);
      else result.flags.delete(name);
    } else if (spec.options.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) return { ...result, error: `--${name} needs a value` };
      result.options.set(name, value);
    } else {
      return { ...result, error: unknownOption(rawName, spec) };
    }
  }
  return result;
}

function splitInline(arg: string): [string, string | undefined] {
  const eq = arg.indexOf("=");
  return eq === -1 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

function switchValue(inline: string | undefined): boolean | undefined {
  if (inline === undefined) return true;
  const word = inline.toLowerCase();
  if (["true", "1", "yes"].includes(word)) return true;
  if (["false", "0", "no"].includes(word)) return false;
  return undefined;
}

function unknownOption(rawName: string, spec: ArgSpec): string {
  const known = [...spec.flags, ...spec.options].map((name) => `--${name}`);
  const guess = suggest(rawName.startsWith("--") ? rawName : `-${rawName}`, known);
  return `unknown option ${rawName}${guess === undefined ? "" : `; did you mean "${guess}"?`}`;
}
