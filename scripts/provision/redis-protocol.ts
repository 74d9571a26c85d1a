import net from 'node:net';
import tls from 'node:tls';

/**
 * Just enough of the Redis protocol (RESP2) to ask a server PING and INFO: no dependency,
 * so provisioning works before any Redis client is configured.
 */

export type Reply = string | number | null | ReplyError | Reply[];

export class ReplyError {
  constructor(readonly message: string) {}
}

/** Where and how to reach a Redis, from a redis:// or rediss:// URL. */
export interface RedisTarget {
  host: string;
  port: number;
  tls: boolean;
  username?: string;
  password?: string;
}

export function parseRedisUrl(url: string): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`GRADER_REDIS_URL is not a URL: ${url}`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new Error(`GRADER_REDIS_URL must start with redis:// or rediss:// (got ${u.protocol}//)`);
  }
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  return {
    host,
    port: u.port ? Number(u.port) : 6379,
    tls: u.protocol === 'rediss:',
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
  };
}

/** host:port for messages (IPv6 in brackets); never shows the password. */
export function describeTarget(t: RedisTarget): string {
  return `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
}

/** True for addresses of this machine only: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host);
  return mapped !== null && mapped[1]!.startsWith('127.');
}

export function encodeCommand(args: readonly string[]): Buffer {
  const parts = [`*${args.length}\r\n`];
  for (const a of args) parts.push(`$${Buffer.byteLength(a)}\r\n${a}\r\n`);
  return Buffer.from(parts.join(''));
}

/**
 * Parses one reply at `offset`. Returns the reply and the offset after it, or undefined
 * when the buffer does not hold a whole reply yet.
 */
export function parseReply(buf: Buffer, offset = 0): { reply: Reply; next: number } | undefined {
  const eol = buf.indexOf('\r\n', offset);
  if (eol < 0) return undefined;
  const type = String.fromCharCode(buf[offset]!);
  const line = buf.toString('utf8', offset + 1, eol);
  const after = eol + 2;
  switch (type) {
    case '+':
      return { reply: line, next: after };
    case '-':
      return { reply: new ReplyError(line), next: after };
    case ':':
      return { reply: Number(line), next: after };
    case '$': {
      const len = Number(line);
      if (len < 0) return { reply: null, next: after };
      if (buf.length < after + len + 2) return undefined;
      return { reply: buf.toString('utf8', after, after + len), next: after + len + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { reply: null, next: after };
      const items: Reply[] = [];
      let pos = after;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, pos);
        if (!item) return undefined;
        items.push(item.reply);
        pos = item.next;
      }
      return { reply: items, next: pos };
    }
    default:
      throw new Error(`not a Redis reply (starts with ${JSON.stringify(type)})`);
  }
}

/**
 * Sends commands (after AUTH when the target has a password) and resolves with their
 * replies, AUTH's excluded. Rejects on connection errors and after `timeoutMs`.
 */
export function redisCommands(target: RedisTarget, commands: readonly string[][], timeoutMs = 1000): Promise<Reply[]> {
  const all = [...commands];
  if (target.password !== undefined) {
    all.unshift(target.username ? ['AUTH', target.username, target.password] : ['AUTH', target.password]);
  }
  const skip = all.length - commands.length;
  return new Promise((resolve, reject) => {
    const socket = target.tls
      ? tls.connect({ host: target.host, port: target.port, servername: net.isIP(target.host) ? undefined : target.host })
      : net.connect({ host: target.host, port: target.port });
    let buf = Buffer.alloc(0);
    const replies: Reply[] = [];
    const finish = (err?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(replies.slice(skip));
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.once(target.tls ? 'secureConnect' : 'connect', () => socket.write(Buffer.concat(all.map(encodeCommand))));
    socket.on('error', (err) => finish(err));
    socket.on('close', () => finish(new Error('connection closed')));
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      let parsed;
      try {
        while ((parsed = parseReply(buf))) {
          replies.push(parsed.reply);
          buf = buf.subarray(parsed.next);
        }
      } catch (err) {
        return finish(err as Error);
      }
      if (replies.length >= all.length) {
        const authError = replies.slice(0, skip).find((r) => r instanceof ReplyError);
        finish(authError instanceof ReplyError ? new Error(`AUTH refused: ${authError.message}`) : undefined);
      }
    });
  });
}

/** A field of an INFO reply ("redis_version:7.0.15" lines). */
export function infoField(info: string, field: string): string | undefined {
  const m = new RegExp(`^${field}:(.*)$`, 'm').exec(info);
  return m?.[1]?.trim();
}
