import { Readable } from 'node:stream';
import Docker from 'dockerode';
import { readMessages } from './docker-stream';

/** The engine's answer as it comes: lines of JSON, split into chunks anywhere. A modem only: nothing is asked of an engine. */
const read = (text: string, chunkSize = 7) => {
  const chunks: Buffer[] = [];
  for (let i = 0; i < text.length; i += chunkSize) chunks.push(Buffer.from(text.slice(i, i + chunkSize)));
  return readMessages(new Docker().modem, Readable.from(chunks));
};

describe('docker message streams', () => {
  it('collects a failed build output and its error', async () => {
    const text = [
      '{"stream":"Step 1/2 : FROM x\\n"}',
      '{"stream":" ---\\u003e 726c4d274520\\n"}',
      '{"errorDetail":{"code":1,"message":"The command returned a non-zero code: 1"},"error":"The command returned a non-zero code: 1"}',
      '',
    ].join('\r\n');
    const s = await read(text);
    expect(s.error).toBe('The command returned a non-zero code: 1');
    expect(s.output).toBe('Step 1/2 : FROM x\n ---> 726c4d274520\nThe command returned a non-zero code: 1\n');
  });
  it('finds the image id of a build and of an import', async () => {
    expect((await read('{"aux":{"ID":"sha256:abc"}}\n{"stream":"Successfully built abc\\n"}\n')).imageId).toBe('sha256:abc');
    const id = `sha256:${'a'.repeat(64)}`;
    expect((await read(`{"status":"${id}"}\r\n`)).imageId).toBe(id);
  });
  it('keeps pull statuses but not per-layer progress bars', async () => {
    const s = await read('{"status":"Pulling from library/node","id":"20"}\n{"status":"Downloading","progress":"[=>  ]","id":"l1"}\n');
    expect(s.output).toBe('20: Pulling from library/node\n');
  });
  it('rejects when the connection fails', async () => {
    const broken = new Readable({ read() {} });
    const summary = readMessages(new Docker().modem, broken);
    broken.destroy(new Error('socket hang up'));
    await expect(summary).rejects.toThrow(/socket hang up/);
  });
});
