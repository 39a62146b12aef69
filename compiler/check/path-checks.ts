// Reads of settings and of the canonical event: declared names only, and secrets only where they are sent.

import type { Expr, PathExpr, PathSegment } from "../../dsl/ast.js";
import { listOf } from "./types.js";
import type { CheckContext, FileState } from "./context.js";
import { resolveCanonicalPath } from "./event-schema.js";
import { didYouMean, quoted, spanning } from "./report.js";
import type { CheckTable } from "./table.js";

export const PATH_CHECKS: CheckTable = {
  Path: [checkSettingRead, checkCanonicalRead, checkSecretRead],
};

function checkSettingRead(path: PathExpr, context: CheckContext): void {
  const settings = context.file.settings;
  const first = listOf(path.segments)[0];
  // Without the integration header no setting is declared; the missing header is already reported.
  if (path.root?.text !== "settings" || settings === undefined || first === undefined) return;
  if (first.kind !== "Field") {
    context.reporter.report("E202", first.span, "a setting is read by name, not by index", {
      hints: ["write settings.<name>, e.g. settings.api_key"],
    });
    return;
  }
  if (settings.has(first.name)) return;
  context.reporter.report("E202", first.span, `unknown setting ${quoted(first.name)}`, {
    hints: [didYouMean(first.name, settings.keys()) ?? `declare it in the header: setting ${first.name}: string`],
  });
}

function checkCanonicalRead(path: PathExpr, context: CheckContext): void {
  const root = path.root?.text;
  if (root !== "event" && root !== "context") return;
  const segments = listOf(path.segments);
  const resolution = resolveCanonicalPath(root, segments);
  if (resolution.kind !== "unknown") return;
  const segment = segments[resolution.index];
  const written = segment.kind === "Field" ? segment.name : `[${segment.index}]`;
  const listing = `${resolution.parent} has: ${resolution.known.join(", ")}`;
  context.reporter.report("E203", segment.span, `${resolution.parent} has no field ${quoted(written)}`, {
    hints: [segment.kind === "Field" ? (didYouMean(segment.name, resolution.known) ?? listing) : listing],
  });
}

/**
 * A secret may be sent (in a header, a query value, a URL slot or a body value, directly or through functions and
 * `+`), but may not decide what is sent: not in a condition, a comparison, `require`, `order by` or a `let`.
 * Reading all of `settings` at once is refused anywhere: it would carry every secret along.
 */
function checkSecretRead(path: PathExpr, context: CheckContext): void {
  if (path.root?.text !== "settings") return;
  const secret = secretRead(path, context.file);
  if (secret === undefined) return;
  const first = listOf(path.segments)[0];
  const span = spanning(path.root.span, first?.span);
  if (secret.whole) {
    context.reporter.report(
      "E408",
      span,
      `settings is read as a whole, and it holds the secret ${quoted(secret.name)}`,
      {
        hints: ["read the settings you need by name"],
      },
    );
    return;
  }
  const where = context.site.decides;
  if (where === undefined) return;
  context.reporter.report("E408", span, `secret setting ${quoted(secret.name)} is used in ${where}`, {
    hints: [
      "a secret may be sent (in a header, a query value, a URL slot or a body value) but may not decide what is sent",
      secretHint(where, secret.name),
    ],
  });
}

function secretHint(where: string, name: string): string {
  if (where === "a let") {
    return `use settings.${name} directly where it is sent, e.g. header "Authorization" <- "Bearer " + settings.${name}`;
  }
  if (where === "require") return `to insist on the setting, declare it required: setting ${name}: secret required`;
  if (where === "order by") return "order by a value of the event, e.g. order by event.userId";
  return "decide with the event, or with a setting that is not secret";
}

/** The secret a settings path reads: one secret by name, or all of them when it reads `settings` as a whole. */
function secretRead(path: PathExpr, file: FileState): { name: string; whole: boolean } | undefined {
  const first: PathSegment | undefined = listOf(path.segments)[0];
  if (first === undefined) {
    const [name] = file.secretSettings;
    return name === undefined ? undefined : { name, whole: true };
  }
  return first.kind === "Field" && file.secretSettings.has(first.name) ? { name: first.name, whole: false } : undefined;
}

/** Whether an expression reads a secret setting anywhere inside it (used to find headers that carry a secret). */
export function readsSecret(expr: Expr | undefined, file: FileState): boolean {
  switch (expr?.kind) {
    case "Path":
      return expr.root?.text === "settings" && secretRead(expr, file) !== undefined;
    case "List":
      return listOf(expr.items).some((item) => readsSecret(item, file));
    case "Call":
      return listOf(expr.args).some((arg) => readsSecret(arg, file));
    case "Binary":
    case "Fallback":
      return readsSecret(expr.left, file) || readsSecret(expr.right, file);
    case "Not":
      return readsSecret(expr.operand, file);
    case "Object":
      return listOf(expr.entries).some((entry) => readsSecret(entry?.value, file));
    case "Comprehension":
      return [expr.item, expr.source, expr.condition].some((part) => readsSecret(part, file));
    case "If":
      return [expr.condition, expr.then, expr.otherwise].some((part) => readsSecret(part, file));
    case "Match":
      return [expr.subject, ...listOf(expr.arms).map((arm) => arm?.value), expr.otherwise].some((part) =>
        readsSecret(part, file),
      );
    default:
      return false;
  }
}
