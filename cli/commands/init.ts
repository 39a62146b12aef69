// `signal-map init NAME [--from-schema S.json] [--dir presets]`: a new integration folder that checks clean and whose
// golden fixture passes — the preset skeleton, its schema, settings example, FACTS.md template, a sample and a README.

import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { loadPresetSource } from "../../loader/load-preset.js";
import { redactOutcome, secretValues } from "../../runtime/redact.js";
import { EXIT, type Command } from "../io.js";
import { parseArgs, type ArgSpec } from "../args.js";
import { usageError } from "../usage.js";
import { ioProblem } from "../io-problems.js";

const HELP = `Usage: signal-map init NAME [--from-schema request.schema.json] [--dir presets]

Creates DIR/NAME/ (DIR defaults to presets) with NAME.map (integration header, an api_key setting, one preset that
sends POST with an Authorization header and checks its body against the request schema), request.schema.json,
settings.example.json, FACTS.md (what to find out, with sources), tests/sends-sample.json (a golden case that
passes), samples/events.jsonl and README.md. With --from-schema the schema is copied and each of its top-level
properties gets a rule: the required ones set from a plausible event path, the others commented out.
An existing folder is never overwritten.

Options:
  --from-schema FILE  the JSON Schema of the request body to start from
  --dir DIR           where the folder is made (default: presets)
  --help              show this help

Exit: 0 created, 2 usage, an existing folder, or a schema that cannot be read.`;

const SPEC: ArgSpec = { flags: [], options: ["from-schema", "dir"] };

type Schema = { properties?: Record<string, { type?: unknown; description?: unknown }>; required?: unknown };

const DEFAULT_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    event_name: { type: "string", description: "what happened" },
    user_id: { type: "string", description: "who it happened to" },
    email: { type: "string", description: "the person's e-mail address" },
  },
  required: ["event_name"],
};

export const initCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC);
  if (args.help) {
    io.stdout.write(HELP + "\n");
    return EXIT.ok;
  }
  const name = args.positional[0];
  if (args.error || args.positional.length !== 1) return usageError(io, "init", args.error ?? "init needs NAME", HELP);
  if (!/^[a-z][a-z0-9_]*$/.test(name))
    return usageError(io, "init", `"${name}" is not a name: use lower-case letters, digits and _`, HELP);
  const folder = resolve(io.cwd, args.options.get("dir") ?? "presets", name);
  if (existsSync(folder)) {
    io.stderr.write(`signal-map init: ${folder} already exists; nothing was changed\n`);
    return EXIT.usage;
  }
  let schema: Schema = DEFAULT_SCHEMA;
  const from = args.options.get("from-schema");
  if (from !== undefined) {
    try {
      schema = JSON.parse(await readFile(resolve(io.cwd, from), "utf8")) as Schema;
    } catch (error) {
      io.stderr.write(
        `signal-map init: cannot use ${from}: ${error instanceof SyntaxError ? error.message : ioProblem(error)}\n`,
      );
      return EXIT.usage;
    }
  }
  await writeFolder(folder, name, schema);
  io.stdout.write(`created ${folder}\nnext: fill in FACTS.md, then signal-map check ${join(folder, `${name}.map`)}\n`);
  return EXIT.ok;
};

async function writeFolder(folder: string, name: string, schema: Schema): Promise<void> {
  await mkdir(join(folder, "tests"), { recursive: true });
  await mkdir(join(folder, "samples"));
  const source = presetSource(name, schema);
  const event = sampleEvent(schema);
  const settings = { api_key: "example-key-not-secret" };
  const files: Record<string, string> = {
    [`${name}.map`]: source,
    "request.schema.json": JSON.stringify(schema, null, 2) + "\n",
    "settings.example.json": JSON.stringify(settings, null, 2) + "\n",
    "FACTS.md": factsTemplate(name),
    "README.md": readme(name),
    "samples/events.jsonl": JSON.stringify(event) + "\n",
  };
  for (const [file, text] of Object.entries(files)) await writeFile(join(folder, file), text, { flag: "wx" });
  const expect = await outcomeOf(source, join(folder, `${name}.map`), event, settings);
  const fixture = { description: "The sample event is sent.", preset: `../${name}.map`, settings, event, expect };
  await writeFile(join(folder, "tests", "sends-sample.json"), JSON.stringify(fixture, null, 2) + "\n", { flag: "wx" });
}

