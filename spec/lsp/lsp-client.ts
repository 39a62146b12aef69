// A minimal LSP client for the tests: spawns the built `signal-map lsp` and speaks JSON-RPC to it over stdio.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import type { MessageConnection } from "vscode-jsonrpc/node";

export const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/main.js");

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface PublishedDiagnostics {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: {
    range: { start: Position; end: Position };
    severity: number;
    code: string;
    message: string;
    relatedInformation?: { message: string }[];
  }[];
}

export interface LspSession {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /** The next diagnostics published for `uri` at `version` (or any version when omitted). */
  diagnostics(uri: string, version?: number): Promise<PublishedDiagnostics>;
  open(uri: string, text: string): void;
  change(uri: string, version: number, text: string): void;
  close(): Promise<void>;
}

/** A file URI for a document that need not exist: its folder is what schema paths resolve from. */
export function documentUri(relativePath: string): string {
  return pathToFileURL(join(ROOT, relativePath)).href;
}

export async function startSession(): Promise<LspSession> {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js is missing: run `npm run build` first");
  const child = spawn(process.execPath, [CLI, "lsp", "--stdio"], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const published: PublishedDiagnostics[] = [];
  const waiters: (() => void)[] = [];
  connection.onNotification("textDocument/publishDiagnostics", (params: PublishedDiagnostics) => {
    published.push(params);
    waiters.splice(0).forEach((wake) => wake());
  });
  connection.listen();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(ROOT).href,
    capabilities: {},
  });
  connection.sendNotification("initialized", {});
  const diagnostics = async (uri: string, version?: number): Promise<PublishedDiagnostics> => {
    for (;;) {
      const index = published.findIndex((p) => p.uri === uri && (version === undefined || p.version === version));
      if (index >= 0) return published.splice(index, 1)[0]!;
      await new Promise<void>((wake) => waiters.push(wake));
    }
  };
  return {
    connection,
    process: child,
    diagnostics,
    open: (uri, text) =>
      connection.sendNotification("textDocument/didOpen", {
        textDocument: { uri, languageId: "signal-map-map", version: 1, text },
      }),
    change: (uri, version, text) =>
      connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      }),
    close: async () => {
      const exited = new Promise((done) => child.once("exit", done));
      await connection.sendRequest("shutdown");
      connection.sendNotification("exit");
      await exited;
      connection.dispose();
    },
  };
}

/** The position of the `nth` occurrence of `needle` in `text`, plus `shift` characters. */
export function positionOf(text: string, needle: string, shift = 0, nth = 1): Position {
  let at = -1;
  for (let i = 0; i < nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" is not in the document`);
  const before = text.slice(0, at + shift);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - (before.lastIndexOf("\n") + 1) };
}
