// The Integrations page: each integration's state with its advice, pause/resume, and the add/edit form.

import type { IntegrationsAnswer, IntegrationView } from "../../serve/debugger/api-types.js";
import type { IntegrationStatus } from "../../serve/debugger/deps.js";
import { getJson, postJson } from "./api.js";
import { formatTime, h, replace } from "./dom.js";
import { settingsForm } from "./settings-form.js";

const LABELS: Record<IntegrationStatus, string> = {
  live: "live",
  waiting: "waiting for a first event",
  credential_rejected: "credential rejected",
  failing: "failing",
  paused: "paused",
};

export function startIntegrations(root: HTMLElement): void {
  const list = h("div", { class: "cards", id: "integrations" });
  const editor = h("section", { class: "editor", id: "editor" });
  let answer: IntegrationsAnswer | undefined;

  const load = async () => {
    answer = await getJson<IntegrationsAnswer>("/api/integrations");
    replace(list, ...answer.integrations.map((i) => card(i, edit, setPaused)));
    if (answer.integrations.length === 0) replace(list, h("p", { class: "muted" }, "No integration yet."));
  };
  // Each event the pipeline finishes may change a state (live, credential rejected): the list follows the event
  // stream, one load at a time.
  let loading: Promise<void> | undefined;
  let again = false;
  const refresh = () => {
    if (loading !== undefined) return void (again = true);
    loading = load()
      .catch(() => undefined)
      .finally(() => {
        loading = undefined;
        if (again) ((again = false), refresh());
      });
  };
  new EventSource("/api/events/stream").addEventListener("event", refresh);
  const edit = (existing?: IntegrationView) => {
    if (answer === undefined) return;
    replace(
      editor,
      settingsForm(answer.catalog, existing, async () => {
        replace(editor);
        await load();
      }),
    );
    editor.scrollIntoView({ block: "nearest" });
  };
  const setPaused = async (name: string, paused: boolean) => {
    await postJson(`/api/integrations/${encodeURIComponent(name)}/${paused ? "pause" : "resume"}`, {});
    await load();
  };

  replace(
    root,
    h(
      "div",
      { class: "toolbar" },
      h("h1", {}, "Integrations"),
      h("button", { type: "button", id: "add", onclick: () => edit() }, "Add integration"),
    ),
    list,
    editor,
  );
  refresh();
}

function card(
  i: IntegrationView,
  edit: (i: IntegrationView) => void,
  setPaused: (name: string, paused: boolean) => Promise<void>,
): HTMLElement {
  const paused = i.state === "paused";
  return h(
    "article",
    { class: `card state-${i.state}`, "data-name": i.name },
    h("header", {}, h("h2", {}, i.name), h("span", { class: `badge state-${i.state}` }, LABELS[i.state] ?? i.state)),
    i.detail !== undefined && h("p", { class: "advice" }, i.detail),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Integration"),
      h("dd", {}, i.integration),
      h("dt", {}, "Preset"),
      h("dd", {}, i.preset),
      h("dt", {}, "Last event"),
      h("dd", {}, formatTime(i.lastEventAt)),
      ...(i.baseUrl !== undefined ? [h("dt", {}, "Base URL"), h("dd", { class: "base-url" }, i.baseUrl)] : []),
      ...Object.entries(i.secrets).flatMap(([name, set]) => [
        h("dt", {}, name),
        h("dd", { class: "secret" }, set ? "set" : "not set"),
      ]),
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "secondary", onclick: () => edit(i) }, "Edit"),
      h(
        "button",
        { type: "button", class: "secondary", onclick: () => void setPaused(i.name, !paused) },
        paused ? "Resume" : "Pause",
      ),
    ),
  );
}
