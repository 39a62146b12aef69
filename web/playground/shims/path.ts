// Browser stand-in for the POSIX node:path functions the checker uses to resolve a schema next to the .map file.

function normalize(parts: readonly string[]): string {
  const out: string[] = [];
  for (const part of parts) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return "/" + out.join("/");
}

export function isAbsolute(p: string): boolean {
  return p.startsWith("/");
}

/** Resolves against "/" (the playground's files live in a virtual folder; there is no working directory). */
export function resolve(...paths: string[]): string {
  let joined = "";
  for (const p of paths) joined = isAbsolute(p) ? p : `${joined}/${p}`;
  return normalize(joined.split("/"));
}

export function join(...paths: string[]): string {
  return normalize(paths.join("/").split("/"));
}

export function dirname(p: string): string {
  const at = p.replace(/\/+$/, "").lastIndexOf("/");
  return at <= 0 ? (isAbsolute(p) ? "/" : ".") : p.slice(0, at);
}

export function basename(p: string): string {
  return p.replace(/\/+$/, "").split("/").pop() ?? "";
}

export function relative(from: string, to: string): string {
  const a = resolve(from).split("/").filter(Boolean);
  const b = resolve(to).split("/").filter(Boolean);
  let common = 0;
  while (common < a.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => ".."), ...b.slice(common)].join("/");
}

export const sep = "/";
export default { isAbsolute, resolve, join, dirname, basename, relative, sep };
