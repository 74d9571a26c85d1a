import { loadConfig, requireInternalToken } from './config';

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

describe('variables set to the empty string', () => {
  it("count as unset, as docker-compose's ${NAME:-} passes them: defaults apply and optional ones stay off", () => {
    const config = loadConfig({ ...base, GRADER_METRICS_TOKEN: '', GRADER_PORT: '' });
    expect(config.metricsToken).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it('still refuse a required one left empty', () => {
    expect(() => requireInternalToken(loadConfig({ GRADER_INTERNAL_TOKEN: '' }))).toThrow(/GRADER_INTERNAL_TOKEN is not set/);
  });
});
