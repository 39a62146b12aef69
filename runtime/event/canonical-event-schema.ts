// The canonical event schema as a module, so it ships in dist/ (tsc copies no .json it is not told to) and loads
// without Node 20's experimental JSON-module warning. canonical-event.schema.json beside it stays the document people
// and the checker read; spec/runtime/event.test.ts fails when the two differ.

export const CANONICAL_EVENT_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "signal-map/canonical-event.schema.json",
  title: "Canonical event",
  description:
    'One event as the pipeline hands it to an integration (CONTRACT section 1). Only the structure CONTRACT section 1 names is enforced here (type and event are text; traits, properties and context are objects): values inside traits, properties and context are the presets\' business, so unknown keys are allowed and a malformed value never rejects the event. The checker reads the declared properties of `context` as the closed set a preset may name. A top-level field holding null counts as absent (pipelines send "userId": null for not known).',
  type: "object",
  properties: {
    type: {
      type: ["string", "null"],
      description: "Kind of call: track, identify, page, screen, group, alias",
    },
    event: {
      type: ["string", "null"],
      description: 'Event name of a track call, e.g. "Lead Generated"',
    },
    messageId: {
      type: ["string", "number", "null"],
      description: "Unique id of the event; echoed in every outcome (a number is echoed as its text)",
    },
    timestamp: {
      description: "When it happened (ISO-8601)",
    },
    sentAt: {
      description: "When the tracking script sent it (ISO-8601)",
    },
    receivedAt: {
      description: "When the pipeline received it (ISO-8601)",
    },
    anonymousId: {
      type: ["string", "number", "null"],
      description: "Anonymous visitor id",
    },
    userId: {
      type: ["string", "number", "null"],
      description: "Known user id",
    },
    properties: {
      type: ["object", "null"],
      description: "Track properties, e.g. lead_source, method",
    },
    traits: {
      type: ["object", "null"],
      description: "Identity traits: email, first_name, last_name, phone, title, company, country, ...",
    },
    context: {
      type: ["object", "null"],
      description: "Where and how the event happened",
      properties: {
        locale: {
          description: "BCP-47 locale of the visitor, e.g. en-GB",
        },
        timezone: {
          description: "IANA time zone of the visitor",
        },
        ip: {
          description: "IP address (IPv4 or IPv6) of the visitor's browser, as collection saw it (CONTRACT section 6)",
        },
        userAgent: {
          description: "User-Agent of the visitor's browser (CONTRACT section 6)",
        },
        landing_page: {
          description: "URL of the first page of the visitor's session",
        },
        traits: {
          description: "Traits passed with a track call; merged into traits by normalisation",
        },
        campaign: {
          description: "UTM values",
          properties: {
            source: {
              description: "utm_source",
            },
            medium: {
              description: "utm_medium",
            },
            name: {
              description: "utm_campaign",
            },
            term: {
              description: "utm_term",
            },
            content: {
              description: "utm_content",
            },
          },
        },
        page: {
          description: "The page the event happened on",
          properties: {
            url: {
              description: "Full URL",
            },
            path: {
              description: "Path",
            },
            referrer: {
              description: "Referrer URL",
            },
            title: {
              description: "Document title",
            },
            search: {
              description: "Query string",
            },
          },
        },
        consent: {
          description: "Canonical consent state",
          properties: {
            marketing: {
              description: '"granted" or "denied"; absent when unknown',
            },
            analytics: {
              description:
                'The visitor\'s analytics consent, "granted" or "denied"; absent when unknown (CONTRACT section 6)',
            },
          },
        },
        library: {
          description: "The tracking library",
          properties: {
            name: {
              description: "Library name",
            },
            version: {
              description: "Library version",
            },
          },
        },
      },
    },
  },
  required: [],
} as const;
