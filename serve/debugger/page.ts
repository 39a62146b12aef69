// The HTML shell of the two pages: no data in it (everything comes from the API and is set as text by the script).

const TITLES = { debugger: "Event Debugger", integrations: "Integrations" } as const;

export function pageHtml(page: keyof typeof TITLES): string {
  const link = (target: keyof typeof TITLES, href: string) =>
    `<a href="${href}"${target === page ? ' aria-current="page"' : ""}>${TITLES[target]}</a>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLES[page]} · signal-map</title>
<link rel="stylesheet" href="/debugger/assets/app.css">
<script type="module" src="/debugger/assets/app.js"></script>
</head>
<body data-page="${page}">
<header class="top"><span class="brand">signal-map</span><nav>${link("debugger", "/debugger")}${link("integrations", "/integrations")}</nav></header>
<main id="app"><p class="muted">Loading…</p></main>
<noscript>This page needs JavaScript.</noscript>
</body>
</html>
`;
}
