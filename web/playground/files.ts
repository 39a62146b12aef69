// The playground's virtual folder: the .map file and its request schema live at fixed paths, read from memory.

export const FOLDER = "/playground";

/** Where the .map source sits, so a `body matches "x.json"` resolves to FOLDER/x.json. */
export function mapPath(name: string): string {
  return `${FOLDER}/${name}`;
}

/** A reader over an in-memory map of files: absolute path → text; undefined for anything else. */
export function memoryReader(files: Readonly<Record<string, string>>): (absolutePath: string) => string | undefined {
  return (absolutePath) =>
    Object.prototype.hasOwnProperty.call(files, absolutePath) ? files[absolutePath] : undefined;
}
