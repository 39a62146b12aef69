// Sample pools for the benchmark's event generator: names, companies, phones by country, consent and campaign values.

import type { Random } from "./prng.js";

export const FIRST_NAMES = [
  "Jane",
  "John",
  "Aisha",
  "Liam",
  "Zoë",
  "José",
  "Priya",
  "Mohammed",
  "Chloé",
  "Hans",
  "Yuki",
  "Olu",
  "Mary-Kate",
  "Ng",
];
export const LAST_NAMES = [
  "Doe",
  "Smith",
  "Khan",
  "O'Brien",
  "Müller",
  "Dubois",
  "Patel",
  "García",
  "Nguyen",
  "van der Berg",
  "Okafor",
  "Li",
];
export const TITLES = [
  "Head of Marketing",
  "CTO",
  "Software Engineer",
  "VP Sales",
  "Founder",
  "Growth Lead",
  "Procurement Manager",
];
export const COMPANIES = [
  "Example Ltd",
  "Acme Corp",
  "Globex GmbH",
  "Initech",
  "Société Générale de Test",
  "Tata Widgets Pvt Ltd",
  "Umbrella Inc.",
];
export const DOMAINS = [
  "example.com",
  "acme.io",
  "globex.de",
  "mail.example.fr",
  "widgets.in",
  "gmail.com",
  "outlook.com",
];
export const LEAD_SOURCES = [
  "Website Contact Form",
  "Demo Request",
  "Pricing Page",
  "Webinar Signup",
  "Whitepaper Download",
];
export const SIGNUP_METHODS = ["email", "google", "github", "microsoft", "sso"];
export const DROPPED_EVENTS = [
  "Page Viewed",
  "Product Viewed",
  "Button Clicked",
  "Order Completed",
  "Newsletter Opened",
  "Lead generated",
];
export const CAMPAIGNS = [
  { source: "google", medium: "cpc", name: "brand" },
  { source: "linkedin", medium: "paid_social", name: "q3-abm" },
  { source: "newsletter", medium: "email", name: "march-digest" },
  { source: "bing", medium: "cpc", name: "competitor" },
];
/** Marketing consent values that are neither "granted" nor "denied": the preset must flag them do-not-contact. */
export const MALFORMED_CONSENT: readonly unknown[] = ["GRANTED", "yes", true, 1, { value: "granted" }, "granted "];
export const PAGES = ["/", "/pricing", "/contact", "/signup", "/blog/server-side-tracking", "/demo"];

export type Country = "GB" | "US" | "DE" | "FR" | "IN";
export const COUNTRIES: readonly Country[] = ["GB", "US", "DE", "FR", "IN"];

/** Locales whose region is the country, and a language-only locale seen in the same country. */
export const LOCALES: Readonly<Record<Country, { readonly regional: string; readonly languageOnly: string }>> = {
  GB: { regional: "en-GB", languageOnly: "en" },
  US: { regional: "en-US", languageOnly: "en" },
  DE: { regional: "de-DE", languageOnly: "de" },
  FR: { regional: "fr-FR", languageOnly: "fr" },
  IN: { regional: "en-IN", languageOnly: "hi" },
};

type PhoneFormat = (random: Random) => string;

/** National and international spellings people type into forms, per country. */
const PHONE_FORMATS: Readonly<
  Record<Country, { readonly national: PhoneFormat[]; readonly international: PhoneFormat[] }>
> = {
  GB: {
    national: [(r) => `07700 ${r.digits(6)}`, (r) => `020 ${r.digits(4)} ${r.digits(4)}`, (r) => `0161${r.digits(7)}`],
    international: [
      (r) => `+44 7700 ${r.digits(6)}`,
      (r) => `+44 (0)20 ${r.digits(4)} ${r.digits(4)}`,
      (r) => `0044 161 ${r.digits(7)}`,
    ],
  },
  US: {
    national: [
      (r) => `(415) ${r.int(200, 999)}-${r.digits(4)}`,
      (r) => `212-${r.int(200, 999)}-${r.digits(4)}`,
      (r) => `1-646-${r.int(200, 999)}-${r.digits(4)}`,
    ],
    international: [
      (r) => `+1 312 ${r.int(200, 999)} ${r.digits(4)}`,
      (r) => `+1 (617) ${r.int(200, 999)}-${r.digits(4)}`,
    ],
  },
  DE: {
    national: [(r) => `030 ${r.digits(8)}`, (r) => `0151 ${r.digits(8)}`, (r) => `089/${r.digits(7)}`],
    international: [(r) => `+49 30 ${r.digits(8)}`, (r) => `+49 (0)151 ${r.digits(8)}`],
  },
  FR: {
    national: [
      (r) => `0${r.int(1, 7)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`,
      (r) => `06.${r.digits(2)}.${r.digits(2)}.${r.digits(2)}.${r.digits(2)}`,
    ],
    international: [
      (r) => `+33 ${r.int(1, 7)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`,
      (r) => `+33 (0)6 ${r.digits(8)}`,
    ],
  },
  IN: {
    national: [(r) => `0${r.int(7, 9)}${r.digits(4)} ${r.digits(5)}`, (r) => `${r.int(7, 9)}${r.digits(9)}`],
    international: [
      (r) => `+91 ${r.int(7, 9)}${r.digits(4)} ${r.digits(5)}`,
      (r) => `+91-${r.int(7, 9)}${r.digits(9)}`,
    ],
  },
};

/** Text that is no phone number, or one whose length is impossible for its country. */
export const INVALID_PHONES = [
  "12",
  "not a phone",
  "+999 123",
  "555",
  "call me maybe",
  "+44 12",
  "0000",
  "+1 415 555",
  "n/a",
];

export type PhoneKind = "national" | "international";

export function samplePhone(random: Random, country: Country, kind: PhoneKind): string {
  return random.pick(PHONE_FORMATS[country][kind])(random);
}
