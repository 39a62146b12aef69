// One opened event: as received, normalised, and per integration the request, response, attempts and explanation.

import type { EventDetail, IntegrationDetail } from "../../serve/debugger/api-types.js";
import { ApiError, getJson } from "./api.js";
import { formatTime, h, jsonBlock, replace } from "./dom.js";
import { outcomeBadge } from "./outcome.js";

export async function renderDetail(
  panel: HTMLElement,
  id: number,
  replay: (id: number) => Promise<void>,
): Promise<void> {
  let detail: EventDetail;
  try {
    detail = await getJson<EventDetail>(`/api/events/${id}`);
  } catch (error) {
    replace(
      panel,
      h("p", { class: "problem" }, error instanceof ApiError ? error.message : "could not load the event"),
    );
    return;
  }
  const s = detail.summary;
  const replayable = s.outcomes.some((o) => o.replayable);
  replace(
    panel,
    h("h2", {}, s.event ?? s.type, " ", h("span", { class: "muted" }, `#${s.id}`)),
    h(
      "dl",
      { class: "facts" },
      ...fact("Received", formatTime(s.receivedAt)),
      ...fact("Call", s.type),
      ...fact("Source", s.source),
      ...fact("messageId", s.messageId),
      ...fact("Email", s.email ?? "—"),
    ),
    replayable &&
      h("button", { type: "button", class: "replay", onclick: () => void replay(id) }, "Replay failed deliveries"),
    ...detail.integrations.map(integrationSection),
    h("details", { class: "raw" }, h("summary", {}, "Event as received"), jsonBlock(detail.received)),
    h("details", { class: "raw" }, h("summary", {}, "Normalised event"), jsonBlock(detail.normalized)),
  );
}

function fact(term: string, value: string): HTMLElement[] {
  return [h("dt", {}, term), h("dd", {}, value)];
}

function integrationSection(d: IntegrationDetail): HTMLElement {
  return h(
    "section",
    { class: "integration", "data-integration": d.outcome.integration },
    h("h3", {}, d.outcome.integration, " ", outcomeBadge(d.outcome, false)),
    d.warnings.length > 0 && h("ul", { class: "warnings" }, ...d.warnings.map((w) => h("li", {}, w))),
    h("h4", {}, "Field explanation"),
    explanation(d.explanation),
    h("h4", {}, "Request sent (secrets redacted)"),
    d.request === undefined ? h("p", { class: "muted" }, "No request was sent.") : jsonBlock(d.request),
    h("h4", {}, "Response", d.response?.status !== undefined ? ` ${d.response.status}` : ""),
    d.response === undefined ? h("p", { class: "muted" }, "No response.") : jsonBlock(d.response.body),
    h("h4", {}, "Attempts"),
    attempts(d),
  );
}

function attempts(d: IntegrationDetail): HTMLElement {
  if (d.attempts.length === 0) return h("p", { class: "muted" }, "Not attempted.");
  return table(
    ["Time", "Took", "Status", "Error", "Destination id"],
    d.attempts.map((a) => [
      formatTime(a.at),
      `${a.durationMs} ms`,
      a.httpStatus ?? "—",
      a.error ?? "",
      a.destinationId ?? "",
    ]),
  );
}

interface Trace {
  fields?: { field?: unknown; rule?: unknown; line?: unknown; value?: unknown }[];
  skipped?: { rule?: unknown; line?: unknown; reason?: unknown }[];
}

function explanation(value: unknown): HTMLElement {
  if (value === null || value === undefined) return h("p", { class: "muted explain" }, "Explanation not available.");
  const trace = value as Trace;
  if (typeof value !== "object" || !Array.isArray(trace.fields))
    return h("div", { class: "explain" }, jsonBlock(value));
  const text = (v: unknown) => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));
  return h(
    "div",
    { class: "explain" },
    table(
      ["Field", "Set by rule", "Line", "Value"],
      trace.fields.map((f) => [text(f.field), text(f.rule), text(f.line), text(f.value)]),
    ),
    Array.isArray(trace.skipped) && trace.skipped.length > 0
      ? table(
          ["Skipped rule", "Line", "Why"],
          trace.skipped.map((s) => [text(s.rule), text(s.line), text(s.reason)]),
        )
      : null,
  );
}

function table(headings: string[], rows: (string | number)[][]): HTMLTableElement {
  return h(
    "table",
    { class: "grid" },
    h("thead", {}, h("tr", {}, ...headings.map((t) => h("th", {}, t)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))),
  );
}
