import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/** Where provisioning's web-bundle step writes the bundled pages. */
export const WEB_DIST_DIR = path.resolve(__dirname, '..', '..', '..', 'web', 'dist');

/** Addresses the server answers itself; everything else may be a page of the app. */
const NOT_PAGES = /^\/(api|internal|lti|healthz|openapi\.json|docs)(\/|$)/;

/** In index.html: replaced by each answer's nonce, which the page hands to CodeMirror. */
export const STYLE_NONCE_PLACEHOLDER = '__STYLE_NONCE__';

/**
 * Scripts, styles, data and fonts from this server only, and no inline script at all.
 * CodeMirror injects its theme as a <style> element: that one is let through by a nonce
 * made per answer, so no other inline style can apply.
 */
export function webAppCsp(styleNonce?: string): string {
  const styles = styleNonce ? `'self' 'nonce-${styleNonce}'` : "'self'";
  return `default-src 'self'; script-src 'self'; style-src ${styles}; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`;
}

/**
 * The web app at `/`: the bundle's files, and index.html for any other page address that is
 * not under /api (the app routes in the browser, so a reload of /exercises/x must work).
 */
export function webAppRoutes(distDir: string = WEB_DIST_DIR): Router {
  const router = Router();
  const index = path.join(distDir, 'index.html');

  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', webAppCsp());
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  // Bundle names carry no hash, so the browser revalidates (cheap with ETags) instead of caching blindly.
  router.use(express.static(distDir, { index: false, maxAge: 0, fallthrough: true }));
  // A middleware, not a route: page addresses are the browser's, not part of the API's document.
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_PAGES.test(req.path) || !req.accepts('html')) return next();
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send('The web app is not built: run `npm run provision` (it bundles web/src into web/dist).\n');
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('Content-Security-Policy', webAppCsp(nonce));
    // The nonce differs per answer, so the page must never come from a cache.
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(fs.readFileSync(index, 'utf8').replaceAll(STYLE_NONCE_PLACEHOLDER, nonce));
  });
  return router;
}
