/**
 * runSandbox's handling of what a container does, against a fake engine: the outcomes
 * a real harness never produces on purpose (no result, a kill for memory, a hang, an
 * engine that fails) and the promise that the container is removed after each.
 */
import { Duplex, type Writable } from 'node:stream';
import type Dockerode from 'dockerode';
import { RESULT_MARKER, SANDBOX_PROTOCOL, type SandboxInput, type SandboxResult } from '@grader/contracts';
import { ONE_TEST, sampleManifest } from '@grader/contracts/src/testing/sample-manifest';
import { wallTimeMs } from './container-policy';
import { InfrastructureError, SandboxProtocolError } from './errors';
import { runSandbox } from './run-sandbox';
import { startContainer } from './started-container';
import type { WarmPool } from './warm-pool';

const manifest = sampleManifest({ ...ONE_TEST, limits: { testTimeMs: 100 } });

const input: SandboxInput = {
  protocol: SANDBOX_PROTOCOL,
  nonce: 'callersnonce00000000',
  manifest,
  exerciseFiles: {},
  submission: { 'query.sql': 'SELECT 1' },
};

const accepted: SandboxResult = { protocol: SANDBOX_PROTOCOL, verdict: 'accepted', score: 1, maxScore: 1, message: 'ok', tests: [] };

/** What the fake container does once its stdin is closed. */
type Behaviour = (container: FakeContainer, stdin: string) => void;

class FakeContainer {
  readonly id = 'c'.repeat(64);
  removed = false;
  killed = false;
  oomKilled = false;
  exitCode = 0;
  /** What the engine reports as the exit's time: unset until it exits. */
  finishedAt = '0001-01-01T00:00:00Z';
  startError?: Error;
  private exit!: (value: { StatusCode: number }) => void;
  private readonly exited = new Promise<{ StatusCode: number }>((resolve) => (this.exit = resolve));
  private stdin = '';
  readonly stream: Duplex;

  constructor(behaviour: Behaviour) {
    this.stream = new Duplex({
      read() {},
      write: (chunk: Buffer, _encoding, callback) => {
        this.stdin += chunk.toString();
        callback();
      },
      final: (callback) => {
        behaviour(this, this.stdin);
        callback();
      },
    });
  }

  print(text: string): void {
    this.stream.push(Buffer.from(text));
  }

  finish(exitCode: number, oomKilled = false, at = new Date()): void {
    this.finishedAt = at.toISOString();
    this.exitCode = exitCode;
    this.oomKilled = oomKilled;
    this.stream.push(null);
    this.exit({ StatusCode: exitCode });
  }

  attach = async () => this.stream;
  wait = () => this.exited;
  start = async () => {
    if (this.startError) throw this.startError;
  };
  kill = async () => {
    this.killed = true;
    this.finish(137);
  };
  inspect = async () => ({ State: { OOMKilled: this.oomKilled, ExitCode: this.exitCode, FinishedAt: this.finishedAt } });
  rename = async () => undefined;
  remove = async () => {
    this.removed = true;
  };
}

function fakeEngine(container: FakeContainer): Dockerode {
  return {
    createContainer: async () => container,
    modem: {
      // The fake stream carries stdout only, unframed.
      demuxStream: (stream: Duplex, stdout: Writable) => stream.on('data', (chunk: Buffer) => stdout.write(chunk)),
    },
  } as unknown as Dockerode;
}

function nonceOf(stdin: string): string {
  return (JSON.parse(stdin) as SandboxInput).nonce;
}

