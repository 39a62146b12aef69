// The add/edit form: a shipped integration, one of its presets, and its settings; a secret is a write-only field.

import type { CatalogEntry, CatalogPreset, CatalogSetting, SettingValue } from "../../serve/debugger/deps.js";
import type { IntegrationView } from "../../serve/debugger/api-types.js";
import { ApiError, postJson } from "./api.js";
import { h, replace } from "./dom.js";

function presetKey(entry: CatalogEntry, preset: CatalogPreset): string {
  return entry.presets.filter((p) => p.file === preset.file).length > 1 ? `${preset.file}#${preset.name}` : preset.file;
}

function matches(configured: string, key: string): boolean {
  return configured === key || configured.endsWith(`/${key}`);
}

export function settingsForm(
  catalog: readonly CatalogEntry[],
  existing: IntegrationView | undefined,
  saved: () => Promise<void>,
): HTMLFormElement {
  const integration = h(
    "select",
    { name: "integration", "aria-label": "Integration" },
    ...catalog.map((c) => h("option", { value: c.integration }, c.title)),
  );
  const preset = h("select", { name: "preset", "aria-label": "Preset" });
  const name = h("input", {
    name: "name",
    required: true,
    pattern: "[A-Za-z0-9][A-Za-z0-9_-]{0,62}",
    value: existing?.name ?? "",
  });
  const baseUrl = h("input", {
    name: "baseUrl",
    type: "url",
    placeholder: "the destination's own API",
    value: existing?.baseUrl ?? "",
  });
  const fields = h("div", { class: "fields" });
  const problems = h("ul", { class: "problems", role: "alert" });
  if (existing !== undefined) {
    integration.value = existing.integration;
    name.readOnly = true;
  }
  const entry = () => catalog.find((c) => c.integration === integration.value);
  const chosen = () => entry()?.presets.find((p) => presetKey(entry()!, p) === preset.value);
  const fillPresets = () => {
    const e = entry();
    replace(preset, ...(e?.presets ?? []).map((p) => h("option", { value: presetKey(e!, p) }, p.title ?? p.name)));
    const current = e?.presets.find((p) => existing !== undefined && matches(existing.preset, presetKey(e, p)));
    if (current !== undefined) preset.value = presetKey(e!, current);
    fillFields();
  };
  const fillFields = () => replace(fields, ...(chosen()?.settings ?? []).map((s) => settingField(s, existing)));
  integration.addEventListener("change", fillPresets);
  preset.addEventListener("change", fillFields);
  fillPresets();

  const submit = async (event: Event) => {
    event.preventDefault();
    replace(problems);
    try {
      await postJson("/api/integrations", {
        name: name.value.trim(),
        preset: preset.value,
        settings: readSettings(fields, chosen()),
        baseUrl: baseUrl.value.trim(),
      });
      await saved();
    } catch (error) {
      const list = error instanceof ApiError && error.problems.length > 0 ? error.problems : ["could not save"];
      replace(problems, ...list.map((p) => h("li", {}, p)));
    } finally {
      // A typed key never stays in the page, saved or not.
      for (const input of fields.querySelectorAll<HTMLInputElement>("input[type=password]")) input.value = "";
    }
  };
  return h(
    "form",
    { class: "settings", onsubmit: (e: Event) => void submit(e), autocomplete: "off" },
    h("h2", {}, existing === undefined ? "Add an integration" : `Edit ${existing.name}`),
    h("label", {}, "Integration", integration),
    h("label", {}, "Preset", preset),
    h("label", {}, "Name", name),
    fields,
    h(
      "label",
      {},
      "Base URL",
      baseUrl,
      h(
        "small",
        {},
        "Optional: an emulator or test endpoint, e.g. http://127.0.0.1:9999. Changing it asks for the key again.",
      ),
    ),
    problems,
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Save")),
  );
}

function settingField(s: CatalogSetting, existing: IntegrationView | undefined): HTMLElement {
  const label = `${s.name}${s.required ? " (required)" : ""}`;
  const hint = s.description !== undefined ? h("small", {}, s.description) : null;
  if (s.secret) {
    const set = existing?.secrets[s.name] === true;
    const input = h("input", {
      type: "password",
      name: s.name,
      "data-kind": "secret",
      autocomplete: "new-password",
      placeholder: set ? "set — leave empty to keep it" : "not set",
    });
    return h("label", {}, label, " ", h("span", { class: "badge secret-state" }, set ? "set" : "not set"), input, hint);
  }
  const value = existing?.settings[s.name];
  if (s.type === "boolean") {
    const box = h("input", { type: "checkbox", name: s.name, "data-kind": "boolean" });
    box.checked = value === true;
    return h("label", { class: "check" }, box, " ", label, hint);
  }
  const input = h("input", {
    type: s.type === "number" ? "number" : "text",
    name: s.name,
    "data-kind": s.type === "number" ? "number" : "text",
  });
  input.value = value === undefined ? "" : String(value);
  return h("label", {}, label, input, hint);
}

function readSettings(fields: HTMLElement, preset: CatalogPreset | undefined): Record<string, SettingValue> {
  const out: Record<string, SettingValue> = {};
  for (const input of fields.querySelectorAll<HTMLInputElement>("input[name]")) {
    if (!preset?.settings.some((s) => s.name === input.name)) continue;
    const kind = input.dataset.kind;
    if (kind === "boolean") out[input.name] = input.checked;
    else if (input.value.trim() === "") continue;
    else out[input.name] = kind === "number" ? Number(input.value) : input.value;
  }
  return out;
}
