import { encodeCommand, parseReply, RedisErrorReply, RedisUnavailable } from './redis-client';

const parse = (text: string) => parseReply(Buffer.from(text));

describe('the RESP2 replies the grader reads', () => {
  it('encodes a command as an array of bulk strings, lengths in bytes', () => {
    expect(encodeCommand(['SET', 'k', 'é', 5]).toString()).toBe('*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n$1\r\n5\r\n');
  });

  it('reads simple strings, errors, integers, bulk strings and nil', () => {
    expect(parse('+OK\r\n')).toEqual({ reply: 'OK', next: 5 });
    expect(parse('-NOPERM no\r\n')?.reply).toEqual(new RedisErrorReply('NOPERM no'));
    expect(parse(':-2\r\n')?.reply).toBe(-2);
    expect(parse('$5\r\nhe\r\nl\r\n')?.reply).toBe('he\r\nl');
    expect(parse('$-1\r\n')?.reply).toBeNull();
    expect(parse('*-1\r\n')?.reply).toBeNull();
  });

  it('reads nested arrays, as SCAN answers', () => {
    expect(parse('*2\r\n$1\r\n0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n')?.reply).toEqual(['0', ['a', 'b']]);
  });

  it('waits for the rest of a reply that has not all arrived', () => {
    expect(parse('$5\r\nhel')).toBeUndefined();
    expect(parse('*2\r\n:1\r\n')).toBeUndefined();
    expect(parse(':12')).toBeUndefined();
  });

  it('refuses bytes that are not RESP2 and replies nested too deep', () => {
    expect(() => parse('!oops\r\n')).toThrow(RedisUnavailable);
    expect(() => parse(':1e9\r\n')).toThrow(RedisUnavailable);
    expect(() => parse(`${'*1\r\n'.repeat(20)}:1\r\n`)).toThrow('nested too deep');
  });
});
