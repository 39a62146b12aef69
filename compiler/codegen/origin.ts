// The origin of a URL template: its literal `scheme://host[:port]`, normalised as the WHATWG URL parser does.

/** "https://API.example.com:443/v1/{id}" → "https://api.example.com"; "" when the template has no literal origin. */
export function originOf(template: string): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#{}]*)/.exec(template);
  if (match === null) return "";
  try {
    const origin = new URL(match[1]).origin;
    return origin === "null" ? "" : origin;
  } catch {
    return "";
  }
}
