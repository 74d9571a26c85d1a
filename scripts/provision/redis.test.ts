import { parseRedisUrl } from './redis-protocol';
import { redisServerArgs } from './redis';

describe('redisServerArgs', () => {
  it('starts a memory-only daemon on the URL loopback address and port', () => {
    const args = redisServerArgs(parseRedisUrl('redis://localhost:6390'), '/data/redis');
    expect(args).toEqual([
      '--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6390', '--save', '', '--appendonly', 'no',
      '--dir', '/data/redis', '--logfile', '/data/redis/redis.log',
    ]);
  });
  it('requires the password of the URL', () => {
    expect(redisServerArgs(parseRedisUrl('redis://:pw@[::1]:6379'), '/d')).toEqual(
      expect.arrayContaining(['--bind', '::1', '--requirepass', 'pw']),
    );
  });
});
