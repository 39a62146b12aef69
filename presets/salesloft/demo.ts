// Salesloft's demo module: `signal-map demo` runs it (sample leads through the local Salesloft emulator).

import { DEMO_HELP, demoCommand, salesloftReport } from "./demo/run.js";

export default { help: DEMO_HELP, run: demoCommand, report: salesloftReport };
