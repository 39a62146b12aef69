// The seed document's worked example body, transcribed once, key order included: every test compares against this.

export const SEED_BODY = {
  upsert_key: "email_address",
  email_address: "jane.doe@example.com",
  first_name: "Jane",
  last_name: "Doe",
  phone: "+447700900123",
  title: "Head of Marketing",
  person_company_name: "Example Ltd",
  do_not_contact: false,
  tags: ["Website Contact Form"],
  custom_fields: { utm_source: "google", utm_medium: "cpc", utm_campaign: "brand" },
} as const;
