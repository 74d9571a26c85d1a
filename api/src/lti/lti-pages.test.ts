import express from 'express';
import request from 'supertest';
import { escapeHtml, sendAutoPost, sendDeepLinkPicker } from './lti-pages';

describe('the LTI pages', () => {
  it('escape every character that could end a text or an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('post a form only to its target, run only their own nonce’d script, and cannot be framed or cached', async () => {
    const app = express().get('/', (_req, res) => sendAutoPost(res, 'https://lms.example.edu/return?x=1', { JWT: 'a"b<c' }, 'Sending…'));
    const answer = await request(app).get('/');
    const csp = String(answer.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(csp).toContain("form-action https://lms.example.edu;");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.text).toContain(`<script nonce="${nonce}">`);
    expect(answer.text).toContain('value="a&quot;b&lt;c"');
    expect(answer.text).toContain('action="https://lms.example.edu/return?x=1"');
  });

  it('offer the choices escaped, in groups, and post back to this server only', async () => {
    const app = express().get('/', (_req, res) =>
      sendDeepLinkPicker(res, { action: '/lti/deep-link', choiceToken: 't', groups: [{ title: '<b>A</b>', options: [{ value: 'exercise:x', label: '<i>X</i>' }] }, { title: 'Empty', options: [] }] }),
    );
    const answer = await request(app).get('/');
    expect(answer.headers['content-security-policy']).toContain("form-action 'self'");
    expect(answer.text).toContain('<legend>&lt;b&gt;A&lt;/b&gt;</legend>');
    expect(answer.text).toContain('&lt;i&gt;X&lt;/i&gt;');
    expect(answer.text).not.toContain('Empty');
  });
});
