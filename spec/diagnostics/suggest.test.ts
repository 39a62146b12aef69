// "Did you mean": close names are suggested, far ones are not.

import { describe, expect, it } from "vitest";
import { editDistance, suggest } from "../../diagnostics/suggest.js";

const FIELDS = ["first_name", "last_name", "title", "email_address", "phone"];

describe("suggest", () => {
  it("counts swapped neighbouring letters as one edit", () => {
    expect(editDistance("frist", "first")).toBe(1);
    expect(suggest("frist_name", FIELDS)).toBe("first_name");
  });

  it("suggests within max(1, floor(length / 3)) edits and nothing beyond", () => {
    expect(suggest("titel", FIELDS)).toBe("title");
    expect(suggest("phon", FIELDS)).toBe("phone");
    expect(suggest("company", FIELDS)).toBeUndefined();
    expect(suggest("tit", FIELDS)).toBeUndefined();
  });

  it("prefers a candidate that differs only in letter case", () => {
    expect(suggest("post", ["PUT", "POST"])).toBe("POST");
  });

  it("breaks ties in favour of the earlier candidate and never suggests the name itself", () => {
    expect(suggest("cat", ["bat", "hat"])).toBe("bat");
    expect(suggest("title", ["title"])).toBeUndefined();
  });

  it("accepts any iterable, including a Set or a Map's keys", () => {
    expect(suggest("emial", new Set(["email", "phone"]))).toBe("email");
    expect(suggest("regoin", new Map([["region", 1]]).keys())).toBe("region");
  });
});
