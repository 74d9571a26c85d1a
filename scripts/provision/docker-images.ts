import { once } from 'node:events';
import { Readable, Writable } from 'node:stream';
import type Docker from 'dockerode';
import { readMessages } from './docker-stream';
import { ProvisionError, oneLine, tail } from './errors';

/** Small helpers over the engine's image and container API. */

/**
 * Builds `name` with the engine's (legacy) builder from `files` (relative paths) of `context`,
 * with build arguments and labels; throws with the build log's tail on failure.
 */
export async function buildImage(
  docker: Docker,
  build: { context: string; files: string[]; name: string; buildArgs: Record<string, string>; labels: Record<string, string> },
): Promise<void> {
  const stream = await docker.buildImage(
    { context: build.context, src: build.files },
    { t: build.name, buildargs: build.buildArgs, labels: build.labels, rm: true, forcerm: true },
  );
  const summary = await readMessages(docker.modem, stream);
  if (summary.error) throw new ProvisionError(`docker build of ${build.name} failed: ${summary.error}`, tail(summary.output, 30));
}

/** The image's inspect data, or undefined when there is no such image. */
export async function inspectImage(docker: Docker, name: string): Promise<Docker.ImageInspectInfo | undefined> {
  try {
    return await docker.getImage(name).inspect();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw new ProvisionError(`cannot inspect image ${name}: ${oneLine(err)}`);
  }
}

export function imageLabel(image: Docker.ImageInspectInfo | undefined, label: string): string | undefined {
  return image?.Config?.Labels?.[label] ?? undefined;
}

/**
 * Removes an image this provisioning replaced (its name now on the new build), if nothing names
 * or uses it any more. An image that still has a name is kept: another prefix's sandbox image
 * built from the same layers shares its id (the build cache gives both one image), and removing
 * an image by id takes its last name with it (seen: grader-sandbox-python deleted while a suite
 * ran on it, because dev-sandbox-python, built alike, had moved to a new build).
 */
export async function removeReplacedImage(docker: Docker, id: string): Promise<void> {
  const image = await inspectImage(docker, id);
  const names = (image?.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
  if (!image || names.length > 0) return;
  await removeImage(docker, id);
}

/**
 * Removes an image this provisioning made and will not use (a failed import's, which holds the
 * name it was given: `force` takes it off), if the engine lets it.
 */
export async function removeImage(docker: Docker, id: string, options: { force?: boolean } = {}): Promise<void> {
  try {
    await docker.getImage(id).remove(options.force ? { force: true } : {});
  } catch {
    // used by a container, or parent of another image: keep it
  }
}

/** The text of a non-TTY container's log (stdout and stderr frames, in order), demultiplexed by dockerode's modem. */
export async function demuxLogs(modem: Docker['modem'], buf: Buffer): Promise<string> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const source = Readable.from([buf]);
  const ended = once(source, 'end');
  modem.demuxStream(source, sink, sink);
  await ended;
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs a command in a throwaway container with no network; throws with its output unless it exits 0. */
export async function runInImage(docker: Docker, image: string, cmd: string[]): Promise<void> {
  const container = await docker
    .createContainer({ Image: image, Cmd: cmd, NetworkDisabled: true, HostConfig: { NetworkMode: 'none' } })
    .catch((err: unknown) => {
      throw new ProvisionError(`cannot create a container of ${image}: ${oneLine(err)}`);
    });
  try {
    await container.start().catch((err: unknown) => {
      throw new ProvisionError(`cannot start a container of ${image}: ${oneLine(err)}`);
    });
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    if (StatusCode !== 0) {
      const logs = await container.logs({ stdout: true, stderr: true, follow: false });
      throw new ProvisionError(
        `\`${cmd.join(' ')}\` exited with code ${StatusCode} in image ${image}`,
        tail(await demuxLogs(docker.modem, Buffer.isBuffer(logs) ? logs : Buffer.from(String(logs)))),
      );
    }
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}