/** The outcome as `signal-map test` compares it: redacted. */
async function outcomeOf(source: string, file: string, event: unknown, settings: Record<string, string>) {
  const preset = await loadPresetSource(source, file);
  const outcome = preset.transform(event, settings);
  return JSON.parse(JSON.stringify(redactOutcome(outcome, preset.meta, secretValues(preset.meta, settings))));
}

/** Where a property of a plausible name is found in the canonical event. */
const PATHS: Readonly<Record<string, string>> = {
  email: "lower(trim(traits.email))",
  email_address: "lower(trim(traits.email))",
  first_name: "trim(traits.first_name)",
  firstname: "trim(traits.first_name)",
  last_name: "trim(traits.last_name)",
  lastname: "trim(traits.last_name)",
  phone: "trim(to_string(traits.phone))",
  user_id: "to_string(event.userId)",
  userid: "to_string(event.userId)",
  external_id: "to_string(event.userId)",
  distinct_id: "to_string(event.userId)",
  event: "event",
  event_name: "event",
  name: "event",
  message_id: "to_string(event.messageId)",
  ip: "trim(context.ip)",
};

function ruleFor(property: string, type: unknown): string {
  const known = PATHS[property.toLowerCase()];
  if (known !== undefined) return known;
  if (type === "number" || type === "integer") return `to_number(properties.${property}) ?? omit`;
  if (type === "boolean") return `properties.${property} == true`;
  return `to_string(properties.${property})`;
}

function safeKey(property: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(property);
}

function schemaRules(schema: Schema): string[] {
  const required = Array.isArray(schema.required) ? schema.required : [];
  const entries = Object.entries(schema.properties ?? {}).filter(([key]) => safeKey(key));
  const width = Math.max(0, ...entries.map(([key]) => key.length));
  return entries.flatMap(([key, spec]) => {
    const type = typeof spec?.type === "string" ? spec.type : "any";
    const about = typeof spec?.description === "string" ? ` — ${spec.description.replace(/[\r\n]+/g, " ")}` : "";
    const simple = ["string", "number", "integer", "boolean"].includes(type);
    const rule = `${key.padEnd(width)} <- ${ruleFor(key, type)}`;
    const on = required.includes(key) && simple;
    return [
      `  # ${key}: ${type}${required.includes(key) ? ", required" : ""}${about}`,
      on ? `  ${rule}` : `  # ${rule}`,
    ];
  });
}

function presetSource(name: string, schema: Schema): string {
  return `# ${name} — events
# Sends every track and identify call as one request. Facts and sources: FACTS.md beside this file.

integration ${name} "${name}"
  setting api_key: secret required  "API key (where to find it: FACTS.md, Auth)"

preset events "Events"
  on track, identify

  send POST "https://api.example.com/v1/events"
    header "Authorization" <- "Bearer " + settings.api_key
    body matches "request.schema.json"

${schemaRules(schema).join("\n")}
`;
}

function sampleEvent(schema: Schema): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema.properties ?? {})) {
    if (!safeKey(key) || PATHS[key.toLowerCase()] !== undefined) continue;
    const type = spec?.type;
    properties[key] = type === "number" || type === "integer" ? 1 : type === "boolean" ? true : "example";
  }
  return {
    type: "track",
    event: "Signed Up",
    messageId: "sample-1",
    userId: "user-1",
    timestamp: "2026-01-01T12:00:00.000Z",
    traits: { email: "jane@example.com", first_name: "Jane", last_name: "Doe", phone: "+447700900123" },
    context: { ip: "203.0.113.7" },
    properties,
  };
}

function factsTemplate(name: string): string {
  const topics = ["Endpoint", "Auth", "Request body", "Limits", "Rate limits", "Errors and retries"];
  const body = topics.map(
    (t) => `## ${t}\n\nTODO: what ${name} documents about this.\n\nSources: TODO (link and date read)\n`,
  );
  return `# ${name}: facts\n\nEverything the preset relies on, each with where it was read. Fill in every TODO.\n\n${body.join("\n")}`;
}

function readme(name: string): string {
  return `# ${name}

A preset made by \`signal-map init\`. Next steps:

1. Fill in FACTS.md (endpoint, auth, limits) with sources.
2. Replace request.schema.json with the API's request body schema, and the URL in ${name}.map.
3. \`signal-map check ${name}.map\`, then \`signal-map test .\` (tests/ holds golden cases; \`--update\` records one).
4. \`signal-map explain ${name}.map samples/events.jsonl\` shows how an event becomes its request.
`;
}
