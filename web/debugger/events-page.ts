// The Event Debugger: filters, the live list of recent events (server-sent events), and the opened event.

import type { EventList, EventSummary, IntegrationsAnswer } from "../../serve/debugger/api-types.js";
import { getJson, postJson } from "./api.js";
import { formatTime, h, replace } from "./dom.js";
import { renderDetail } from "./event-detail.js";
import { outcomeBadge } from "./outcome.js";

const OUTCOMES = ["delivered", "dropped", "failed", "pending", "retrying", "dead"];

function search(name: string, label: string): HTMLInputElement {
  return h("input", { name, type: "search", placeholder: label, "aria-label": label });
}

/** The filter controls; their values make the list's query. */
class Filters {
  readonly integration = h(
    "select",
    { name: "integration", "aria-label": "Integration" },
    h("option", { value: "" }, "all integrations"),
  );
  readonly outcome = h(
    "select",
    { name: "outcome", "aria-label": "Outcome" },
    h("option", { value: "" }, "any outcome"),
    ...OUTCOMES.map((o) => h("option", { value: o }, o)),
  );
  readonly eventName = search("event", "event name");
  readonly text = search("q", "email or messageId");
  readonly reveal = h("input", { type: "checkbox", name: "reveal" });

  active(): boolean {
    return Boolean(
      this.integration.value || this.outcome.value || this.eventName.value.trim() || this.text.value.trim(),
    );
  }

  query(before?: number): string {
    const params = new URLSearchParams();
    if (this.integration.value) params.set("integration", this.integration.value);
    if (this.outcome.value) params.set("outcome", this.outcome.value);
    if (this.eventName.value.trim()) params.set("event", this.eventName.value.trim());
    if (this.text.value.trim()) params.set("q", this.text.value.trim());
    if (this.reveal.checked) params.set("reveal", "1");
    if (before !== undefined) params.set("before", String(before));
    return params.toString();
  }

  form(): HTMLFormElement {
    return h(
      "form",
      { class: "filters", role: "search", onsubmit: (e: Event) => e.preventDefault() },
      this.integration,
      this.outcome,
      this.eventName,
      this.text,
      h("label", { class: "check" }, this.reveal, " reveal emails"),
    );
  }
}

class EventDebugger {
  private events: EventSummary[] = [];
  private next?: number;
  private openId?: number;
  private stream?: EventSource;
  private refreshTimer?: number;
  /** Pushes that arrived while a load was on the wire: applied again over its (possibly older) answer. */
  private pushedDuringLoad?: EventSummary[];
  private readonly filters = new Filters();
  private readonly status = h("span", { class: "live", role: "status" }, "connecting…");
  private readonly list = h("tbody", { id: "events" });
  private readonly more = h("button", { type: "button", class: "secondary", hidden: true }, "Older events");
  private readonly detail = h("section", { id: "detail", class: "detail", "aria-live": "polite" });

  start(root: HTMLElement): void {
    const f = this.filters;
    for (const input of [f.integration, f.outcome]) input.addEventListener("change", () => void this.load());
    for (const input of [f.eventName, f.text]) input.addEventListener("input", () => this.scheduleLoad());
    f.reveal.addEventListener("change", () => this.connect());
    this.more.addEventListener("click", () => void this.loadOlder());
    replace(root, h("div", { class: "toolbar" }, h("h1", {}, "Event Debugger"), this.status), f.form(), this.layout());
    replace(this.detail, h("p", { class: "muted" }, "Open an event to see what was sent and why."));
    void getJson<IntegrationsAnswer>("/api/integrations").then((answer) => {
      for (const i of answer.integrations) f.integration.append(h("option", { value: i.name }, i.name));
    });
    this.connect();
    const id = /^#event=(\d+)$/.exec(location.hash)?.[1];
    if (id !== undefined) void this.open(Number(id));
  }

