// Deterministic seeded generator of canonical events for the benchmarks: a realistic mix of leads, signups,
// identifies and dropped traffic, with messy emails, phones from five countries and every shape of consent.

import { once } from "node:events";
import { createRandom, weighted, type Random } from "./prng.js";
import * as samples from "./samples.js";
import type { Country } from "./samples.js";

/** `phones`: a share of leads carry `traits.phone`; `no-phones`: no event carries a phone anywhere. */
export type EventMix = "phones" | "no-phones";
export const EVENT_MIXES: readonly EventMix[] = ["phones", "no-phones"];
export const DEFAULT_SEED = 20250101;

export interface GeneratorOptions {
  readonly mix: EventMix;
  readonly seed?: number;
}

type Json = Record<string, unknown>;

/** Yields `count` events one at a time; the same options always give the same events. */
export function* generateEvents(count: number, options: GeneratorOptions): Generator<unknown> {
  const seed = options.seed ?? DEFAULT_SEED;
  // Each mix draws from its own stream, so the phone-free mix is not a filtered copy of the other.
  const random = createRandom(seed ^ (options.mix === "phones" ? 0x9e3779b9 : 0x85ebca6b));
  for (let index = 0; index < count; index++) yield buildEvent(random, index, seed, options.mix);
}

export function generateEventList(count: number, options: GeneratorOptions): unknown[] {
  return Array.from(generateEvents(count, options));
}

/** Writes `count` events as JSON lines without holding them in memory; honours back-pressure. */
export async function writeEventsJsonl(
  count: number,
  options: GeneratorOptions,
  output: NodeJS.WritableStream,
): Promise<void> {
  let pending = "";
  for (const event of generateEvents(count, options)) {
    pending += JSON.stringify(event) + "\n";
    if (pending.length >= 64 * 1024) {
      const accepted = output.write(pending);
      pending = "";
      if (!accepted) await once(output, "drain");
    }
  }
  if (pending !== "" && !output.write(pending)) await once(output, "drain");
}

type EventKind = "lead" | "signup" | "identify" | "page" | "otherTrack" | "invalid";
const KIND_WEIGHTS: Readonly<Record<EventKind, number>> = {
  lead: 30,
  signup: 15,
  identify: 20,
  page: 13,
  otherTrack: 20,
  invalid: 2,
};

interface Person {
  readonly country: Country;
  readonly first: string;
  readonly last: string;
}

function buildEvent(random: Random, index: number, seed: number, mix: EventMix): unknown {
  const kind = weighted(random, KIND_WEIGHTS);
  const person: Person = {
    country: random.pick(samples.COUNTRIES),
    first: random.pick(samples.FIRST_NAMES),
    last: random.pick(samples.LAST_NAMES),
  };
  const event: Json = {
    type: kind === "identify" ? "identify" : kind === "page" ? "page" : "track",
    messageId: `bench-${seed}-${index}`,
    timestamp: new Date(Date.UTC(2025, 0, 1) + index * 997).toISOString(),
    anonymousId: `anon-${random.digits(12)}`,
  };
  if (random.chance(0.4)) event.userId = `user-${random.int(1, 99_999)}`;
  if (kind === "lead") event.event = "Lead Generated";
  if (kind === "signup") event.event = "Signed Up";
  if (kind === "otherTrack" || kind === "invalid") event.event = random.pick(samples.DROPPED_EVENTS);
  if (kind === "page") event.name = "Pricing";
  // A page call that carries an event field must still be dropped: only track calls are named by it.
  if (kind === "page" && random.chance(0.05)) event.event = "Lead Generated";
  if (kind !== "identify") event.properties = sampleProperties(random, kind);
  event.context = sampleContext(random, person);
  placeTraits(random, kind, event, sampleTraits(random, person, mix));
  return kind === "invalid" ? breakStructure(random, event) : event;
}

/** Identify calls carry traits at the top level; track calls mostly in context.traits, as Datafly.js sends them. */
function placeTraits(random: Random, kind: EventKind, event: Json, traits: Json): void {
  const context = event.context as Json;
  if (kind === "identify") {
    event.traits = traits;
  } else if (kind === "page") {
    if (random.chance(0.2)) context.traits = { email: traits.email };
  } else {
    const where = weighted(random, { context: 70, top: 20, both: 10 });
    if (where === "context") context.traits = traits;
    if (where === "top") event.traits = traits;
    if (where === "both") splitTraits(random, event, traits);
  }
}

/** Some traits at the top level and the rest in context.traits, with one overlapping key whose top value wins. */
function splitTraits(random: Random, event: Json, traits: Json): void {
  const top: Json = {};
  const nested: Json = { title: "Overridden Title" };
  for (const [key, value] of Object.entries(traits)) (random.chance(0.5) ? top : nested)[key] = value;
  top.title = random.pick(samples.TITLES);
  event.traits = top;
  (event.context as Json).traits = nested;
}

function sampleTraits(random: Random, person: Person, mix: EventMix): Json {
  const traits: Json = {};
  const email = sampleEmail(random, person);
  if (email !== absentValue) traits.email = email;
  if (random.chance(0.8)) traits.first_name = padded(random, person.first);
  if (random.chance(0.75)) traits.last_name = padded(random, person.last);
  if (random.chance(0.5)) traits.title = padded(random, random.pick(samples.TITLES));
  if (random.chance(0.6)) traits.company = padded(random, random.pick(samples.COMPANIES));
  if (random.chance(0.35)) traits.country = person.country;
  if (mix === "phones" && random.chance(0.75)) traits.phone = samplePhoneText(random, person.country);
  return traits;
}

