// Mixpanel's adapter (from FACTS.md): strict-mode /import reports the records it rejected, by index, in a 400 whose
// valid records were ingested; each event gets its own result.

import type { AdapterFactory, BatchItemResult, IntegrationAdapter } from "../../delivery/adapter.js";

interface FailedRecord {
  readonly index?: unknown;
  readonly field?: unknown;
  readonly message?: unknown;
}

/** Per-record results of an answer: 200 → all imported; 400 with failed_records → those failed, the rest landed. */
export function mixpanelBatchResults(status: number, bodyText: string, items: number): BatchItemResult[] | undefined {
  if (status !== 400) return undefined;
  let failed: FailedRecord[];
  try {
    const parsed = JSON.parse(bodyText) as { failed_records?: unknown };
    if (!Array.isArray(parsed.failed_records)) return undefined;
    failed = parsed.failed_records as FailedRecord[];
  } catch {
    return undefined;
  }
  const byIndex = new Map<number, string>();
  for (const record of failed) {
    if (typeof record.index !== "number") return undefined;
    const message = typeof record.message === "string" ? record.message : "rejected";
    byIndex.set(
      record.index,
      `HTTP 400: Mixpanel rejected this record (${message}); the batch's other records were imported. Correct the record before sending it again.`,
    );
  }
  return Array.from({ length: items }, (_, index) => {
    const error = byIndex.get(index);
    return error === undefined ? { ok: true as const } : { ok: false as const, error };
  });
}

export function createMixpanelAdapter(): IntegrationAdapter {
  return {
    integration: "mixpanel",
    batchResults: (answer, items) => mixpanelBatchResults(answer.status, answer.bodyText, items),
  };
}

const factory: AdapterFactory = () => createMixpanelAdapter();
export default factory;
