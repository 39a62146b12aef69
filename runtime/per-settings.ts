// One value per settings object, made the first time that object is seen: the checked settings a preset runs with,
// the limiter key hashed from its secrets, and what generated code makes from the settings alone (a URL, a header).

import type { Settings } from "./values.js";

/**
 * `make(settings)`, made once per settings object rather than once per event. A stream passes the same object every
 * time, so the previous one is answered first, without a WeakMap lookup; others are remembered by a WeakMap. Sound
 * for generated code because the transform passes build() the checked settings: one frozen object per settings
 * object it is given, so what was made from it once holds for every later event.
 */
export function perSettings<T>(make: (settings: Settings) => T): (settings: Settings) => T {
  const made = new WeakMap<object, { readonly value: T }>();
  let last: { readonly settings: Settings; readonly value: T } | undefined;
  return (settings) => {
    if (last !== undefined && last.settings === settings) return last.value;
    let entry = made.get(settings);
    if (entry === undefined) made.set(settings, (entry = { value: make(settings) }));
    last = { settings, value: entry.value };
    return entry.value;
  };
}
