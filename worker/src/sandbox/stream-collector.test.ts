import { StreamCollector } from './stream-collector';

describe('StreamCollector', () => {
  it("keeps a stream's first bytes in head mode", () => {
    const c = new StreamCollector(5, 'head');
    c.add(Buffer.from('abc'));
    c.add(Buffer.from('defgh'));
    c.add(Buffer.from('ij'));
    expect(c.text()).toBe('abcde');
    expect(c.totalBytes).toBe(10);
  });

  it("keeps a stream's last bytes in tail mode", () => {
    const c = new StreamCollector(5, 'tail');
    for (const part of ['abc', 'defgh', 'ij']) c.add(Buffer.from(part));
    expect(c.text()).toBe('fghij');
    expect(c.totalBytes).toBe(10);
  });

  it('holds about the cap in memory however much arrives in tail mode', () => {
    const c = new StreamCollector(1000, 'tail');
    for (let i = 0; i < 10_000; i += 1) c.add(Buffer.alloc(100, 65));
    c.add(Buffer.from('END'));
    expect(c.bytes().length).toBe(1000);
    expect(c.text().endsWith('END')).toBe(true);
    expect((c as unknown as { kept: number }).kept).toBeLessThan(1200);
  });

  it('collects what is written to it as a stream', async () => {
    const c = new StreamCollector(100, 'head');
    await new Promise<void>((resolve) => c.write(Buffer.from('hello'), () => resolve()));
    expect(c.text()).toBe('hello');
  });
});
