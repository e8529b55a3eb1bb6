/**
 * The interactive API reference at /docs: Swagger UI served from the app's own static assets
 * (copied from swagger-ui-dist on install), so it works offline and under a strict CSP.
 */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function docsHtml(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — API reference</title>
<link rel="stylesheet" href="/vendor/swagger-ui/swagger-ui.css">
</head>
<body>
<main id="swagger-ui" aria-label="API reference"><noscript>Enable JavaScript for the interactive reference, or read <a href="/openapi.json">/openapi.json</a>.</noscript></main>
<script src="/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;
}

export function docsInitJs(): string {
  return `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, persistAuthorization: true });\n`;
}
