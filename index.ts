// The package entry: compile .map sources and load presets (CONTRACT section 5).

export { compile, check, type CompileOptions, type CompileResult, type CheckResult } from "./compiler/index.js";
export { loadPreset, PresetCompileError } from "./loader/load-preset.js";
export { renderDiagnostics, diagnosticsToJson } from "./diagnostics/render.js";
export type { Diagnostic, Severity, Label } from "./diagnostics/diagnostic.js";
export type { Outcome, SendOutcome, DropOutcome, ErrorOutcome, HttpRequest } from "./runtime/outcome.js";
export type { Preset } from "./runtime/preset.js";
export type { PresetModule, SettingSpec } from "./runtime/preset-module.js";
export { loadPresetSource } from "./loader/load-preset.js";
export { PresetChoiceError, type LoadOptions } from "./loader/load-preset.js";
export type { Prepared, TransformOptions } from "./runtime/preset.js";
export type { Clock, RateLimit, SendSpec } from "./runtime/preset-module.js";
export { deliverEvents, type DeliverOptions } from "./delivery/deliver.js";
export { createSalesloftSender, type SalesloftSenderOptions } from "./delivery/salesloft/sender.js";
export { startEmulator, type Emulator, type EmulatorOptions } from "./emulator/salesloft/index.js";
