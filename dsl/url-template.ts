// URL templates of `send`: literal text with `{PATH}` slots, `{{` and `}}` for literal braces.

/** One piece of a template: literal text (braces already unescaped), or a slot holding a path. */
export type TemplatePart =
  | { readonly kind: "text"; readonly text: string }
  | {
      readonly kind: "slot";
      /** The path as written inside the braces, e.g. `settings.pixel_id`. */
      readonly path: string;
      /** Offsets of `{` and just after `}` in the decoded URL text. */
      readonly start: number;
      readonly end: number;
    };

export interface ParsedTemplate {
  readonly parts: readonly TemplatePart[];
  /** Problems found, each with its offsets in the decoded text. */
  readonly problems: readonly { readonly message: string; readonly start: number; readonly end: number }[];
}

const SLOT_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export function parseUrlTemplate(url: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const problems: { message: string; start: number; end: number }[] = [];
  let text = "";
  let i = 0;
  const flush = () => {
    if (text !== "") parts.push({ kind: "text", text });
    text = "";
  };
  while (i < url.length) {
    const two = url.slice(i, i + 2);
    if (two === "{{" || two === "}}") {
      text += two[0];
      i += 2;
    } else if (url[i] === "{") {
      const close = url.indexOf("}", i);
      if (close === -1) {
        problems.push({ message: 'a "{" with no "}" (write {{ for a literal brace)', start: i, end: i + 1 });
        break;
      }
      const path = url.slice(i + 1, close).trim();
      if (!SLOT_PATH.test(path)) {
        problems.push({
          message: `"{${url.slice(i + 1, close)}}" is not a slot: put a path or a let name in braces`,
          start: i,
          end: close + 1,
        });
      }
      flush();
      parts.push({ kind: "slot", path, start: i, end: close + 1 });
      i = close + 1;
    } else if (url[i] === "}") {
      problems.push({ message: 'a "}" with no "{" (write }} for a literal brace)', start: i, end: i + 1 });
      i += 1;
    } else {
      text += url[i];
      i += 1;
    }
  }
  flush();
  return { parts, problems };
}

/** The template with each slot replaced by `placeholder`, braces unescaped: what the literal URL looks like. */
export function fillTemplate(parts: readonly TemplatePart[], placeholder: string): string {
  return parts.map((p) => (p.kind === "text" ? p.text : placeholder)).join("");
}
