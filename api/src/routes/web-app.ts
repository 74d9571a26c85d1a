import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/** Where provisioning's web-bundle step writes the bundled pages. */
export const WEB_DIST_DIR = path.resolve(__dirname, '..', '..', '..', 'web', 'dist');

/**
 * Scripts, styles, data and fonts from this server only, and no inline script. CodeMirror
 * styles itself through constructed stylesheets and CSSOM, which this policy allows.
 */
export const WEB_APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The web app at `/`: the bundle's files, and index.html for any other page address that is
 * not under /api (the app routes in the browser, so a reload of /exercises/x must work).
 */
export function webAppRoutes(distDir: string = WEB_DIST_DIR): Router {
  const router = Router();
  const index = path.join(distDir, 'index.html');

  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', WEB_APP_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  // Bundle names carry no hash, so the browser revalidates (cheap with ETags) instead of caching blindly.
  router.use(express.static(distDir, { index: false, maxAge: 0, fallthrough: true }));
  router.get(/^\/(?!api\/|api$|internal\/|healthz|openapi\.json|docs).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send('The web app is not built: run `npm run provision` (it bundles web/src into web/dist).\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
