import { ProvisionError } from './errors';
import { StepFailed, done, formatDuration, step, streamLog } from './progress';

describe('step', () => {
  it('prints one ✓ line and returns the value', async () => {
    const lines: string[] = [];
    const value = await step((l) => lines.push(l), 'redis', async () => done('redis 7 answering', 42));
    expect(value).toBe(42);
    expect(lines).toEqual(['✓ redis 7 answering']);
  });
  it('prints progress lines before the ✓ line', async () => {
    const lines: string[] = [];
    await step((l) => lines.push(l), 'x', async (progress) => {
      progress('installing x');
      return done('x ready');
    });
    expect(lines).toEqual(['… installing x', '✓ x ready']);
  });
  it('prints the detail and one ✗ line, then throws StepFailed with that line', async () => {
    const lines: string[] = [];
    const failing = step((l) => lines.push(l), 'image n', async () => {
      throw new ProvisionError('build failed:\nexit 1', ['Step 1/2', 'boom']);
    });
    await expect(failing).rejects.toThrow(StepFailed);
    await expect(failing).rejects.toThrow('image n: build failed: exit 1');
    expect(lines).toEqual(['  Step 1/2', '  boom', '✗ image n: build failed: exit 1']);
  });
  it('formats durations', () => {
    expect(formatDuration(40)).toBe('40 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(26_400)).toBe('26 s');
  });
});

describe('streamLog', () => {
  function fakeStream(isTTY: boolean) {
    const writes: string[] = [];
    return { writes, stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
  }
  it('keeps every line when not a terminal', () => {
    const { writes, stream } = fakeStream(false);
    const log = streamLog(stream);
    log('… a');
    log('✓ b');
    expect(writes).toEqual(['… a\n', '✓ b\n']);
  });
  it('overwrites a … line on a terminal', () => {
    const { writes, stream } = fakeStream(true);
    const log = streamLog(stream);
    log('… a');
    log('✓ b');
    log('✓ c');
    expect(writes).toEqual(['… a', '\r\x1b[2K✓ b\n', '✓ c\n']);
  });
});
