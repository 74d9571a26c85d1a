import net from 'node:net';
import {
  ReplyError,
  describeTarget,
  encodeCommand,
  infoField,
  isLoopbackHost,
  parseRedisUrl,
  parseReply,
  redisCommands,
} from './redis-protocol';

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

describe('RESP', () => {
  it('encodes commands as arrays of bulk strings (byte lengths)', () => {
    expect(encodeCommand(['SET', 'k', 'é']).toString()).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n');
  });
  it('parses simple, error, integer, bulk, null and nested replies', () => {
    const buf = Buffer.from('+PONG\r\n-ERR no\r\n:42\r\n$5\r\nhello\r\n$-1\r\n*2\r\n:1\r\n$1\r\nx\r\n');
    const replies = [];
    let pos = 0;
    let r;
    while ((r = parseReply(buf, pos))) {
      replies.push(r.reply);
      pos = r.next;
    }
    expect(replies).toEqual(['PONG', new ReplyError('ERR no'), 42, 'hello', null, [1, 'x']]);
    expect(pos).toBe(buf.length);
  });
  it('waits for the rest of an incomplete reply', () => {
    expect(parseReply(Buffer.from('$5\r\nhel'))).toBeUndefined();
    expect(parseReply(Buffer.from('*2\r\n:1\r\n'))).toBeUndefined();
    expect(parseReply(Buffer.from('+PON'))).toBeUndefined();
  });
  it('rejects what is not RESP', () => {
    expect(() => parseReply(Buffer.from('HTTP/1.1 400\r\n'))).toThrow(/not a Redis reply/);
  });
  it('reads INFO fields', () => {
    expect(infoField('# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n', 'redis_version')).toBe('7.0.15');
    expect(infoField('x:1', 'redis_version')).toBeUndefined();
  });
});

describe('redisCommands against a fake server', () => {
  let server: net.Server;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    server = net.createServer((socket) => {
      let text = '';
      socket.on('data', (data) => {
        text += data.toString();
        if (!text.includes('INFO')) return; // the last command: the whole request is in
        received.push(text);
        // Answers AUTH (when sent), PING and INFO, split across writes.
        if (text.includes('AUTH')) socket.write(text.includes('wrong') ? '-WRONGPASS invalid\r\n' : '+OK\r\n');
        socket.write('+PO');
        setTimeout(() => socket.write('NG\r\n$22\r\nredis_version:7.0.15\r\n\r\n'), 5);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends AUTH first and returns the other replies', async () => {
    const replies = await redisCommands(parseRedisUrl(`redis://:pw@127.0.0.1:${port}`), [['PING'], ['INFO', 'server']]);
    expect(replies).toEqual(['PONG', 'redis_version:7.0.15\r\n']);
    expect(received.at(-1)).toMatch(/^\*2\r\n\$4\r\nAUTH\r\n\$2\r\npw\r\n/);
  });
  it('fails when AUTH is refused', async () => {
    await expect(redisCommands(parseRedisUrl(`redis://:wrong@127.0.0.1:${port}`), [['PING'], ['INFO']])).rejects.toThrow(
      /AUTH refused: WRONGPASS/,
    );
  });
  it('fails fast when nothing listens', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(redisCommands(parseRedisUrl(`redis://127.0.0.1:${freePort}`), [['PING']])).rejects.toThrow(/ECONNREFUSED/);
  });
});
