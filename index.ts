// The package entry: compile .map sources, load presets, deliver their requests and emulate destinations (CONTRACT 5).

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
export { createHttpSender, type HttpSenderOptions } from "./delivery/http-sender.js";
export type { IntegrationAdapter, AdapterFactory } from "./delivery/adapter.js";
export { findAdapter } from "./delivery/registry.js";
export type { RequestSender, SendReport, SendContext } from "./delivery/sender.js";
export type { DeliveryResult, DeliverySummary } from "./delivery/results.js";
export { startGenericEmulator, type GenericEmulatorOptions, type RunningEmulator } from "./emulator/generic.js";
export { findEmulator } from "./emulator/registry.js";
export type { EmulatorModule, EmulatorRoute } from "./emulator/module.js";
export { explainEvent, type Explanation, type ExplainOptions } from "./explain/explain.js";
