// Alignment columns: arrows and `when` in a block of assignments, setting descriptions, and one-per-line match arms.

import type { IToken } from "chevrotain";
import * as T from "../dsl/tokens.js";
import { bracketBalance, type SourceLine, type Statement } from "./lines.js";
import { endOf, tokenColumns, topLevelCount, topLevelIndex } from "./render.js";

type Pads = Map<SourceLine, Map<number, number>>;

export function alignmentPads(lines: readonly SourceLine[], statements: readonly Statement[]): Pads {
  const pads: Pads = new Map();
  const set = (line: SourceLine, index: number, column: number) => {
    const own = pads.get(line) ?? new Map<number, number>();
    own.set(index, column);
    pads.set(line, own);
  };
  // An assignment whose value opens a bracket it does not close on its line stands alone: its arrow is not moved.
  const aligned = (l: SourceLine) => l.opens && statements[l.statement].assignment && bracketBalance(l.tokens) <= 0;
  for (const group of runs(lines, aligned)) alignAssignments(group, set);
  for (const group of runs(lines, (l) => l.opens && statements[l.statement].setting)) alignSettings(group, set);
  for (const group of armRuns(lines)) alignArms(group, set);
  return pads;
}

type Setter = (line: SourceLine, index: number, column: number) => void;

/** Runs of lines passing `test`; continuation lines do not break a run, blank and comment lines do. */
function runs(lines: readonly SourceLine[], test: (line: SourceLine) => boolean): SourceLine[][] {
  const groups: SourceLine[][] = [];
  let current: SourceLine[] = [];
  for (const line of lines) {
    if (test(line)) current.push(line);
    else if (line.tokens.length > 0 && !line.opens) continue;
    else if (current.length > 0) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function alignAssignments(group: SourceLine[], set: Setter): void {
  const arrows = group.map((line) => topLevelIndex(line.tokens, T.Arrow));
  const natural = group.map((line) => tokenColumns(line.tokens));
  const targetWidth = Math.max(...group.map((_, i) => endOf(group[i].tokens, natural[i], arrows[i] - 1)));
  group.forEach((line, i) => set(line, arrows[i], targetWidth + 1));
  const whens = group.map((line) => topLevelIndex(line.tokens, T.When));
  const valueEnds = group.map((line, i) => {
    if (whens[i] < 1) return -1;
    const columns = tokenColumns(line.tokens, new Map([[arrows[i], targetWidth + 1]]));
    return endOf(line.tokens, columns, whens[i] - 1);
  });
  const whenColumn = Math.max(...valueEnds) + 2;
  group.forEach((line, i) => {
    if (whens[i] > 0) set(line, whens[i], whenColumn);
  });
}

/** Descriptions stay where they are when already aligned clear of the longest setting; else two spaces after it. */
function alignSettings(group: SourceLine[], set: Setter): void {
  const described = group.filter((line) => descriptionIndex(line.tokens) !== -1);
  if (described.length === 0) return;
  const minimum =
    Math.max(
      ...described.map((line) => {
        const columns = tokenColumns(line.tokens);
        return endOf(line.tokens, columns, descriptionIndex(line.tokens) - 1);
      }),
    ) + 2;
  const written = described.map((line) => {
    const token = line.tokens[descriptionIndex(line.tokens)];
    return token.startOffset - line.tokens[0].startOffset;
  });
  const kept = written.every((c) => c === written[0]) && written[0] >= minimum ? written[0] : minimum;
  for (const line of described) set(line, descriptionIndex(line.tokens), kept);
}

function descriptionIndex(tokens: readonly IToken[]): number {
  const last = tokens.length - 1;
  if (last < 3 || tokens[last].tokenType !== T.StringLiteral) return -1;
  // A string after `,`, `of` or `default` is a value of `one of` or the default, not the description.
  const before = tokens[last - 1];
  const isValue = before.tokenType === T.Comma || before.image === "of" || before.image === "default";
  return isValue ? -1 : last;
}

/** Runs of continuation lines holding exactly one match arm each, at one bracket depth of one statement. */
function armRuns(lines: readonly SourceLine[]): SourceLine[][] {
  const groups: SourceLine[][] = [];
  let current: SourceLine[] = [];
  const flush = () => {
    if (current.length > 1) groups.push(current);
    current = [];
  };
  // A bracket holding a line of several arms is laid out by hand: none of its arms is moved.
  const crowded = new Set(
    lines.filter((l) => topLevelCount(l.tokens, T.FatArrow) > 1).map((l) => `${l.statement}:${l.depth}`),
  );
  for (const line of lines) {
    const arm =
      !line.opens &&
      line.depth > 0 &&
      topLevelCount(line.tokens, T.FatArrow) === 1 &&
      !crowded.has(`${line.statement}:${line.depth}`);
    const last = current[current.length - 1];
    if (arm && last !== undefined && (last.statement !== line.statement || last.depth !== line.depth)) flush();
    if (arm) current.push(line);
    else flush();
  }
  flush();
  return groups;
}

function alignArms(group: SourceLine[], set: Setter): void {
  const arrows = group.map((line) => topLevelIndex(line.tokens, T.FatArrow));
  const width = Math.max(...group.map((line, i) => endOf(line.tokens, tokenColumns(line.tokens), arrows[i] - 1)));
  group.forEach((line, i) => set(line, arrows[i], width + 1));
}
