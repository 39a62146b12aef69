// Salesloft's emulator module: its own People and custom fields, served by the command in ./emulator/.

import type { EmulatorModule } from "../../emulator/module.js";
import { runEmulatorCommand } from "./emulator/command.js";

const salesloftEmulator: EmulatorModule = {
  title: "Salesloft",
  runCommand: runEmulatorCommand,
};

export default salesloftEmulator;
