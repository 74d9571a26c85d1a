import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { ApiClient } from '../support/http';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '../..');
const docker = new Docker({ socketPath: process.env.GRADER_DOCKER_SOCKET ?? '/var/run/docker.sock' });

/** A port the kernel just gave out on loopback, free again for the API's published port. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The repository's docker-compose.yml, run by Debian's docker-compose under a project name of its
 * own (its containers, network and volumes are named after it, apart from anything else on the
 * engine): Redis, the API and the workers, each in its own container on the project's network,
 * reaching each other by service name, the workers driving this host's engine for sandboxes.
 */
export class ComposeProject {
  readonly name = `grader-cluster-${randomBytes(4).toString('hex')}`;
  private readonly env: NodeJS.ProcessEnv;
  private constructor(
    readonly port: number,
    settings: Record<string, string>,
  ) {
    this.env = {
      PATH: process.env.PATH,
      GRADER_INTERNAL_TOKEN: randomBytes(32).toString('hex'),
      GRADER_API_PORT: String(port),
      ...(process.env.GRADER_SANDBOX_IMAGE_PREFIX ? { GRADER_SANDBOX_IMAGE_PREFIX: process.env.GRADER_SANDBOX_IMAGE_PREFIX } : {}),
      ...settings,
    };
  }

  /** `settings`: the compose file's variables (GRADER_WORKER_CONCURRENCY, ...). */
  static async create(settings: Record<string, string>): Promise<ComposeProject> {
    return new ComposeProject(await freePort(), settings);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** docker-compose with this project's name and the repository's compose file; its output, or a thrown error with it. */
  async compose(...args: string[]): Promise<string> {
    const { stdout, stderr } = await run('docker-compose', ['-p', this.name, '-f', path.join(REPO_ROOT, 'docker-compose.yml'), ...args], {
      env: this.env,
      cwd: REPO_ROOT,
      timeout: 180_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return `${stdout}${stderr}`;
  }

  /** Starts (or rescales to) `workers` worker containers; never builds (provisioning made the images). */
  async up(workers: number): Promise<void> {
    await this.compose('up', '-d', '--no-build', '--scale', `worker=${workers}`);
  }

  /** This project's containers of one service, running or not. */
  async containers(service: 'api' | 'redis' | 'worker', options: { all?: boolean } = {}): Promise<Docker.ContainerInfo[]> {
    return docker.listContainers({
      all: options.all ?? false,
      filters: { label: [`com.docker.compose.project=${this.name}`, `com.docker.compose.service=${service}`] },
    });
  }

  /** A file's text inside the service's (first) container. */
  async readFile(service: 'api', file: string): Promise<string> {
    return (await this.compose('exec', '-T', service, 'cat', file)).trim();
  }

  /** The first admin's client (its token, written by the API on first start in its data volume). */
  async admin(): Promise<ApiClient> {
    return new ApiClient(this.url, await this.readFile('api', '/data/admin-token'));
  }

  /**
   * Everything of the project gone: its containers, network and volumes, and the sandbox
   * containers its workers made and left (a killed worker's), found by their worker label.
   * Resolves with the ids of those sandbox containers found still there.
   */
  async destroy(): Promise<string[]> {
    const workerHosts = (await this.containers('worker', { all: true })).map((c) => c.Id.slice(0, 12));
    await this.compose('down', '--volumes', '--remove-orphans', '--timeout', '10').catch(() => undefined);
    const sandboxes = await docker.listContainers({ all: true, filters: { label: ['grader.managed=true'] } });
    const ours = sandboxes.filter((c) => workerHosts.some((host) => (c.Labels['grader.worker'] ?? '').startsWith(`${host}-`)));
    await Promise.all(ours.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
    return ours.map((c) => c.Id);
  }

  /** Anything of the project still on the engine: containers, networks, volumes. */
  async leftovers(): Promise<string[]> {
    const label = `com.docker.compose.project=${this.name}`;
    const containers = await docker.listContainers({ all: true, filters: { label: [label] } });
    const networks = await docker.listNetworks({ filters: { label: [label] } });
    const volumes = (await docker.listVolumes({ filters: { label: [label] } })).Volumes ?? [];
    return [...containers.map((c) => `container ${c.Names[0]}`), ...networks.map((n) => `network ${n.Name}`), ...volumes.map((v) => `volume ${v.Name}`)];
  }

  /** SIGKILLs one container: a worker host dying mid-burst. */
  async kill(containerId: string): Promise<void> {
    await docker.getContainer(containerId).kill({ signal: 'SIGKILL' });
  }
}
