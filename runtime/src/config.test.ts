import { loadConfig } from './config';

const base = { GRADER_INTERNAL_TOKEN: 'x'.repeat(32) };

describe('the API URL workers use', () => {
  it('follows GRADER_PORT when GRADER_API_URL is unset, so a server on another port is still reached', () => {
    expect(loadConfig({ ...base, GRADER_PORT: '3108' }).apiUrl).toBe('http://127.0.0.1:3108');
    expect(loadConfig({ ...base }).apiUrl).toBe('http://127.0.0.1:3000');
  });

  it('reaches an API listening on every address through loopback, and an IPv6 host in brackets', () => {
    expect(loadConfig({ ...base, GRADER_HOST: '0.0.0.0', GRADER_PORT: '4000' }).apiUrl).toBe('http://127.0.0.1:4000');
    expect(loadConfig({ ...base, GRADER_HOST: '::1', GRADER_PORT: '4000' }).apiUrl).toBe('http://[::1]:4000');
  });

  it('takes GRADER_API_URL as given, without a trailing slash', () => {
    expect(loadConfig({ ...base, GRADER_PORT: '3108', GRADER_API_URL: 'http://api.internal:8080/' }).apiUrl).toBe('http://api.internal:8080');
  });
});
