// The shape of a file and its presets: one `on` and one `send` per preset, distinct events, settings and messages.

import type {
  MapFile,
  OnStatement,
  OrderStatement,
  PresetDecl,
  RequireStatement,
  DropStatement,
  SendStatement,
  SettingDecl,
  StringLiteral,
} from "../../dsl/ast.js";
import { listOf } from "./types.js";
import type { CheckContext } from "./context.js";
import { didYouMean, quoted, spanning } from "./report.js";
import type { CheckTable } from "./table.js";

export const PRESET_CHECKS: CheckTable = {
  SettingDecl: [checkSettingDeclaredOnce],
  On: [checkOnList],
  Send: [checkSendBlocks],
  Order: [checkOrderOnce],
  Require: [checkRequireMessage],
  Drop: [checkDropReason],
  PresetDecl: [checkOnAndSendPresent],
  MapFile: [checkPresetNamesDistinct],
};

function checkSettingDeclaredOnce(setting: SettingDecl, context: CheckContext): void {
  const name = setting.name?.text;
  const first = typeof name === "string" ? context.file.settings?.get(name) : undefined;
  if (first === undefined || first === setting) return;
  context.reporter.report("E207", setting.name.span, `setting ${quoted(name!)} is declared twice`, {
    labels: [{ span: first.name.span, message: "first declared here" }],
    hints: ["remove one of them"],
  });
}

function checkOnList(on: OnStatement, context: CheckContext): void {
  const first = context.preset?.on;
  if (first !== undefined && first !== on) {
    context.reporter.report("E405", on.span, `a preset has one "on" statement; this is a second`, {
      labels: [{ span: first.span, message: 'first "on" here' }],
      hints: ['list every event in the first "on" statement'],
    });
    return;
  }
  const events = listOf(on.events);
  checkCallTypes(on, context);
  if (events.length === 0 && listOf(on.calls).length === 0 && on.allSpan === undefined) {
    context.reporter.report("E402", on.span, `the "on" list is empty, so the preset would handle no event`, {
      hints: [`name at least one event, e.g. on "Signed Up"`],
    });
  }
  reportRepeatedEvents(events, context);
}

/** The call types `on` may name as bare words; identify calls are also named "Identified". */
export const CALL_TYPES: readonly string[] = ["track", "identify", "page", "screen", "group", "alias"];

function checkCallTypes(on: OnStatement, context: CheckContext): void {
  const seen = new Set<string>();
  for (const call of listOf(on.calls)) {
    const word = call?.text;
    if (typeof word !== "string") continue;
    if (!CALL_TYPES.includes(word)) {
      const guess = didYouMean(word, CALL_TYPES);
      context.reporter.report("E417", call.span, `${quoted(word)} is not a call type`, {
        hints: [
          guess ?? `a bare word names a call type: ${CALL_TYPES.join(", ")}`,
          `an event name is quoted: on ${JSON.stringify(word)}`,
        ],
      });
    } else if (seen.has(word)) {
      context.reporter.report("W102", call.span, `${quoted(word)} is listed twice`, { hints: ["remove the repeat"] });
    }
    seen.add(word);
  }
  if (on.allSpan !== undefined && (listOf(on.events).length > 0 || seen.size > 0)) {
    context.reporter.report("W110", on.allSpan, `"*" already handles every event, so the other items add nothing`, {
      hints: ['write on * alone, or list the events without "*"'],
    });
  }
}

function reportRepeatedEvents(events: readonly StringLiteral[], context: CheckContext): void {
  const seen = new Map<string, StringLiteral>();
  for (const event of events) {
    if (typeof event?.value !== "string") continue;
    const first = seen.get(event.value);
    if (first === undefined) {
      seen.set(event.value, event);
      continue;
    }
    context.reporter.report("W102", event.span, `${quoted(event.value)} is listed twice`, {
      labels: [{ span: first.span, message: "first listed here" }],
      hints: ["remove the repeated name"],
    });
  }
}

/** With several sends: every send but the last says when it applies (E419); the prelude sets no body field (E418). */
function checkSendBlocks(send: SendStatement, context: CheckContext): void {
  const preset = context.preset;
  const blocks = preset?.layout.blocks ?? [];
  if (preset === undefined || blocks.length < 2) return;
  const index = blocks.findIndex((block) => block.send === send);
  const line = spanning(send.span, send.url?.span);
  if (index >= 0 && index < blocks.length - 1 && send.when === undefined) {
    context.reporter.report("E419", line, `this send is not the last, so it needs a "when" condition`, {
      labels: [{ span: spanning(blocks[index + 1].send.span, blocks[index + 1].send.url?.span), message: "next send" }],
      hints: [
        'the first send whose "when" holds is built: add one, e.g. when event.type == "identify"',
        "or move this send last, where it takes every event the others do not",
      ],
    });
  }
  if (index !== 0) return;
  for (const statement of preset.layout.prelude) {
    if (statement.kind !== "Assign") continue;
    context.reporter.report("E418", statement.targetSpan, "a body field is set before the first send", {
      labels: [{ span: line, message: "first send" }],
      hints: ["with several sends each one builds its own body: move the assignment under the send it belongs to"],
    });
  }
}

function checkOrderOnce(order: OrderStatement, context: CheckContext): void {
  const first = listOf(context.preset?.decl.statements).find((s) => s?.kind === "Order");
  if (first === undefined || first === order) return;
  context.reporter.report("E405", order.span, `a preset has one "order by"; this is a second`, {
    labels: [{ span: first.span, message: 'first "order by" here' }],
    hints: ["keep one: it orders every request of the preset"],
  });
}

function checkRequireMessage(statement: RequireStatement, context: CheckContext): void {
  const message = statement.message;
  if (typeof message?.value !== "string" || message.value.trim() !== "") return;
  context.reporter.report("E409", message.span, "the require message is empty", {
    hints: ["say what is missing and why it is needed; it becomes the error outcome's message"],
  });
}

function checkDropReason(statement: DropStatement, context: CheckContext): void {
  const reason = statement.reason;
  if (typeof reason?.value !== "string" || reason.value.trim() !== "") return;
  context.reporter.report("E424", reason.span, "the drop reason is empty", {
    hints: ['say why such events are not sent (it becomes the drop outcome\'s reason), e.g. "no marketing consent"'],
  });
}

function checkOnAndSendPresent(decl: PresetDecl, context: CheckContext): void {
  const preset = context.preset;
  const name = decl.name?.text ?? "";
  if (preset === undefined) return;
  if (preset.on === undefined) {
    context.reporter.report("E403", decl.name?.span ?? decl.span, `preset ${quoted(name)} has no "on" statement`, {
      hints: [`add on "Event Name", ... to say which events it handles`],
    });
  }
  if (preset.send === undefined) {
    context.reporter.report("E404", decl.name?.span ?? decl.span, `preset ${quoted(name)} has no "send" statement`, {
      hints: [`add send POST "https://..." to say where its requests go`],
    });
  }
}

/** Tools select a preset by name (--preset NAME, FILE.map#NAME), so two presets of a file may not share one. */
function checkPresetNamesDistinct(file: MapFile, context: CheckContext): void {
  const seen = new Map<string, PresetDecl>();
  for (const preset of listOf(file.presets)) {
    const name = preset?.name?.text;
    if (typeof name !== "string") continue;
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, preset);
      continue;
    }
    context.reporter.report("E443", preset.name.span, `a preset named ${quoted(name)} is already in this file`, {
      labels: [{ span: first.name.span, message: "first declared here" }],
      hints: ["tools pick a preset by its name (--preset NAME), so each needs its own"],
    });
  }
}
