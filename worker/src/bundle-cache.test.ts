import { bundleHash } from '@grader/runtime';
import { sampleManifestInput } from '@grader/contracts/src/testing/sample-manifest';
import { ExerciseManifest } from '@grader/contracts';
import { BundleCache } from './bundle-cache';

const manifest = ExerciseManifest.parse(sampleManifestInput());
const files = { 'exercise.yaml': 'x' };
const hash = bundleHash(manifest, files);

/** A fetch that answers when told to, counting its calls. */
function gatedFetch(answer: () => Response) {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const fake = { calls: 0, open: () => open() };
  const fetchImpl = (async () => {
    fake.calls += 1;
    await gate;
    return answer();
  }) as unknown as typeof fetch;
  return { fake, fetchImpl };
}

describe('the worker’s exercise bundle cache', () => {
  it('asks the API once for gradings of one exercise that arrive together, and serves the rest from memory', async () => {
    const { fake, fetchImpl } = gatedFetch(() => new Response(JSON.stringify({ hash, manifest, files })));
    const cache = new BundleCache('http://127.0.0.1:1', 'token', fetchImpl, []);
    const together = Promise.all([cache.get(hash), cache.get(hash), cache.get(hash)]);
    fake.open();
    const bundles = await together;
    expect(bundles.map((b) => b.hash)).toEqual([hash, hash, hash]);
    await cache.get(hash);
    expect(fake.calls).toBe(1);
  });

  it('keeps no failure: the next grading asks again', async () => {
    let status = 503;
    const { fake, fetchImpl } = gatedFetch(() => new Response(JSON.stringify({ hash, manifest, files }), { status }));
    const cache = new BundleCache('http://127.0.0.1:1', 'token', fetchImpl, []);
    fake.open();
    await expect(Promise.all([cache.get(hash), cache.get(hash)])).rejects.toThrow(/API answered 503/);
    expect(fake.calls).toBe(1);
    status = 200;
    expect((await cache.get(hash)).hash).toBe(hash);
    expect(fake.calls).toBe(2);
  });

  it('asks again within the attempt while the API fails (5xx) or does not answer, then gives up as an infrastructure failure', async () => {
    const answers = [503, 502, 200];
    let calls = 0;
    const flaky = (async () => {
      const status = answers[calls++]!;
      return new Response(JSON.stringify({ hash, manifest, files }), { status });
    }) as unknown as typeof fetch;
    expect((await new BundleCache('http://127.0.0.1:1', 'token', flaky, [1, 1]).get(hash)).hash).toBe(hash);
    expect(calls).toBe(3);
    let down = 0;
    const unreachable = (async () => {
      down += 1;
      throw new Error('connect ECONNREFUSED');
    }) as unknown as typeof fetch;
    await expect(new BundleCache('http://127.0.0.1:1', 'token', unreachable, [1, 1]).get(hash)).rejects.toThrow(/API unreachable/);
    expect(down).toBe(3);
  });

  it('does not ask again when the API refuses (4xx): that answer will not change', async () => {
    let calls = 0;
    const refusing = (async () => {
      calls += 1;
      return new Response('{}', { status: 404 });
    }) as unknown as typeof fetch;
    await expect(new BundleCache('http://127.0.0.1:1', 'token', refusing, [1, 1]).get(hash)).rejects.toThrow(/API answered 404/);
    expect(calls).toBe(1);
  });
});
