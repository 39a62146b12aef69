// `--watch` for check, run and test: run the command, then again whenever a file it reads changes, until Ctrl-C.

import { existsSync, readdirSync, statSync, watch, type FSWatcher } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { CliIO, Command } from "./io.js";

export const WATCHABLE = ["check", "run", "test"] as const;

/** The argument list without `--watch`, and whether it was there. */
export function takeWatchFlag(argv: readonly string[]): { watch: boolean; rest: string[] } {
  const rest = argv.filter((arg) => arg !== "--watch" && arg !== "--watch=true");
  return { watch: rest.length !== argv.length, rest };
}

/** What to watch: a .map file's folder (its schema, its tests/), a folder whole, any other file by its name. */
export function watchTargets(
  argv: readonly string[],
  cwd: string,
): { path: string; recursive: boolean; only?: string }[] {
  const targets: { path: string; recursive: boolean; only?: string }[] = [];
  for (const arg of argv) {
    if (arg.startsWith("-")) continue;
    const path = resolve(cwd, arg.replace(/#[^/]*$/, ""));
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) targets.push({ path, recursive: true });
    else if (path.endsWith(".map")) targets.push({ path: dirname(path), recursive: true });
    else targets.push({ path: dirname(path), recursive: false, only: basename(path) });
  }
  return targets;
}

/**
 * Runs `command` now and after each burst of changes (debounced), printing a separator line with the time before
 * each re-run; the screen is never cleared. Resolves only when `signal` aborts (the executable: on Ctrl-C).
 */
export async function watchCommand(
  command: Command,
  argv: readonly string[],
  io: CliIO,
  signal?: AbortSignal,
  debounceMs = 150,
): Promise<number> {
  let last = await command(argv, io);
  const targets = watchTargets(argv, io.cwd);
  if (targets.length === 0) {
    io.stderr.write("signal-map: --watch found no file or folder to watch among the arguments\n");
    return last;
  }
  io.stderr.write(`watching ${targets.length === 1 ? targets[0].path : `${targets.length} paths`}; Ctrl-C to stop\n`);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const rerun = () => {
    running = running.then(async () => {
      io.stdout.write(`\n──── ${new Date().toLocaleTimeString()} · re-run after a change ────\n`);
      last = await command(argv, io);
    });
  };
  const changed = (only?: string) => (_event: string, file: string | Buffer | null) => {
    if (only !== undefined && file !== null && String(file) !== only) return;
    clearTimeout(timer);
    timer = setTimeout(rerun, debounceMs);
  };
  const watchers: FSWatcher[] = targets.flatMap((t) =>
    foldersOf(t.path, t.recursive).map((folder) => watch(folder, changed(t.only))),
  );
  await new Promise<void>((done) => {
    if (signal?.aborted) return done();
    signal?.addEventListener("abort", () => done(), { once: true });
  });
  clearTimeout(timer);
  for (const watcher of watchers) watcher.close();
  await running;
  return last;
}

const SKIPPED = new Set(["node_modules", ".git", "dist"]);
const MOST_FOLDERS = 1_000;

/**
 * The folder and, for a recursive target, every folder below it (as they are when watching starts). Each gets its
 * own native watcher, which is in place when `watch` returns: Node 20's recursive watching on Linux sets itself up
 * asynchronously, so an edit made just after "watching" was printed could be missed.
 */
function foldersOf(path: string, recursive: boolean): string[] {
  if (!recursive) return [path];
  const folders = [path];
  for (let index = 0; index < folders.length && folders.length < MOST_FOLDERS; index++) {
    try {
      for (const entry of readdirSync(folders[index]!, { withFileTypes: true })) {
        if (entry.isDirectory() && !SKIPPED.has(entry.name)) folders.push(join(folders[index]!, entry.name));
      }
    } catch {
      // A folder removed while we looked: nothing below it to watch.
    }
  }
  return folders;
}
