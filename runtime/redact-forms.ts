// The encodings in which a server or a library may echo a secret back, beyond the secret itself.

/** The ways a server or a library may echo a secret back: as is, URL-encoded, base64 (as in Basic auth), hex. */
export function writtenForms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  return [
    secret,
    encodeURIComponent(secret),
    bytes.toString("base64"),
    bytes.toString("base64url"),
    ...encodedForms(secret),
  ];
}

/**
 * Hex of the secret, and base64 of any text that holds it (Basic auth sends base64 of `user:KEY`, some servers echo
 * `Bearer KEY` encoded). Where the secret sits in that text decides how its bytes fall into base64's 3-byte groups, so
 * for each of the three alignments the part of the encoding made only of the secret's bytes is a form to hide;
 * at most two bytes of the secret on either side stay visible, mixed with their neighbours' bits.
 */
export function encodedForms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const forms = [bytes.toString("hex")];
  for (let skip = 0; skip < 3; skip++) {
    const aligned = bytes.subarray(skip);
    const whole = aligned.subarray(0, aligned.length - (aligned.length % 3)).toString("base64");
    // Shorter cores would match ordinary text; the whole-secret forms still cover short secrets.
    if (whole.length >= 8) forms.push(whole, whole.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return forms;
}

const CUT_MARKS = ["", ".", "…", '"', "'", "\n", "\r", ","];
const FIRST = 8;
const ALWAYS = 12;

/**
 * A message cut at a length limit can hold the first part of a secret, which no whole-secret match finds. Any start of
 * the secret of 12 characters or more is hidden wherever it appears; one of 8 or more when what follows marks a cut
 * (the end of the text or of a line, "…", "...", a closing quote or a comma).
 */
export function hideCutOffStarts(text: string, secret: string, mark: string): string {
  const wanted = secret.toLowerCase();
  if (wanted.length <= FIRST) return text;
  const lower = text.toLowerCase();
  const start = wanted.slice(0, FIRST);
  let result = "";
  let copied = 0;
  for (let at = lower.indexOf(start); at !== -1; at = lower.indexOf(start, at + 1)) {
    if (at < copied) continue;
    let length = FIRST;
    while (length < wanted.length && lower[at + length] === wanted[length]) length++;
    const next = lower[at + length] ?? "";
    if (length < ALWAYS && !CUT_MARKS.includes(next)) continue;
    result += text.slice(copied, at) + mark;
    copied = at + length;
  }
  return result + text.slice(copied);
}

/** What hideCutOffStarts looks for in lower-cased text: the lower-cased secret's first characters, if it is long enough. */
export function cutOffStart(secret: string): string[] {
  const wanted = secret.toLowerCase();
  return wanted.length <= FIRST ? [] : [wanted.slice(0, FIRST)];
}
