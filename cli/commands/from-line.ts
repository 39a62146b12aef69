// `--from-line K` of run and deliver: where to resume after a run that stopped early (a closed output, an interrupt).

/** The line number, undefined when not given, or the problem to report as a usage error. */
export function fromLineOption(text: string | undefined): number | undefined | string {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < 1 || !Number.isSafeInteger(value))
    return `--from-line must be a line number (1 or more), got ${JSON.stringify(text)}`;
  return value;
}

/**
 * The lines before `fromLine` as blank lines: they keep their numbers (results and dead letters name the real input
 * line) and, being blank, are neither parsed nor sent.
 */
export async function* skipLinesBefore<T>(lines: AsyncIterable<T>, fromLine: number, blank: T): AsyncGenerator<T> {
  let number = 0;
  for await (const line of lines) {
    number++;
    yield number < fromLine ? blank : line;
  }
}
