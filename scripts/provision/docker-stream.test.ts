import { parseMessages, summarize } from './docker-stream';

describe('docker message streams', () => {
  it('collects a failed build output and its error', () => {
    const text = [
      '{"stream":"Step 1/2 : FROM x\\n"}',
      '{"stream":" ---\\u003e 726c4d274520\\n"}',
      '{"errorDetail":{"code":1,"message":"The command returned a non-zero code: 1"},"error":"The command returned a non-zero code: 1"}',
      '',
    ].join('\r\n');
    const s = summarize(parseMessages(text));
    expect(s.error).toBe('The command returned a non-zero code: 1');
    expect(s.output).toBe('Step 1/2 : FROM x\n ---> 726c4d274520\nThe command returned a non-zero code: 1\n');
  });
  it('finds the image id of a build and of an import', () => {
    expect(summarize(parseMessages('{"aux":{"ID":"sha256:abc"}}\n{"stream":"Successfully built abc\\n"}')).imageId).toBe('sha256:abc');
    const id = `sha256:${'a'.repeat(64)}`;
    expect(summarize(parseMessages(`{"status":"${id}"}`)).imageId).toBe(id);
  });
  it('keeps pull statuses but not per-layer progress bars', () => {
    const s = summarize(
      parseMessages('{"status":"Pulling from library/node","id":"20"}\n{"status":"Downloading","progress":"[=>  ]","id":"l1"}'),
    );
    expect(s.output).toBe('20: Pulling from library/node\n');
  });
  it('keeps lines that are not JSON as output', () => {
    expect(summarize(parseMessages('plain text\n')).output).toBe('plain text\n');
  });
});
