// Stitches parsed pieces into a MapFile: settings join the integration header, statements join the preset above them.

import type { MapFile, IntegrationDecl, PresetDecl, RateLimitDecl, SettingDecl, Statement } from "./ast.js";
import type { DiagnosticSink } from "./cst-access.js";
import type { HeaderPiece, Piece } from "./cst-to-ast.js";
import { errorAt } from "./diagnostic-builders.js";
import { cover } from "./spans.js";

interface OpenIntegration {
  readonly header: HeaderPiece;
  readonly settings: SettingDecl[];
  rateLimit?: RateLimitDecl;
}

interface OpenPreset {
  readonly header: HeaderPiece;
  readonly statements: Statement[];
}

interface Assembly {
  integration?: OpenIntegration;
  readonly presets: OpenPreset[];
  /** What the last header opened: new settings and statements belong to it. */
  open: "nothing" | "integration" | "preset";
  /** One "outside a preset" error per run of stray statements is enough. */
  strayReported: boolean;
}

/** What the assembler needs to know about the file beyond its pieces. */
export interface FileFacts {
  readonly source: string;
  readonly firstTokenStart: number;
  /** The first statement had a syntax error: it may be the header, misspelt, and its own error says so. */
  readonly firstChunkBroken: boolean;
}

export function assembleFile(pieces: readonly Piece[], facts: FileFacts, sink: DiagnosticSink): MapFile {
  const { source, firstTokenStart } = facts;
  const state: Assembly = { presets: [], open: "nothing", strayReported: false };
  for (const piece of pieces) addPiece(state, piece, sink);
  if (state.integration === undefined && !facts.firstChunkBroken) {
    sink.push(
      errorAt(
        "E104",
        "missing integration header",
        { start: firstTokenStart, end: firstTokenStart },
        {
          hints: ['start the file with: integration NAME "Title"'],
        },
      ),
    );
  }
  const integration = state.integration && closeIntegration(state.integration);
  return {
    kind: "MapFile",
    ...(integration === undefined ? {} : { integration }),
    presets: state.presets.map(closePreset),
    span: { start: 0, end: source.length },
  };
}

function addPiece(state: Assembly, piece: Piece, sink: DiagnosticSink): void {
  if (piece.kind === "IntegrationHeader") return addIntegration(state, piece, sink);
  if (piece.kind === "PresetHeader") {
    state.presets.push({ header: piece, statements: [] });
    state.open = "preset";
    state.strayReported = false;
    return;
  }
  if (piece.kind === "SettingDecl") return addSetting(state, piece, sink);
  if (piece.kind === "RateLimit") return addRateLimit(state, piece, sink);
  if (state.open === "preset") {
    state.presets[state.presets.length - 1].statements.push(piece);
  } else if (!state.strayReported) {
    state.strayReported = true;
    sink.push(
      errorAt("E103", "statement outside a preset", piece.span, {
        hints: ['start a preset above it: preset NAME "Title"'],
      }),
    );
  }
}

function addIntegration(state: Assembly, piece: HeaderPiece, sink: DiagnosticSink): void {
  if (state.integration !== undefined) {
    sink.push(
      errorAt("E103", "a file has only one integration header", piece.span, {
        labels: [{ span: state.integration.header.span, message: "the integration is declared here" }],
      }),
    );
    return;
  }
  if (state.presets.length > 0) {
    sink.push(
      errorAt("E103", "the integration header must come before the first preset", piece.span, {
        labels: [{ span: state.presets[0].header.span, message: "first preset" }],
      }),
    );
  }
  state.integration = { header: piece, settings: [] };
  state.open = "integration";
}

function addSetting(state: Assembly, piece: SettingDecl, sink: DiagnosticSink): void {
  if (state.open === "integration" && state.integration !== undefined) {
    state.integration.settings.push(piece);
    return;
  }
  // Without any integration header, E104 already explains where settings go.
  if (state.integration === undefined && state.presets.length === 0) return;
  sink.push(
    errorAt("E103", "settings belong to the integration header, before the first preset", piece.span, {
      hints: ["move this setting up under the integration line"],
    }),
  );
}

/** `rate limit` belongs to the integration header, once. */
function addRateLimit(state: Assembly, piece: RateLimitDecl, sink: DiagnosticSink): void {
  const integration = state.integration;
  if (state.open === "integration" && integration !== undefined && integration.rateLimit === undefined) {
    integration.rateLimit = piece;
    return;
  }
  const message =
    integration?.rateLimit !== undefined
      ? "the integration already has a rate limit"
      : "a rate limit belongs to the integration header, before the first preset";
  sink.push(errorAt("E103", message, piece.span, { hints: ["keep one rate limit, under the integration line"] }));
}

function closeIntegration(open: OpenIntegration): IntegrationDecl {
  const { header, settings, rateLimit } = open;
  return {
    kind: "IntegrationDecl",
    name: header.name,
    ...(header.title === undefined ? {} : { title: header.title }),
    settings,
    ...(rateLimit === undefined ? {} : { rateLimit }),
    span: cover(header.span, ...settings.map((s) => s.span), rateLimit?.span),
  };
}

function closePreset(open: OpenPreset): PresetDecl {
  const { header, statements } = open;
  return {
    kind: "PresetDecl",
    name: header.name,
    ...(header.title === undefined ? {} : { title: header.title }),
    statements,
    span: cover(header.span, ...statements.map((s) => s.span)),
  };
}
