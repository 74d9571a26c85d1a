import type { ApiClient, JsonResponse } from './http';

/** Sends raw bytes (an archive) as the given media type. */
export async function upload(client: ApiClient, method: string, path: string, bytes: Buffer, type: string): Promise<JsonResponse> {
  const response = await fetch(`${client.baseUrl}${path}`, {
    method,
    headers: { 'content-type': type, accept: 'application/json', ...(client.token ? { authorization: `Bearer ${client.token}` } : {}) },
    body: bytes,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* left as text */
  }
  return { status: response.status, headers: response.headers, body };
}

async function poll(client: ApiClient, path: string, done: (body: any) => boolean, timeoutMs: number): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await client.request('GET', path);
    if (status !== 200) throw new Error(`GET ${path}: ${status} ${JSON.stringify(body)}`);
    if (done(body)) return body;
    if (Date.now() > deadline) throw new Error(`${path} not done after ${timeoutMs} ms: ${JSON.stringify(body).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Creates a draft from JSON files, validates it and waits for the report. */
export async function draftAndValidate(client: ApiClient, files: Record<string, string>): Promise<{ draftId: string; validation: any }> {
  const created = await client.request('POST', '/api/instructor/drafts', { files });
  if (created.status !== 201) throw new Error(`draft refused: ${created.status} ${JSON.stringify(created.body)}`);
  const validation = await validate(client, created.body.id);
  return { draftId: created.body.id, validation };
}

export async function validate(client: ApiClient, draftId: string, timeoutMs = 90_000): Promise<any> {
  const started = await client.request('POST', `/api/instructor/drafts/${draftId}/validations`);
  if (started.status !== 202) throw new Error(`validation refused: ${started.status} ${JSON.stringify(started.body)}`);
  return poll(client, `/api/instructor/validations/${started.body.id}`, (v) => v.status !== 'queued', timeoutMs);
}

export function waitForRegrade(client: ApiClient, batchId: string, timeoutMs = 90_000): Promise<any> {
  return poll(client, `/api/instructor/regrades/${batchId}`, (b) => b.finished, timeoutMs);
}

/** Drafts, validates and publishes; fails the test if any step does not succeed. */
export async function publishExercise(client: ApiClient, files: Record<string, string>): Promise<{ slug: string; version: number }> {
  const { draftId, validation } = await draftAndValidate(client, files);
  if (validation.status !== 'passed') throw new Error(`validation did not pass: ${JSON.stringify(validation.problems)}`);
  const published = await client.request('POST', `/api/instructor/drafts/${draftId}/publish`);
  if (published.status !== 201) throw new Error(`publish refused: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body;
}
