import { parseAutoPostForm, type LaunchOptions, type LtiPlatform } from './lti-platform';

/**
 * A browser's part in an LTI 1.3 launch, over plain fetch: it follows the login redirect to the
 * platform, posts the platform's form back to the tool and keeps the cookies each side sets,
 * one jar per "browser". Each step can be replayed or tampered with by the test.
 */
export class LtiUserAgent {
  readonly cookies = new Map<string, string>();

  constructor(readonly toolUrl: string) {}

  /** The Cookie header for the tool (the platform sets none that matter here). */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Steps 1-3: the platform's login initiation at the tool, the tool's redirect to the platform, and the platform's form. */
  async authenticate(platform: LtiPlatform, options: LaunchOptions): Promise<{ action: string; fields: Record<string, string> }> {
    const { loginInitiationUrl } = platform.prepareLaunch(options);
    const login = await fetch(loginInitiationUrl, { redirect: 'manual', headers: { cookie: this.cookieHeader() } });
    this.keep(login);
    if (login.status !== 302) throw new Error(`the tool's login answered ${login.status}: ${await login.text()}`);
    const auth = await fetch(login.headers.get('location')!, { redirect: 'manual' });
    if (auth.status !== 200) throw new Error(`the platform's auth answered ${auth.status}: ${await auth.text()}`);
    const form = parseAutoPostForm(await auth.text());
    return { action: form.action, fields: form.fields };
  }

  /** Step 4: the form posted to the tool's launch URL, with this agent's cookies. */
  async post(action: string, fields: Record<string, string>): Promise<Response> {
    const response = await fetch(action, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader() },
      body: new URLSearchParams(fields).toString(),
    });
    this.keep(response);
    return response;
  }

  /** A whole launch: what the tool answered to the platform's form. */
  async launch(platform: LtiPlatform, options: LaunchOptions): Promise<Response> {
    const { action, fields } = await this.authenticate(platform, options);
    return this.post(action, fields);
  }

  /** A JSON API call as the signed-in browser: session cookie, and the CSRF token for a change. */
  async api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), accept: 'application/json' };
    if (method !== 'GET') {
      const session = (await (await fetch(`${this.toolUrl}/api/session`, { headers: { cookie: this.cookieHeader() } })).json()) as { csrfToken: string };
      headers['x-csrf-token'] = session.csrfToken;
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.toolUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
}
