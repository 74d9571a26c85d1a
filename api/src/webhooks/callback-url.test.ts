import { AddressPolicy } from './address-policy';
import { callbackUrlProblem, type ResolveHost } from './callback-url';

/** A resolver that never touches DNS: the tests name every answer. */
const resolver =
  (answers: Record<string, string[]>): ResolveHost =>
  async (host) => {
    const found = answers[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found;
  };

const strict = new AddressPolicy();
const noDns: ResolveHost = async () => {
  throw new Error('must not resolve');
};

describe('checking a callback URL when a submission arrives', () => {
  it.each([
    ['file:///etc/passwd', /http or https/],
    ['gopher://example.com/', /http or https/],
    ['http://user:pw@example.com/', /credentials/],
    ['https://token@example.com/', /credentials/],
    ['http://127.0.0.1:9/x', /loopback/],
    ['http://[::1]/', /loopback/],
    ['http://[::ffff:127.0.0.1]/', /loopback/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://10.0.0.1/', /private/],
    ['http://0x7f.1/', /loopback/], // the URL parser normalises it to 127.0.0.1
    ['http://[fd00::1]/', /unique-local/],
  ])('refuses %s without looking anything up', async (url, reason) => {
    expect(await callbackUrlProblem(url, strict, noDns)).toMatch(reason);
  });

  it('refuses a name that resolves to a private address, even beside a public one', async () => {
    const resolve = resolver({ 'mixed.test': ['93.184.215.14', '10.0.0.7'], 'public.test': ['93.184.215.14'] });
    expect(await callbackUrlProblem('https://mixed.test/hook', strict, resolve)).toMatch(/resolves to 10\.0\.0\.7, a private address; webhooks go to public addresses only/);
    expect(await callbackUrlProblem('https://public.test/hook', strict, resolve)).toBeUndefined();
  });

  it('refuses a name that does not resolve, and one that takes too long', async () => {
    expect(await callbackUrlProblem('https://nowhere.test/', strict, resolver({}))).toMatch(/does not resolve \(ENOTFOUND\)/);
    const never: ResolveHost = () => new Promise(() => undefined);
    expect(await callbackUrlProblem('https://slow.test/', strict, never, 20)).toMatch(/does not resolve/);
  });

  it('accepts loopback targets once they are allow-listed, by address or by name', async () => {
    expect(await callbackUrlProblem('http://127.0.0.1:9/x', new AddressPolicy(['127.0.0.1']), noDns)).toBeUndefined();
    expect(await callbackUrlProblem('http://localhost:9/x', new AddressPolicy(['localhost']), noDns)).toBeUndefined();
    expect(await callbackUrlProblem('http://localhost:9/x', new AddressPolicy(['127.0.0.1']), resolver({ localhost: ['127.0.0.1', '::1'] }))).toMatch(/::1, a loopback/);
  });
});
