// Building checker diagnostics: severity comes from the code, "did you mean" hints from the shared suggester.

import type { Span } from "../../dsl/ast.js";
import type { DiagnosticCode } from "../../diagnostics/codes.js";
import type { Diagnostic, Label } from "../../diagnostics/diagnostic.js";
import { suggest } from "../../diagnostics/suggest.js";

export interface ReportExtras {
  readonly labels?: readonly Label[];
  readonly hints?: readonly (string | undefined)[];
}

/** Collects diagnostics; the checker never throws, it reports. */
export class Reporter {
  private readonly collected: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  /**
   * Records a diagnostic once: a `let` checked through its definition in every send block that uses it reports the
   * same mistake at the same place with the same words, and one report is what the author needs.
   */
  report(code: DiagnosticCode, span: Span | undefined, message: string, extras: ReportExtras = {}): void {
    const at = safeSpan(span);
    const identity = `${code}\u0000${at.start}\u0000${at.end}\u0000${message}`;
    if (this.seen.has(identity)) return;
    this.seen.add(identity);
    this.collected.push({
      code,
      // Codes starting with W are warnings by construction of the registry; everything else is an error.
      severity: code.startsWith("W") ? "warning" : "error",
      message,
      span: safeSpan(span),
      labels: (extras.labels ?? []).map((label) => ({ span: safeSpan(label.span), message: label.message })),
      hints: (extras.hints ?? []).filter((hint): hint is string => typeof hint === "string" && hint !== ""),
    });
  }

  /** Everything reported, in source order (stable for diagnostics at the same place). */
  diagnostics(): Diagnostic[] {
    return withoutEnclosingW120(this.collected)
      .map((diagnostic, order) => ({ diagnostic, order }))
      .sort((a, b) => a.diagnostic.span.start - b.diagnostic.span.start || a.order - b.order)
      .map((entry) => entry.diagnostic);
  }
}

const W120_SHAPE = /^(\S+) is required by .* but may be left out: (events without .*)$/;

/**
 * Drops a W120 on an object when a W120 on a field inside it names the same events: `user_data` is left out exactly
 * because its `em` is, and the inner warning is the one that says which value to require.
 */
function withoutEnclosingW120(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const inner = diagnostics
    .filter((d) => d.code === "W120")
    .map((d) => W120_SHAPE.exec(d.message))
    .filter((match): match is RegExpExecArray => match !== null);
  return diagnostics.filter((d) => {
    const match = d.code === "W120" ? W120_SHAPE.exec(d.message) : null;
    if (match === null) return true;
    const [, path, events] = match;
    return !inner.some(
      ([, other, why]) => why === events && (other!.startsWith(`${path}.`) || other!.startsWith(`${path}[]`)),
    );
  });
}

/**
 * `did you mean "x"?` for the closest candidate, or undefined when nothing is close. When no candidate is within
 * edit distance, a single candidate that starts with the name as a whole word is offered (`email` → `email_address`),
 * since a shortened name is a common slip that edit distance cannot see.
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const options = [...candidates];
  const best = suggest(name, options) ?? extendedName(name, options);
  return best === undefined ? undefined : `did you mean ${quoted(best)}?`;
}

function extendedName(name: string, candidates: readonly string[]): string | undefined {
  if (name.length < 3) return undefined;
  const lower = name.toLowerCase();
  const matches = candidates.filter((candidate) => {
    const text = candidate.toLowerCase();
    return text.startsWith(lower) && /^[^a-z0-9]/.test(text.slice(lower.length));
  });
  return matches.length === 1 ? matches[0] : undefined;
}

/** A span covering two spans. */
export function spanning(from: Span | undefined, to: Span | undefined): Span {
  const start = safeSpan(from);
  const end = safeSpan(to ?? from);
  return { start: Math.min(start.start, end.start), end: Math.max(start.end, end.end) };
}

// Partial ASTs from error recovery may lack a span; a diagnostic at offset 0 beats a crash.
function safeSpan(span: Span | undefined): Span {
  const start = Number.isFinite(span?.start) ? Math.max(0, span!.start) : 0;
  const end = Number.isFinite(span?.end) ? Math.max(start, span!.end) : start;
  return { start, end };
}

/** A name quoted for a message. */
export function quoted(name: string): string {
  return JSON.stringify(name);
}
