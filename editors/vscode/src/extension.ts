// The VS Code client: starts `signal-map lsp` for .map files and hands it the documents.

import { workspace, type ExtensionContext } from "vscode";
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const config = workspace.getConfiguration("signalMap");
  const command = config.get<string>("server.command", "npx");
  const args = config.get<string[]>("server.args", ["signal-map", "lsp"]);
  const cwd = workspace.workspaceFolders?.[0]?.uri.fsPath;
  const server: ServerOptions = {
    command,
    args,
    transport: TransportKind.stdio,
    options: { ...(cwd !== undefined ? { cwd } : {}), shell: process.platform === "win32" },
  };
  const documents: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "signal-map-map" },
      { scheme: "untitled", language: "signal-map-map" },
    ],
  };
  client = new LanguageClient("signalMap", "signal-map", server, documents);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
