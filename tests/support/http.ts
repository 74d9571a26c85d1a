/** Small helpers for talking to the real API over loopback HTTP. */
export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export async function request<T = any>(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  const init: RequestInit = { method, headers: { accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* left as text: the test will say what it got */
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** Polls a submission until it leaves queued/running, or fails the test after `timeoutMs`. */
export async function waitForGrade(baseUrl: string, id: string, timeoutMs = 90_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await request(baseUrl, 'GET', `/api/submissions/${id}`);
    if (body.status === 'graded' || body.status === 'error') return body;
    if (Date.now() > deadline) throw new Error(`submission ${id} still ${body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function submit(baseUrl: string, exercise: string, files: Record<string, string>) {
  return request(baseUrl, 'POST', '/api/submissions', { exercise, files });
}

export async function submitAndWait(baseUrl: string, exercise: string, files: Record<string, string>) {
  const created = await submit(baseUrl, exercise, files);
  if (created.status !== 202) throw new Error(`submission refused: ${created.status} ${JSON.stringify(created.body)}`);
  return waitForGrade(baseUrl, created.body.id);
}
