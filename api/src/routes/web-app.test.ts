import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { webAppRoutes } from './web-app';

function appWith(distDir: string) {
  const app = express();
  app.use(webAppRoutes(distDir));
  app.use((_req, res) => res.status(404).json({ code: 'route_not_found' }));
  return app;
}

describe('the web app route', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'web-dist-'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title><meta name="style-nonce" content="__STYLE_NONCE__">');
  fs.writeFileSync(path.join(dist, 'app.js'), 'console.log(1)');
  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

  it('serves the bundle files with a strict Content-Security-Policy', async () => {
    const res = await request(appWith(dist)).get('/app.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self';");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('answers index.html for page addresses the browser routes, so reloads work', async () => {
    for (const page of ['/', '/exercises/sql-revenue-by-customer']) {
      const res = await request(appWith(dist)).get(page).set('accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<title>app</title>');
    }
  });

  it('gives each page a fresh style nonce, the same in the page and in its policy', async () => {
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const res = await request(appWith(dist)).get('/').set('accept', 'text/html');
      const inPage = /content="([^"]+)"/.exec(res.text)?.[1];
      expect(inPage).toMatch(/^[A-Za-z0-9+/=]{24}$/);
      expect(res.headers['content-security-policy']).toContain(`style-src 'self' 'nonce-${inPage}'`);
      expect(res.headers['cache-control']).toBe('no-store');
      nonces.push(inPage);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('leaves unknown /api addresses to the API 404 handler', async () => {
    const res = await request(appWith(dist)).get('/api/nothing-here').set('accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('route_not_found');
  });

  it('says how to build the app when the bundle is missing', async () => {
    const res = await request(appWith(path.join(dist, 'missing'))).get('/').set('accept', 'text/html');
    expect(res.status).toBe(503);
    expect(res.text).toContain('npm run provision');
  });
});
