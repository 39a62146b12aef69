// Talking to the debugger's API: same-origin fetches (the browser adds the Basic credentials), JSON both ways.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problems: readonly string[],
  ) {
    super(problems.join("; ") || `HTTP ${status}`);
  }
}

async function answer<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => undefined)) as { problems?: string[] } | undefined;
  if (!res.ok) throw new ApiError(res.status, body?.problems ?? []);
  return body as T;
}

export async function getJson<T>(path: string): Promise<T> {
  return answer<T>(await fetch(path, { headers: { Accept: "application/json" }, credentials: "same-origin" }));
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    credentials: "same-origin",
    body: JSON.stringify(body),
  });
  return answer<T>(res);
}
