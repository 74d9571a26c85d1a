import path from 'node:path';
import express, { type RequestHandler } from 'express';
import { SERVICE_ROUTES } from '@grader/contracts';
import { serve, type TableHandlers } from '../http/serve-route';
import type { OpenApiDocument } from '../openapi/generate-document';

/** The Swagger UI files the page needs, served from the installed package: no CDN, works offline. */
const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js', '/favicon-32x32.png', '/favicon-16x16.png']);

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>grader API</title>
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/init.js"></script>
</body>
</html>
`;

// validatorUrl null: Swagger UI would otherwise send the document to an outside validator.
const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', deepLinking: true, validatorUrl: null, tryItOutEnabled: false });\n`;

/** Scripts and styles from this server only; Swagger UI sets inline styles and uses data: images. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** GET /openapi.json and the human-readable docs at /docs. */
export function docsHandlers(document: OpenApiDocument): Pick<TableHandlers<typeof SERVICE_ROUTES>, 'openApi' | 'docs'> {
  return {
    openApi: serve(SERVICE_ROUTES.openApi, (_input, _req, res) => void res.json(document)),
    docs: serve(SERVICE_ROUTES.docs, (_input, _req, res) => void res.set('Content-Security-Policy', CSP).type('html').send(PAGE)),
  };
}

/** Where the page's files are served (docsAssets is mounted there). */
export const DOCS_ASSETS_PATH = '/docs/assets';

/**
 * The page's files, not routes of the API: our start-up script, and only the Swagger UI files the
 * page uses (the package also holds a demo page that loads a remote petstore). Mounted at
 * DOCS_ASSETS_PATH: `req.path` is the file's path under it.
 */
export function docsAssets(): RequestHandler {
  const assets = express.static(SWAGGER_UI_DIR, { index: false, maxAge: '1h' });
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === '/init.js') return void res.type('js').send(INIT);
    return ASSETS.has(req.path) ? assets(req, res, next) : next();
  };
}