describe('runSandbox against a fake engine', () => {
  afterEach(() => jest.useRealTimers());

  it('sends the input with a fresh nonce and returns the framed result', async () => {
    let seen = '';
    const container = new FakeContainer((c, stdin) => {
      seen = nonceOf(stdin);
      c.print(`${RESULT_MARKER}${seen}\n${JSON.stringify(accepted)}\n`);
      c.finish(0);
    });
    const run = await runSandbox(fakeEngine(container), { image: 'x', input, submissionId: 's' });
    expect(run.result).toEqual(accepted);
    expect(seen).not.toBe(input.nonce);
    expect(seen).toMatch(/^[A-Za-z0-9]{16,64}$/);
    expect(container.removed).toBe(true);
  });

  it('takes the result as soon as it is framed, without waiting for the container to exit, and still removes it', async () => {
    const container = new FakeContainer((c, stdin) => {
      const framed = `${RESULT_MARKER}${nonceOf(stdin)}\n${JSON.stringify(accepted)}\n`;
      // Split across chunks as a pipe may: only the chunk that completes it counts.
      c.print(framed.slice(0, 30));
      c.print(framed.slice(30));
      // ...and never exits by itself.
    });
    const run = await runSandbox(fakeEngine(container), { image: 'x', input, submissionId: 's' });
    expect(run.result).toEqual(accepted);
    expect(container.removed).toBe(true);
  });

  it('waits past a chunk that ends a line but not the document (the frame header alone)', async () => {
    let documentSent = false;
    const container = new FakeContainer((c, stdin) => {
      c.print(`${RESULT_MARKER}${nonceOf(stdin)}\n`);
      setTimeout(() => {
        documentSent = true;
        c.print(`${JSON.stringify(accepted)}\n`);
      }, 20);
    });
    const run = await runSandbox(fakeEngine(container), { image: 'x', input, submissionId: 's' });
    expect(documentSent).toBe(true);
    expect(run.result).toEqual(accepted);
  });

  it('grades in a cold container when the warm one taken had died before its input, before the pool could see it', async () => {
    const dead = new FakeContainer(() => undefined);
    const waiting = await startContainer(fakeEngine(dead), {}, manifest.limits.memoryMb);
    dead.finish(137, false, new Date(Date.now() - 1_000)); // killed while it waited
    const disposed: unknown[] = [];
    // A pool that has not yet seen the exit: the container still looks usable.
    const pool = { take: () => ({ ...waiting, usable: () => true }), dispose: (started: unknown) => void disposed.push(started) } as unknown as WarmPool;
    const fresh = new FakeContainer((c, stdin) => {
      c.print(`${RESULT_MARKER}${nonceOf(stdin)}\n${JSON.stringify(accepted)}\n`);
      c.finish(0);
    });
    const run = await runSandbox(fakeEngine(fresh), { image: 'x', input, submissionId: 's' }, pool);
    expect(run).toMatchObject({ warm: false, result: accepted });
    expect(fresh.removed).toBe(true);
    expect(disposed).toHaveLength(1);
  });

  it('turns an exit without a result into a protocol error, and removes the container', async () => {
    const container = new FakeContainer((c) => {
      c.print('partial output');
      c.finish(1);
    });
    await expect(runSandbox(fakeEngine(container), { image: 'x', input, submissionId: 's' })).rejects.toBeInstanceOf(SandboxProtocolError);
    expect(container.removed).toBe(true);
  });

  it('does not accept a result framed with the nonce the caller passed in', async () => {
    const container = new FakeContainer((c) => {
      c.print(`${RESULT_MARKER}${input.nonce}\n${JSON.stringify(accepted)}\n`);
      c.finish(0);
    });
    await expect(runSandbox(fakeEngine(container), { image: 'x', input, submissionId: 's' })).rejects.toBeInstanceOf(SandboxProtocolError);
  });

  it('reports a memory verdict when the kernel killed the container before it reported', async () => {
    const container = new FakeContainer((c) => c.finish(137, true));
    const run = await runSandbox(fakeEngine(container), { image: 'x', input, submissionId: 's' });
    expect(run.result).toMatchObject({ verdict: 'memory_limit_exceeded', score: 0 });
    expect(run.result.tests).toEqual([expect.objectContaining({ name: 'one', status: 'error', score: 0 })]);
    expect(container.removed).toBe(true);
  });

  it('kills a container that outlives its wall deadline and reports the time limit', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const container = new FakeContainer(() => undefined); // never exits by itself
    const running = runSandbox(fakeEngine(container), { image: 'x', input, submissionId: 's' });
    await jest.advanceTimersByTimeAsync(wallTimeMs(input.manifest) + 10);
    const run = await running;
    expect(container.killed).toBe(true);
    expect(run.result).toMatchObject({ verdict: 'time_limit_exceeded', score: 0, maxScore: 1 });
    expect(container.removed).toBe(true);
  });

  it('turns a failed start into an infrastructure error, and removes the container', async () => {
    const container = new FakeContainer(() => undefined);
    container.startError = new Error('OCI runtime create failed');
    await expect(runSandbox(fakeEngine(container), { image: 'x', input, submissionId: 's' })).rejects.toThrow(InfrastructureError);
    expect(container.removed).toBe(true);
  });

  it('turns an unreachable engine into an infrastructure error', async () => {
    const engine = {
      createContainer: async () => {
        throw Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT' });
      },
    } as unknown as Dockerode;
    await expect(runSandbox(engine, { image: 'x', input, submissionId: 's' })).rejects.toThrow(/could not create the container: connect ENOENT/);
  });
});
