import net from 'node:net';

/**
 * The grader's own connection to a test's Redis server: RESP2 over loopback TCP, one command at a
 * time. A few dozen lines rather than a client library because it runs in the harness's startup
 * snapshot (no library is loaded there) and because what it reads is the student's data: every
 * reply is bounded in bytes and nesting, and nothing in it is ever executed.
 * Protocol: https://redis.io/docs/latest/develop/reference/protocol-spec/ (RESP2).
 */

/** A reply: simple and bulk strings as UTF-8 text, integers, null (a nil bulk or array), arrays, or an error reply. */
export type RedisReply = string | number | null | RedisReply[] | RedisErrorReply;

/** An error reply (`-NOPERM …`, `-OOM …`): Redis refused the command. */
export class RedisErrorReply {
  constructor(readonly message: string) {}
}

/** The connection failed, closed, took too long or sent a reply over the limit: nothing was read. */
export class RedisUnavailable extends Error {
  override readonly name = 'RedisUnavailable';
}

const MAX_DEPTH = 8;
const CRLF = '\r\n';

/** One command in RESP2: an array of bulk strings. */
export function encodeCommand(args: readonly (string | number)[]): Buffer {
  const parts = [`*${args.length}${CRLF}`];
  for (const arg of args) {
    const text = String(arg);
    parts.push(`$${Buffer.byteLength(text)}${CRLF}${text}${CRLF}`);
  }
  return Buffer.from(parts.join(''));
}

/**
 * The reply that starts at `offset` of `buffer` and where the next begins, or undefined while it
 * is incomplete. Throws RedisUnavailable on bytes that are not RESP2 or nest too deep.
 */
export function parseReply(buffer: Buffer, offset = 0, depth = 0): { reply: RedisReply; next: number } | undefined {
  if (depth > MAX_DEPTH) throw new RedisUnavailable('a reply nested too deep');
  const lineEnd = buffer.indexOf(CRLF, offset);
  if (lineEnd < 0) return undefined;
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const afterLine = lineEnd + 2;
  switch (buffer[offset]) {
    case 0x2b: // +
      return { reply: line, next: afterLine };
    case 0x2d: // -
      return { reply: new RedisErrorReply(line), next: afterLine };
    case 0x3a: // :
      return { reply: integer(line), next: afterLine };
    case 0x24: {
      // $
      const length = integer(line);
      if (length < 0) return { reply: null, next: afterLine };
      if (buffer.length < afterLine + length + 2) return undefined;
      return { reply: buffer.toString('utf8', afterLine, afterLine + length), next: afterLine + length + 2 };
    }
    case 0x2a: {
      // *
      const count = integer(line);
      if (count < 0) return { reply: null, next: afterLine };
      const items: RedisReply[] = [];
      let next = afterLine;
      for (let i = 0; i < count; i += 1) {
        const item = parseReply(buffer, next, depth + 1);
        if (!item) return undefined;
        items.push(item.reply);
        next = item.next;
      }
      return { reply: items, next };
    }
    default:
      throw new RedisUnavailable(`a reply that is not RESP2 (starts with byte ${buffer[offset]})`);
  }
}

function integer(text: string): number {
  if (!/^-?\d{1,15}$/.test(text)) throw new RedisUnavailable(`a reply that is not RESP2 (${JSON.stringify(text.slice(0, 40))} is not an integer)`);
  return Number(text);
}

export interface RedisClientOptions {
  port: number;
  host?: string;
  /** Sent as `AUTH <user> <password>` first. */
  user?: string;
  password?: string;
  /** Each command's time, from its sending to its whole reply, milliseconds. */
  commandTimeMs: number;
  /** The largest reply read, bytes. */
  maxReplyBytes: number;
}

/** A connection that sends one command at a time; close() when done. */
export class RedisClient {
  private buffer = Buffer.alloc(0);
  private waiting?: { resolve: (reply: RedisReply) => void; reject: (err: Error) => void };
  private failure?: RedisUnavailable;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly socket: net.Socket,
    private readonly options: RedisClientOptions,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (err) => this.fail(new RedisUnavailable(`the connection to Redis failed: ${err.message}`)));
    socket.on('close', () => this.fail(new RedisUnavailable('Redis closed the connection')));
  }

  /** Connects (and authenticates when `user` is given); throws RedisUnavailable when it cannot. */
  static async connect(options: RedisClientOptions): Promise<RedisClient> {
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ port: options.port, host: options.host ?? '127.0.0.1' });
      const timer = setTimeout(() => s.destroy(new Error('connecting took too long')), options.commandTimeMs);
      s.once('connect', () => (clearTimeout(timer), resolve(s)));
      s.once('error', (err) => (clearTimeout(timer), reject(new RedisUnavailable(`could not connect to Redis: ${err.message}`))));
    });
    socket.setNoDelay(true);
    const client = new RedisClient(socket, options);
    if (options.user !== undefined) {
      const reply = await client.call('AUTH', options.user, options.password ?? '');
      if (reply !== 'OK') {
        client.close();
        throw new RedisUnavailable(`Redis refused the grader's login: ${reply instanceof RedisErrorReply ? reply.message : String(reply)}`);
      }
    }
    return client;
  }

  /** Sends a command and resolves with its reply (an error reply included); rejects with RedisUnavailable. */
  call(...args: (string | number)[]): Promise<RedisReply> {
    const run = this.queue.then(() => this.send(args));
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.fail(new RedisUnavailable('the connection is closed'));
    this.socket.destroy();
  }

  private send(args: (string | number)[]): Promise<RedisReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<RedisReply>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new RedisUnavailable(`Redis did not answer ${String(args[0])} within ${this.options.commandTimeMs} ms`)), this.options.commandTimeMs);
      this.waiting = {
        resolve: (reply) => (clearTimeout(timer), resolve(reply)),
        reject: (err) => (clearTimeout(timer), reject(err)),
      };
      this.socket.write(encodeCommand(args));
    });
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (this.buffer.length > this.options.maxReplyBytes) return this.fail(new RedisUnavailable(`a reply of Redis was larger than ${this.options.maxReplyBytes} bytes`));
    let parsed: ReturnType<typeof parseReply>;
    try {
      parsed = parseReply(this.buffer);
    } catch (err) {
      return this.fail(err as RedisUnavailable);
    }
    if (!parsed) return;
    this.buffer = this.buffer.subarray(parsed.next);
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting.resolve(parsed.reply);
    else this.fail(new RedisUnavailable('Redis sent a reply nobody asked for'));
  }

  private fail(err: RedisUnavailable): void {
    this.failure ??= err;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(this.failure);
    if (!this.socket.destroyed) this.socket.destroy();
  }
}
