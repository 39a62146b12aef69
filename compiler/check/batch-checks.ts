// `batch TARGET max N`: TARGET must be a list in the block's request schema and be assigned in the block (E423).

import type { SendStatement } from "../../dsl/ast.js";
import type { CheckContext } from "./context.js";
import { quoted } from "./report.js";
import { allowedTypes, describeSchemaTypes, resolveTarget } from "./request-schema.js";
import type { CheckTable } from "./table.js";
import { listOf } from "./types.js";

export const BATCH_CHECKS: CheckTable = {
  Send: [checkBatch],
};

function checkBatch(send: SendStatement, context: CheckContext): void {
  const batch = send.batch;
  const preset = context.preset;
  if (batch === undefined || preset === undefined) return;
  const index = preset.layout.blocks.findIndex((block) => block.send === send);
  const block = preset.layout.blocks[index];
  if (block === undefined) return;
  const names = listOf(batch.target).map((n) => n.text);
  const shown = names.length === 0 ? "body" : names.join(".");
  const loaded = preset.schemas[index];
  if (loaded?.ok) {
    const resolution = resolveTarget(loaded.schema, names);
    const types = resolution.kind === "field" ? allowedTypes(resolution.schema) : undefined;
    const notList =
      resolution.kind === "unknown" || resolution.kind === "not-object"
        ? "not a field of the request schema"
        : types !== undefined && !types.includes("array")
          ? `${describeSchemaTypes(types)} in the request schema`
          : undefined;
    if (notList !== undefined) {
      context.reporter.report("E423", batch.targetSpan, `${quoted(shown)} cannot be batched: it is ${notList}`, {
        hints: ["batch names the list that requests are merged on, e.g. batch events max 100"],
      });
      return;
    }
  }
  // `body <- [...]` is an assignment with an empty target, as `batch body` is a batch with an empty one.
  const assigned = block.statements.some(
    (s) => s.kind === "Assign" && s.target.map((n) => n.text).join(".") === names.join("."),
  );
  if (!assigned) {
    context.reporter.report("E423", batch.targetSpan, `${quoted(shown)} is batched but never assigned in this send`, {
      hints: [`assign the event's item(s) to it under this send, e.g. ${shown} <- [ ... ]`],
    });
  }
}
