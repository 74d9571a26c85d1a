import { CappedOutput } from './capped-output';

describe('CappedOutput', () => {
  it('keeps everything below the cap', () => {
    const out = new CappedOutput(10);
    out.push(Buffer.from('abc'));
    out.push(Buffer.from('def'));
    expect(out.text()).toBe('abcdef');
    expect(out.overflowed).toBe(false);
    expect(out.droppedBytes).toBe(0);
  });

  it('keeps exactly the cap when a chunk straddles it and counts the rest as dropped', () => {
    const out = new CappedOutput(5);
    out.push(Buffer.from('abc'));
    out.push(Buffer.from('defgh'));
    expect(out.text()).toBe('abcde');
    expect(out.droppedBytes).toBe(3);
    expect(out.overflowed).toBe(true);
  });

  it('counts every later chunk as dropped once full', () => {
    const out = new CappedOutput(2);
    out.push(Buffer.from('ab'));
    out.push(Buffer.from('cd'));
    out.push(Buffer.from('e'));
    expect(out.text()).toBe('ab');
    expect(out.droppedBytes).toBe(3);
  });

  it('treats a zero cap as dropping everything', () => {
    const out = new CappedOutput(0);
    out.push(Buffer.from('xyz'));
    expect(out.bytes().length).toBe(0);
    expect(out.droppedBytes).toBe(3);
  });
});
