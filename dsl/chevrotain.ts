// Chevrotain, loaded from the single-file build the package ships: its modular build imports hundreds of lodash-es
// files and took ~300 ms of every command's start-up; the bundle loads in ~15 ms. Types still come from "chevrotain".

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

type Chevrotain = typeof import("chevrotain");

// The package's exports map names only its modular entry, so the bundle beside it is found from that entry's path.
const entry = createRequire(import.meta.url).resolve("chevrotain");
const bundle = pathToFileURL(join(dirname(entry), "..", "chevrotain.mjs")).href;
const chevrotain = (await import(bundle)) as Chevrotain;

export const { createToken, CstParser, EOF, Lexer, tokenLabel, tokenMatcher } = chevrotain;