  private layout(): HTMLElement {
    const headings = ["Time", "Call", "Event", "Email", "Outcome"].map((t) => h("th", {}, t));
    const table = h("table", { class: "events" }, h("thead", {}, h("tr", {}, ...headings)), this.list);
    return h("div", { class: "split" }, h("div", { class: "list" }, table, this.more), this.detail);
  }

  /** Opens the stream; once it is open the list is loaded, so nothing is missed across a (re)connect. */
  private connect(): void {
    this.stream?.close();
    const stream = new EventSource(`/api/events/stream${this.filters.reveal.checked ? "?reveal=1" : ""}`);
    stream.onopen = () => {
      replace(this.status, "live");
      void this.load();
    };
    stream.onerror = () => replace(this.status, "reconnecting…");
    stream.addEventListener("event", (message) => this.pushed(JSON.parse((message as MessageEvent<string>).data)));
    this.stream = stream;
  }

  private pushed(summary: EventSummary): void {
    if (this.filters.active()) this.scheduleLoad();
    else {
      this.upsert(summary);
      this.pushedDuringLoad?.push(summary);
      this.render();
    }
    if (this.openId === summary.id) void this.showDetail(summary.id);
  }

  private async load(): Promise<void> {
    const pushed: EventSummary[] = [];
    this.pushedDuringLoad = pushed;
    const page = await getJson<EventList>(`/api/events?${this.filters.query()}`);
    if (this.pushedDuringLoad === pushed) this.pushedDuringLoad = undefined;
    this.events = [...page.events];
    this.next = page.next;
    if (!this.filters.active()) for (const summary of pushed) this.upsert(summary);
    this.render();
  }

  private async loadOlder(): Promise<void> {
    const page = await getJson<EventList>(`/api/events?${this.filters.query(this.next)}`);
    this.events.push(...page.events);
    this.next = page.next;
    this.render();
  }

  private scheduleLoad(): void {
    window.clearTimeout(this.refreshTimer);
    this.refreshTimer = window.setTimeout(() => void this.load(), 150);
  }

  private upsert(summary: EventSummary): void {
    const at = this.events.findIndex((e) => e.id === summary.id);
    if (at >= 0) this.events[at] = summary;
    else this.events = [...this.events, summary].sort((a, b) => b.id - a.id);
  }

  private render(): void {
    replace(this.list, ...this.events.map((e) => this.row(e)));
    if (this.events.length === 0)
      replace(this.list, h("tr", {}, h("td", { colspan: 5, class: "muted" }, "No events yet.")));
    this.more.hidden = this.next === undefined;
  }

  private async open(id: number): Promise<void> {
    this.openId = id;
    history.replaceState(null, "", `#event=${id}`);
    this.render();
    await this.showDetail(id);
  }

  private showDetail(id: number): Promise<void> {
    return renderDetail(this.detail, id, (replayed) => this.replay(replayed));
  }

  private async replay(id: number): Promise<void> {
    await postJson(`/api/events/${id}/replay`, {});
    await this.load();
    if (this.openId === id) await this.showDetail(id);
  }

  private row(e: EventSummary): HTMLTableRowElement {
    const replay = (event: Event) => {
      event.stopPropagation();
      void this.replay(e.id);
    };
    const open = (event: Event) => {
      if (!(event instanceof KeyboardEvent) || event.key === "Enter") void this.open(e.id);
    };
    return h(
      "tr",
      {
        class: this.openId === e.id ? "event open" : "event",
        "data-id": e.id,
        tabindex: 0,
        onclick: open,
        onkeydown: open,
      },
      h("td", { class: "time" }, formatTime(e.receivedAt)),
      h("td", {}, e.type),
      h("td", { class: "name" }, e.event ?? "—"),
      h("td", { class: "email" }, e.email ?? "—"),
      h(
        "td",
        { class: "outcomes" },
        ...e.outcomes.map((o) => outcomeBadge(o)),
        e.outcomes.some((o) => o.replayable) &&
          h("button", { type: "button", class: "small replay", onclick: replay }, "Replay"),
      ),
    );
  }
}

export function startDebugger(root: HTMLElement): void {
  new EventDebugger().start(root);
}
