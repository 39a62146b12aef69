// The emulators' record is bounded in requests and bytes, keeps the newest, and never keeps a credential.

import { describe, expect, it } from "vitest";
import { RequestRecorder, recordableHeaders, recordableQuery, type RecordedRequest } from "../../emulator/recorder.js";

const entry = (n: number, body: unknown = { n }): RecordedRequest => ({
  method: "POST",
  path: "/x",
  query: "",
  status: 200,
  dropped: false,
  headers: {},
  body,
  team: undefined,
  time: n,
});

describe("RequestRecorder", () => {
  it("keeps at most maxRequests, forgetting the oldest", () => {
    const recorder = new RequestRecorder({ maxRequests: 3 });
    for (let n = 1; n <= 5; n++) recorder.record(entry(n));
    expect(recorder.list().map((r) => r.time)).toEqual([3, 4, 5]);
  });

  it("keeps at most maxBytes of bodies, but always the newest request", () => {
    const recorder = new RequestRecorder({ maxBytes: 100 });
    for (let n = 1; n <= 4; n++) recorder.record(entry(n, "x".repeat(40)));
    expect(recorder.list().map((r) => r.time)).toEqual([3, 4]);
    recorder.record(entry(9, "y".repeat(500)));
    expect(recorder.list().map((r) => r.time)).toEqual([9]);
  });

  it("keeps only the scheme of an Authorization header and no credential query value", () => {
    expect(recordableHeaders({ authorization: "Basic dXNlcjpzZWNyZXQ=" })).toEqual({
      authorization: "Basic [redacted]",
    });
    const url = new URL("http://x/events?access_token=tok-secret&x=1");
    expect(recordableQuery(url.searchParams, url.search, ["access_token"])).toBe("access_token=%5Bredacted%5D&x=1");
    expect(recordableQuery(url.searchParams, url.search, [])).toBe("access_token=tok-secret&x=1");
  });
});
