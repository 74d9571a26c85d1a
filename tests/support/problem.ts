import type { JsonResponse } from './http';

/** Asserts the RFC 9457 shape every error of the API must have. */
export function expectProblem(response: JsonResponse, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual(
    expect.objectContaining({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String), code }),
  );
  expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
}
