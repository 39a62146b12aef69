// The language server: wires the LSP connection to the documents, diagnostics, hover, completion and definition.

import type { Connection } from "vscode-languageserver/node";
import {
  CodeActionKind,
  createConnection,
  TextDocuments,
  TextDocumentSyncKind,
  TextEdit,
} from "vscode-languageserver/node";
import { formatMapSource } from "../fmt/format-map.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { quickFixes } from "./code-actions.js";
import { completionsAt } from "./completion.js";
import { definitionAt } from "./definition.js";
import { toLspDiagnostics } from "./diagnostics.js";
import { Analyses } from "./documents.js";
import { hoverAt } from "./hover.js";

/** How long typing must pause before a document is checked again. */
const DEBOUNCE_MS = 150;

export interface ServerOptions {
  /** The folder an unsaved buffer is taken to live in (its schema paths resolve from there). */
  readonly cwd: string;
}

/** Starts a server on two streams (stdio for `signal-map lsp`); resolves when the client ends the session. */
export function startServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, options: ServerOptions) {
  const connection = createConnection(input, output);
  const documents = new TextDocuments(TextDocument);
  const analyses = new Analyses(options.cwd);
  const pending = new Map<string, NodeJS.Timeout>();

  const publish = (document: TextDocument) => {
    pending.delete(document.uri);
    const analysis = analyses.of(document);
    void connection.sendDiagnostics({
      uri: document.uri,
      version: document.version,
      diagnostics: toLspDiagnostics(analysis.result.diagnostics, document),
    });
  };
  const schedule = (document: TextDocument) => {
    clearTimeout(pending.get(document.uri));
    pending.set(
      document.uri,
      setTimeout(() => publishLatest(document.uri), DEBOUNCE_MS),
    );
  };
  const publishLatest = (uri: string) => {
    const document = documents.get(uri);
    if (document !== undefined) publish(document);
  };

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ["."] },
      definitionProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      documentFormattingProvider: true,
    },
    serverInfo: { name: "signal-map" },
  }));
  documents.onDidOpen((event) => publish(event.document));
  documents.onDidChangeContent((event) => schedule(event.document));
  documents.onDidClose((event) => {
    clearTimeout(pending.get(event.document.uri));
    pending.delete(event.document.uri);
    analyses.forget(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });
  registerFeatures(connection, documents, analyses);
  documents.listen(connection);
  connection.listen();
  return connection;
}

function registerFeatures(connection: Connection, documents: TextDocuments<TextDocument>, analyses: Analyses) {
  const at = (uri: string, position: { line: number; character: number }) => {
    const document = documents.get(uri);
    if (document === undefined) return undefined;
    return { analysis: analyses.of(document), offset: document.offsetAt(position) };
  };
  connection.onHover(({ textDocument, position }) => {
    const found = at(textDocument.uri, position);
    return found === undefined ? null : hoverAt(found.analysis, found.offset);
  });
  connection.onCompletion(({ textDocument, position }) => {
    const found = at(textDocument.uri, position);
    return found === undefined ? [] : completionsAt(found.analysis, found.offset);
  });
  connection.onDefinition(({ textDocument, position }) => {
    const found = at(textDocument.uri, position);
    return found === undefined ? null : definitionAt(found.analysis, found.offset);
  });
  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    return document === undefined ? [] : quickFixes(document, params);
  });
  // Formatting is `signal-map fmt`'s layout: one edit replacing the document, none when it is already canonical or
  // does not parse (fmt never guesses at a broken file).
  connection.onDocumentFormatting(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (document === undefined) return [];
    const text = document.getText();
    const formatted = formatMapSource(text);
    if (formatted === undefined || formatted === text) return [];
    return [TextEdit.replace({ start: { line: 0, character: 0 }, end: document.positionAt(text.length) }, formatted)];
  });
}
