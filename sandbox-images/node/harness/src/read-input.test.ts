import { Readable } from 'node:stream';
import { z } from 'zod';
import { ONE_TEST, sampleManifestInput } from '@grader/contracts/src/testing/sample-manifest';
import { parseInput, readStdin } from './read-input';

const manifest = sampleManifestInput(ONE_TEST);

describe('parseInput', () => {
  it('accepts a valid input and applies the manifest defaults', () => {
    const raw = Buffer.from(JSON.stringify({ protocol: 1, nonce: 'a'.repeat(32), manifest, exerciseFiles: {}, submission: { 'query.sql': 'SELECT 1' } }));
    const reading = parseInput(raw);
    expect(reading.ok).toBe(true);
    expect(reading.ok && reading.input.manifest.limits.testTimeMs).toBe(2000);
  });

  it('keeps a well-formed nonce of an invalid input, so the error can still be reported', () => {
    const reading = parseInput(Buffer.from(JSON.stringify({ protocol: 1, nonce: 'b'.repeat(32), manifest: {} })));
    expect(reading).toMatchObject({ ok: false, nonce: 'b'.repeat(32) });
  });

  it('has no nonce to report with when the input is not JSON', () => {
    const reading = parseInput(Buffer.from('{'));
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.nonce).toBeUndefined();
  });

  it('refuses a submitted path that climbs out of /submission', () => {
    const raw = Buffer.from(JSON.stringify({ protocol: 1, nonce: 'c'.repeat(32), manifest, exerciseFiles: {}, submission: { '../etc/passwd': 'x' } }));
    expect(parseInput(raw)).toMatchObject({ ok: false, nonce: 'c'.repeat(32) });
  });

  it('reports an input over the size cap', () => {
    expect(parseInput(undefined)).toMatchObject({ ok: false });
  });

  it("checks the manifest of a plug-in kind the shared manifest does not know by that kind's own schema", () => {
    const own = z.object({ kind: z.literal('shout'), maxScore: z.number(), loud: z.boolean().default(true) });
    const shout = { kind: 'shout', maxScore: 1 };
    const raw = Buffer.from(JSON.stringify({ protocol: 1, nonce: 'd'.repeat(32), manifest: shout, exerciseFiles: {}, submission: { 'shout.js': 'x' } }));
    expect(parseInput(raw)).toMatchObject({ ok: false, nonce: 'd'.repeat(32) });
    expect(parseInput(raw, new Map([['shout', own]]))).toMatchObject({ ok: true, input: { manifest: { kind: 'shout', loud: true } } });
  });
});

describe('readStdin', () => {
  it('reads the whole stream', async () => {
    expect((await readStdin(Readable.from([Buffer.from('ab'), Buffer.from('c')])))?.toString()).toBe('abc');
  });

  it('gives up past the cap', async () => {
    expect(await readStdin(Readable.from([Buffer.from('abcdef')]), 3)).toBeUndefined();
  });
});
