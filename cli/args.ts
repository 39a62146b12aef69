// A small argument parser shared by the commands: flags, options with values, positionals, and `-` for stdin.

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
    if (spec.flags.includes(name) && inline === undefined) {
      result.flags.add(name);
    } else if (spec.options.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) return { ...result, error: `--${name} needs a value` };
      result.options.set(name, value);
    } else {
      return { ...result, error: `unknown option ${rawName}` };
    }
  }
  return result;
}

function splitInline(arg: string): [string, string | undefined] {
  const eq = arg.indexOf("=");
  return eq === -1 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}
