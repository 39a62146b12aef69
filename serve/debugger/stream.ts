// Server-sent events for the live list: each new or updated event is pushed as its summary.

import type { IncomingMessage, ServerResponse } from "node:http";
import { redactText } from "../../runtime/redact.js";
import type { DebuggerDeps } from "./deps.js";
import { SECURITY_HEADERS } from "./http.js";
import { summarize } from "./views.js";

const KEEPALIVE_MS = 15_000;

/** The open streams, so that shutdown can end them (an open stream would keep the server from closing). */
export class EventStreams {
  private readonly open = new Set<() => void>();

  /** Answers with an event stream until the client goes away or `closeAll` is called. */
  serve(req: IncomingMessage, res: ServerResponse, deps: DebuggerDeps, reveal: boolean): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      "Content-Type": "text/event-stream; charset=utf-8",
      Connection: "keep-alive",
    });
    res.write(": connected\n\n");
    const send = async (eventId: number) => {
      try {
        const view = await deps.store.event(eventId);
        if (view === undefined || res.writableEnded) return;
        const hidden = [...(deps.secretValues?.() ?? []), deps.adminPassword];
        const data = redactText(JSON.stringify(summarize(view, reveal)), hidden);
        res.write(`event: event\ndata: ${data}\n\n`);
      } catch {
        // A store hiccup loses one push; the page still refreshes on the next one or on reload.
      }
    };
    const unsubscribe = deps.subscribe((id) => void send(id));
    const keepalive = setInterval(() => res.write(": keepalive\n\n"), KEEPALIVE_MS);
    keepalive.unref();
    const end = () => {
      clearInterval(keepalive);
      unsubscribe();
      this.open.delete(end);
      if (!res.writableEnded) res.end();
    };
    this.open.add(end);
    req.on("close", end);
  }

  closeAll(): void {
    for (const end of [...this.open]) end();
  }
}
