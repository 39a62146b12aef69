// Browser stand-in for node:fs: the page never reads a disk. The checker's default reader calls this only when no
// readFile is given, and the playground always gives one (an in-memory map of files), so this is never reached.

export function readFileSync(path: string): never {
  throw new Error(`no file system in the browser: cannot read ${path}`);
}