const absentValue = Symbol("absent");

function sampleEmail(random: Random, person: Person): unknown {
  const local = `${asciiWord(person.first)}.${asciiWord(person.last)}${random.int(1, 999)}`;
  const domain = random.pick(samples.DOMAINS);
  switch (weighted(random, { clean: 55, capitals: 15, spaces: 13, missing: 9, blank: 4, notText: 4 })) {
    case "clean":
      return `${local}@${domain}`;
    case "capitals":
      return `${capitalise(local)}@${domain.toUpperCase()}`;
    case "spaces":
      return random.pick([" ", "  ", "\t"]) + `${capitalise(local)}@${domain}` + random.pick([" ", "\n", ""]);
    case "missing":
      return absentValue;
    case "blank":
      return random.pick(["", "   "]);
    case "notText":
      return random.pick([null, 42, ["a@example.com"], { address: "a@example.com" }]);
  }
}

function samplePhoneText(random: Random, country: Country): string {
  switch (weighted(random, { national: 45, international: 40, invalid: 10, blank: 5 })) {
    case "national":
      return samples.samplePhone(random, country, "national");
    case "international":
      return samples.samplePhone(random, country, "international");
    case "invalid":
      return random.pick(samples.INVALID_PHONES);
    case "blank":
      return random.pick(["", "  "]);
  }
}

/** Where a national phone number gets its region from: the locale's region, the language only, nothing, or another region. */
function sampleLocale(random: Random, country: Country): string | undefined {
  switch (weighted(random, { regional: 60, languageOnly: 15, absent: 15, otherRegion: 10 })) {
    case "regional":
      return samples.LOCALES[country].regional;
    case "languageOnly":
      return samples.LOCALES[country].languageOnly;
    case "absent":
      return undefined;
    case "otherRegion":
      return samples.LOCALES[random.pick(samples.COUNTRIES)].regional;
  }
}

function sampleContext(random: Random, person: Person): Json {
  const path = random.pick(samples.PAGES);
  const context: Json = {
    page: { url: `https://www.example.com${path}`, path, referrer: "https://www.google.com/", title: "Example" },
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
    ip: `203.0.113.${random.int(1, 254)}`,
    library: { name: "datafly.js", version: "2.4.1" },
  };
  const locale = sampleLocale(random, person.country);
  if (locale !== undefined) context.locale = locale;
  if (random.chance(0.4)) context.campaign = sampleCampaign(random);
  if (random.chance(0.3)) context.landing_page = `https://www.example.com/landing/${random.int(1, 40)}?ref=ad`;
  const consent = sampleConsent(random);
  if (consent !== absentValue) context.consent = consent;
  return context;
}

function sampleCampaign(random: Random): Json {
  const campaign: Json = { ...random.pick(samples.CAMPAIGNS) };
  if (random.chance(0.2)) delete campaign.medium;
  if (random.chance(0.05)) campaign.name = "";
  // Query-string parsers turn utm_campaign=2025 into a number; the preset must send it as text.
  if (random.chance(0.03)) campaign.name = random.int(2020, 2026);
  if (random.chance(0.2)) campaign.term = "server side tracking";
  return campaign;
}

function sampleConsent(random: Random): unknown {
  switch (weighted(random, { granted: 45, denied: 20, unknown: 25, malformed: 7, notObject: 3 })) {
    case "granted":
      return { marketing: "granted", analytics: "granted" };
    case "denied":
      return { marketing: "denied", analytics: random.pick(["granted", "denied"]) };
    case "unknown":
      return random.chance(0.5) ? absentValue : { analytics: "granted" };
    case "malformed":
      return { marketing: random.pick(samples.MALFORMED_CONSENT) };
    case "notObject":
      return "granted";
  }
}

function sampleProperties(random: Random, kind: EventKind): Json {
  if (kind === "lead") {
    const properties: Json = { form_id: `form-${random.int(1, 9)}`, value: random.int(0, 500) };
    if (random.chance(0.8)) properties.lead_source = padded(random, random.pick(samples.LEAD_SOURCES));
    return properties;
  }
  if (kind === "signup") {
    const properties: Json = { plan: random.pick(["free", "team", "enterprise"]) };
    if (random.chance(0.8)) properties.method = padded(random, random.pick(samples.SIGNUP_METHODS));
    return properties;
  }
  return { path: random.pick(samples.PAGES), value: random.int(0, 100) };
}

/** The structural faults the runtime must answer with `invalid_event` instead of a crash. */
function breakStructure(random: Random, event: Json): unknown {
  switch (random.int(0, 5)) {
    case 0:
      return { ...event, event: "Lead Generated", traits: "jane@example.com" };
    case 1:
      return { ...event, event: "Signed Up", properties: ["email"] };
    case 2:
      return { ...event, context: "en-GB" };
    case 3:
      return { ...event, event: 42 };
    case 4:
      return { ...event, type: ["identify"] };
    default:
      return [event];
  }
}

/** Mostly the value itself; sometimes padded with spaces; rarely only whitespace (which must read as absent). */
function padded(random: Random, text: string): string {
  const roll = random.next();
  if (roll < 0.1) return `  ${text} `;
  if (roll < 0.13) return "   ";
  return text;
}

function asciiWord(text: string): string {
  return (
    text
      .normalize("NFD")
      .replace(/[^A-Za-z0-9]/g, "")
      .toLowerCase() || "x"
  );
}

function capitalise(text: string): string {
  return text.replace(/(^|\.)([a-z])/g, (_, dot: string, letter: string) => dot + letter.toUpperCase());
}
