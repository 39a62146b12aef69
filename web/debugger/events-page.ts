// The Event Debugger: filters, the live list of recent events (server-sent events), and the opened event.

import type { EventList, EventSummary, IntegrationsAnswer } from "../../serve/debugger/api-types.js";
import { getJson, postJson } from "./api.js";
import { formatTime, h, replace } from "./dom.js";
import { renderDetail } from "./event-detail.js";
import { outcomeBadge } from "./outcome.js";

interface State {
  events: EventSummary[];
  next?: number;
  openId?: number;
  stream?: EventSource;
  refreshTimer?: number;
  /** Pushes that arrived while a load was on the wire: applied again over its (possibly older) answer. */
  pushedDuringLoad?: EventSummary[];
}

const OUTCOMES = ["delivered", "dropped", "failed", "pending", "retrying", "dead"];

export function startDebugger(root: HTMLElement): void {
  const state: State = { events: [] };
  const integration = h(
    "select",
    { name: "integration", "aria-label": "Integration" },
    h("option", { value: "" }, "all integrations"),
  );
  const outcome = h(
    "select",
    { name: "outcome", "aria-label": "Outcome" },
    h("option", { value: "" }, "any outcome"),
    ...OUTCOMES.map((o) => h("option", { value: o }, o)),
  );
  const eventName = h("input", {
    name: "event",
    type: "search",
    placeholder: "event name",
    "aria-label": "Event name",
  });
  const text = h("input", {
    name: "q",
    type: "search",
    placeholder: "email or messageId",
    "aria-label": "Email or messageId",
  });
  const reveal = h("input", { type: "checkbox", name: "reveal" });
  const status = h("span", { class: "live", role: "status" }, "connecting…");
  const list = h("tbody", { id: "events" });
  const more = h("button", { type: "button", class: "secondary", hidden: true }, "Older events");
  const detail = h("section", { id: "detail", class: "detail", "aria-live": "polite" });

  const query = (before?: number) => {
    const params = new URLSearchParams();
    if (integration.value) params.set("integration", integration.value);
    if (outcome.value) params.set("outcome", outcome.value);
    if (eventName.value.trim()) params.set("event", eventName.value.trim());
    if (text.value.trim()) params.set("q", text.value.trim());
    if (reveal.checked) params.set("reveal", "1");
    if (before !== undefined) params.set("before", String(before));
    return params.toString();
  };
  const filtered = () => Boolean(integration.value || outcome.value || eventName.value.trim() || text.value.trim());

  const render = () => {
    replace(list, ...state.events.map((e) => eventRow(e, state.openId === e.id, open, replay)));
    if (state.events.length === 0)
      replace(list, h("tr", {}, h("td", { colspan: 5, class: "muted" }, "No events yet.")));
    more.hidden = state.next === undefined;
  };
  const load = async () => {
    const pushed: EventSummary[] = [];
    state.pushedDuringLoad = pushed;
    const page = await getJson<EventList>(`/api/events?${query()}`);
    if (state.pushedDuringLoad === pushed) state.pushedDuringLoad = undefined;
    state.events = [...page.events];
    if (!filtered()) for (const summary of pushed) upsert(state, summary);
    state.next = page.next;
    render();
  };
  const scheduleLoad = () => {
    window.clearTimeout(state.refreshTimer);
    state.refreshTimer = window.setTimeout(() => void load(), 150);
  };
  const open = async (id: number) => {
    state.openId = id;
    history.replaceState(null, "", `#event=${id}`);
    render();
    await renderDetail(detail, id, replay);
  };
  const replay = async (id: number) => {
    await postJson(`/api/events/${id}/replay`, {});
    await load();
    if (state.openId === id) await renderDetail(detail, id, replay);
  };
  const connect = () => {
    state.stream?.close();
    const stream = new EventSource(`/api/events/stream${reveal.checked ? "?reveal=1" : ""}`);
    // Whatever happened while the stream was down (a reconnect, the reveal switch) is caught up by a fresh load.
    stream.onopen = () => {
      replace(status, "live");
      void load();
    };
    stream.onerror = () => replace(status, "reconnecting…");
    stream.addEventListener("event", (message) => {
      const summary = JSON.parse((message as MessageEvent<string>).data) as EventSummary;
      if (filtered()) scheduleLoad();
      else {
        upsert(state, summary);
        state.pushedDuringLoad?.push(summary);
      }
      render();
      if (state.openId === summary.id) void renderDetail(detail, summary.id, replay);
    });
    state.stream = stream;
  };

  for (const input of [integration, outcome]) input.addEventListener("change", () => void load());
  for (const input of [eventName, text]) input.addEventListener("input", scheduleLoad);
  reveal.addEventListener("change", () => {
    connect();
    void load();
  });
  more.addEventListener("click", async () => {
    const page = await getJson<EventList>(`/api/events?${query(state.next)}`);
    state.events.push(...page.events);
    state.next = page.next;
    render();
  });

  replace(
    root,
    h("div", { class: "toolbar" }, h("h1", {}, "Event Debugger"), status),
    h(
      "form",
      { class: "filters", role: "search", onsubmit: (e: Event) => e.preventDefault() },
      integration,
      outcome,
      eventName,
      text,
      h("label", { class: "check" }, reveal, " reveal emails"),
    ),
    h(
      "div",
      { class: "split" },
      h(
        "div",
        { class: "list" },
        h(
          "table",
          { class: "events" },
          h("thead", {}, h("tr", {}, ...["Time", "Call", "Event", "Email", "Outcome"].map((t) => h("th", {}, t)))),
          list,
        ),
        more,
      ),
      detail,
    ),
  );
  replace(detail, h("p", { class: "muted" }, "Open an event to see what was sent and why."));
  void getJson<IntegrationsAnswer>("/api/integrations").then((answer) => {
    for (const i of answer.integrations) integration.append(h("option", { value: i.name }, i.name));
  });
  connect();
  void load().then(() => {
    const id = /^#event=(\d+)$/.exec(location.hash)?.[1];
    if (id !== undefined) void open(Number(id));
  });
}

function upsert(state: State, summary: EventSummary): void {
  const at = state.events.findIndex((e) => e.id === summary.id);
  if (at >= 0) state.events[at] = summary;
  else {
    state.events.push(summary);
    state.events.sort((a, b) => b.id - a.id);
  }
}

function eventRow(
  e: EventSummary,
  isOpen: boolean,
  open: (id: number) => Promise<void>,
  replay: (id: number) => Promise<void>,
): HTMLTableRowElement {
  const replayable = e.outcomes.some((o) => o.replayable);
  return h(
    "tr",
    { class: isOpen ? "event open" : "event", "data-id": e.id, tabindex: 0, onclick: () => void open(e.id) },
    h("td", { class: "time" }, formatTime(e.receivedAt)),
    h("td", {}, e.type),
    h("td", { class: "name" }, e.event ?? "—"),
    h("td", { class: "email" }, e.email ?? "—"),
    h(
      "td",
      { class: "outcomes" },
      ...e.outcomes.map((o) => outcomeBadge(o)),
      replayable &&
        h(
          "button",
          {
            type: "button",
            class: "small replay",
            onclick: (event: Event) => {
              event.stopPropagation();
              void replay(e.id);
            },
          },
          "Replay",
        ),
    ),
  );
}
