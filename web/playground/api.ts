// The page's two calls to the playground server: the starting example, and running an event through the source.

export interface Example {
  readonly mapName: string;
  readonly source: string;
  readonly schemaName: string;
  readonly schema: string;
  readonly event: string;
  readonly settings: string;
}

export interface RunRequest {
  readonly mapName: string;
  readonly source: string;
  readonly schemaName: string;
  readonly schema: string;
  readonly event: unknown;
  readonly settings: unknown;
}

/** `outcome` is already redacted by the server; `problem` says why there is none (e.g. the source has errors). */
export interface RunAnswer {
  readonly outcome?: unknown;
  readonly problem?: string;
}

export async function fetchExample(): Promise<Example> {
  const response = await fetch("/api/example");
  if (!response.ok) throw new Error(`the example could not be loaded (HTTP ${response.status})`);
  return (await response.json()) as Example;
}

export async function runEvent(request: RunRequest): Promise<RunAnswer> {
  const response = await fetch("/api/run", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
  });
  const answer = (await response.json()) as RunAnswer;
  return response.ok ? answer : { problem: answer.problem ?? `HTTP ${response.status}` };
}
