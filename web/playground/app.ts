// The playground page: checks the .map source in the browser on every edit and asks the server for the outcome.

import { fetchExample, runEvent, type Example } from "./api.js";
import { checkInBrowser, type BrowserCheck } from "./check.js";
import { MapEditor, type LineMarks } from "./editor.js";

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

class Playground {
  private readonly editor = new MapEditor(byId("map-source"), byId("map-gutter"), byId("map-backdrop"));
  private readonly event = byId<HTMLTextAreaElement>("event");
  private readonly settings = byId<HTMLTextAreaElement>("settings");
  private readonly schema = byId<HTMLTextAreaElement>("schema");
  private readonly outcome = byId<HTMLPreElement>("outcome");
  private readonly status = byId<HTMLElement>("status");
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Increases on every update, so an answer to an older edit never overwrites a newer one. */
  private generation = 0;

  constructor(private readonly example: Example) {
    this.editor.text = example.source;
    this.event.value = example.event;
    this.settings.value = example.settings;
    this.schema.value = example.schema;
    byId("map-label").textContent = example.mapName;
    byId("schema-name").textContent = example.schemaName;
    for (const box of [this.editor.textarea, this.event, this.settings, this.schema]) {
      box.addEventListener("input", () => this.schedule());
    }
  }

  /** Updates shortly after typing pauses, so a fast typist does not queue a check per key. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 120);
  }

  async update(): Promise<void> {
    const generation = ++this.generation;
    const files = { ...this.filesNow(), source: this.editor.text };
    const checked = checkInBrowser(files);
    this.showDiagnostics(checked);
    if (checked.hasErrors) return this.showOutcome("(no outcome: the source has errors)", generation, true);
    const event = parseJson(this.event.value, "event");
    const settings = parseJson(this.settings.value, "settings");
    if (!event.ok) return this.showOutcome(event.problem, generation, true);
    if (!settings.ok) return this.showOutcome(settings.problem, generation, true);
    this.outcome.classList.add("stale");
    const answer = await runEvent({ ...files, event: event.value, settings: settings.value }).catch(
      (error: unknown) => ({
        problem: `the server could not be reached: ${(error as Error).message}`,
        outcome: undefined,
      }),
    );
    const text = answer.problem ?? JSON.stringify(answer.outcome, null, 2);
    this.showOutcome(text, generation, answer.problem !== undefined);
  }

  private filesNow() {
    return { mapName: this.example.mapName, schemaName: this.example.schemaName, schema: this.schema.value };
  }

  private showDiagnostics(checked: BrowserCheck): void {
    const list = byId("diagnostics");
    byId("diagnostic-summary").textContent = `(${checked.summary})`;
    const blocks = checked.diagnostics.map((d) => {
      const pre = document.createElement("pre");
      pre.className = d.severity;
      pre.dataset.code = d.code;
      pre.dataset.line = String(d.line);
      pre.textContent = d.text;
      return pre;
    });
    const clean = document.createElement("p");
    clean.className = "clean";
    clean.textContent = "checks clean";
    list.replaceChildren(...(blocks.length === 0 ? [clean] : blocks));
    const marks = new Map<number, "error" | "warning">();
    for (const d of checked.diagnostics) {
      if (d.severity === "error") marks.set(d.line, "error");
      else if (!marks.has(d.line)) marks.set(d.line, "warning");
    }
    this.editor.mark(marks as LineMarks);
  }

  private showOutcome(text: string, generation: number, problem: boolean): void {
    if (generation !== this.generation) return;
    this.outcome.textContent = text;
    this.outcome.classList.remove("stale");
    this.outcome.classList.toggle("problem", problem);
    this.status.textContent = problem ? "no outcome" : "up to date";
    document.body.dataset.generation = String(generation);
  }
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

function parseJson(text: string, what: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, problem: `the ${what} is not valid JSON: ${(error as Error).message}` };
  }
}

fetchExample()
  .then((example) => void new Playground(example).update())
  .catch((error: unknown) => {
    byId("status").textContent = `could not start: ${(error as Error).message}`;
  });
