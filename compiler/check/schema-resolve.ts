// JSON Schema as real request schemas are written: `$ref` (local, `$defs`, `definitions`, a file beside the schema),
// `allOf` merged, `anyOf`/`oneOf` as alternatives. Every helper that reads a request schema goes through `variants`.

import path from "node:path";
import { asSchema, type SchemaNode } from "./event-schema.js";

/** A schema node with the keywords this module reads besides SchemaNode's. Merged nodes are plain objects of it. */
export interface ResolvedNode extends SchemaNode {
  readonly $ref?: unknown;
  readonly allOf?: unknown;
  readonly anyOf?: unknown;
  readonly oneOf?: unknown;
  readonly required?: unknown;
  readonly format?: unknown;
  readonly if?: unknown;
  readonly then?: unknown;
  /** The `if`/`then` pairs gathered from `allOf` branches when they are merged. */
  readonly conditionals?: readonly { readonly if: unknown; readonly then: unknown }[];
}

/** A loaded schema file: where its nodes' `$ref`s are resolved from. */
interface SchemaDocument {
  readonly root: SchemaNode;
  readonly path: string;
  readonly load: (absolutePath: string) => SchemaDocument | undefined;
}

// Which document each object of a loaded schema belongs to. A JSON tree has no cycles, so registering is finite;
// only `$ref` makes a graph, and `variants` guards that.
const OWNER = new WeakMap<object, SchemaDocument>();

/** Registers a parsed schema file so `$ref`s inside it resolve; files it refers to are read on first use. */
export function registerDocument(
  root: SchemaNode,
  absolutePath: string,
  readFile: (absolutePath: string) => string | undefined,
): void {
  const cache = new Map<string, SchemaDocument | undefined>();
  const load = (file: string): SchemaDocument | undefined => {
    if (!cache.has(file))
      cache.set(file, undefined); // a file that refers back to itself while loading
    else return cache.get(file);
    const parsed = asSchema(parseJson(safeRead(readFile, file)));
    const document = parsed === undefined ? undefined : { root: parsed, path: file, load };
    if (document !== undefined) registerTree(parsed, document);
    cache.set(file, document);
    return document;
  };
  const document: SchemaDocument = { root, path: absolutePath, load };
  cache.set(absolutePath, document);
  registerTree(root, document);
}

function registerTree(value: unknown, document: SchemaDocument): void {
  if (value === null || typeof value !== "object") return;
  OWNER.set(value, document);
  for (const child of Object.values(value)) registerTree(child, document);
}

function safeRead(readFile: (absolutePath: string) => string | undefined, file: string): string | undefined {
  try {
    return readFile(file);
  } catch {
    return undefined;
  }
}

function parseJson(text: string | undefined): unknown {
  if (typeof text !== "string") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The node a `$ref` names, or undefined when it cannot be resolved (reported by `unresolvedRefs`). */
export function resolveRef(node: ResolvedNode): SchemaNode | undefined {
  const ref = node.$ref;
  const document = OWNER.get(node);
  if (typeof ref !== "string" || document === undefined) return undefined;
  const hash = ref.indexOf("#");
  const file = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? "" : ref.slice(hash + 1);
  const target = file === "" || file === ownId(document) ? document : loadBeside(document, file);
  return target === undefined ? undefined : followPointer(target.root, pointer);
}

function ownId(document: SchemaDocument): string | undefined {
  const id = (document.root as { $id?: unknown }).$id;
  return typeof id === "string" ? id : undefined;
}

// Only a plain relative file name is read, from the schema's own folder: never a URL, never an absolute path.
function loadBeside(document: SchemaDocument, file: string): SchemaDocument | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(file) || path.isAbsolute(file)) return undefined;
  return document.load(path.resolve(path.dirname(document.path), file));
}

/** JSON Pointer (RFC 6901, as a URI fragment) from a document's root, through own keys only. */
function followPointer(root: SchemaNode, pointer: string): SchemaNode | undefined {
  if (pointer === "" || pointer === "/") return root;
  if (!pointer.startsWith("/")) return undefined; // `#anchor` is not supported
  let node: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const key = safeDecode(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, key)) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[key];
  }
  return asSchema(node) ?? (node === true ? {} : undefined);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A `$ref` that names nothing, or that loops back to itself without going into a field or an item. */
export interface UnresolvedRef {
  readonly ref: string;
  /** The JSON Pointer of the node holding it. */
  readonly at: string;
  readonly loops?: true;
}

/** Every `$ref` of a registered schema that cannot be used: the checker reports them, ajv would fail or overflow. */
export function unresolvedRefs(root: SchemaNode): UnresolvedRef[] {
  const found: UnresolvedRef[] = [];
  const visit = (value: unknown, at: string): void => {
    if (value === null || typeof value !== "object") return;
    const ref = (value as ResolvedNode).$ref;
    const where = at === "" ? "#" : `#${at}`;
    if (ref !== undefined && (typeof ref !== "string" || resolveRef(value as ResolvedNode) === undefined)) {
      found.push({ ref: String(ref), at: where });
    } else if (ref !== undefined && loopsInPlace(value as ResolvedNode)) {
      found.push({ ref: String(ref), at: where, loops: true });
    }
    for (const [key, child] of Object.entries(value)) {
      visit(child, `${at}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`);
    }
  };
  visit(root, "");
  return found;
}

// A cycle through `$ref`, `allOf`, `anyOf`, `oneOf`, `not` or `if/then/else` stays at the same place in the body
// for ever (ajv overflows its stack compiling it); one through `properties` or `items` is a recursive shape and fine.
function loopsInPlace(start: ResolvedNode): boolean {
  const seen = new Set<object>();
  const pending = inPlaceNext(start);
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node === start) return true;
    if (seen.has(node)) continue;
    seen.add(node);
    pending.push(...inPlaceNext(node));
  }
  return false;
}

function inPlaceNext(node: ResolvedNode): SchemaNode[] {
  const target = node.$ref === undefined ? undefined : resolveRef(node);
  const lists = [node.allOf, node.anyOf, node.oneOf].flatMap((list) => (Array.isArray(list) ? list : []));
  const singles = [(node as { not?: unknown }).not, node.if, node.then, (node as { else?: unknown }).else];
  return [...(target ? [target] : []), ...lists, ...singles].flatMap((child) => asSchema(child) ?? []);
}

/**
 * The schema with every file its `$ref`s read embedded under `$defs` (each with `$id` set to the name the `$ref`
 * uses), so the runtime's ajv resolves them without reading files. Unchanged when it refers to no other file.
 */
export function bundledSchema(root: SchemaNode): SchemaNode {
  const files = new Map<string, SchemaNode>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== "object") return;
    const ref = (value as ResolvedNode).$ref;
    const document = OWNER.get(value);
    if (typeof ref === "string" && document !== undefined) {
      const file = ref.includes("#") ? ref.slice(0, ref.indexOf("#")) : ref;
      const target = file === "" || file === ownId(document) ? undefined : loadBeside(document, file);
      if (target !== undefined && !files.has(file)) {
        files.set(file, target.root);
        visit(target.root);
      }
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(root);
  if (files.size === 0) return root;
  const defs = asSchema((root as { $defs?: unknown }).$defs) ?? {};
  const embedded = [...files].map(([file, schema]) => {
    const { $schema: _dialect, ...rest } = schema as Record<string, unknown>;
    return [`file:${file}`, { ...rest, $id: file }] as const;
  });
  return { ...root, $defs: { ...defs, ...Object.fromEntries(embedded) } } as SchemaNode;
}
