import { describeTarget, infoField, isLoopbackHost, parseRedisUrl } from './redis-target';

describe('parseRedisUrl', () => {
  it('reads host, port and password', () => {
    expect(parseRedisUrl('redis://:s%40cret@127.0.0.1:6380/2')).toEqual({
      host: '127.0.0.1',
      port: 6380,
      tls: false,
      username: undefined,
      password: 's@cret',
    });
  });
  it('defaults the port and strips IPv6 brackets', () => {
    expect(parseRedisUrl('rediss://[::1]')).toMatchObject({ host: '::1', port: 6379, tls: true });
  });
  it('rejects other schemes', () => {
    expect(() => parseRedisUrl('http://127.0.0.1')).toThrow(/redis:\/\//);
    expect(() => parseRedisUrl('not a url')).toThrow(/not a URL/);
  });
  it('never shows the password in descriptions', () => {
    expect(describeTarget(parseRedisUrl('redis://:pw@[::1]:7000'))).toBe('[::1]:7000');
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '::ffff:127.0.0.1'])('%s is loopback', (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });
  it.each(['10.0.0.1', 'redis', 'example.com', '::ffff:10.0.0.1', '128.0.0.1'])('%s is not', (h) => {
    expect(isLoopbackHost(h)).toBe(false);
  });
});

describe('INFO replies', () => {
  it('reads INFO fields', () => {
    expect(infoField('# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n', 'redis_version')).toBe('7.0.15');
    expect(infoField('x:1', 'redis_version')).toBeUndefined();
  });
});
