import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { readMessages } from './docker-stream';
import { inspectImage, removeReplacedImage } from './docker-images';

// A tiny image imported for the test (one file, no layers of the sandbox images), under names of its own.
const docker = new Docker();
const NAME = `grader-provision-test-${process.pid}`;

/** Imports a one-file image named NAME:tag, or with no name at all. */
async function importTiny(tag?: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-image-'));
  fs.writeFileSync(path.join(dir, 'marker'), `${NAME}\n`);
  const tar = spawn('tar', ['-C', dir, '-c', '.'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const summary = await readMessages(docker.modem, await docker.importImage(tar.stdout, tag === undefined ? {} : { repo: NAME, tag }));
  fs.rmSync(dir, { recursive: true, force: true });
  if (!summary.imageId) throw new Error(`import failed: ${summary.error}`);
  return summary.imageId;
}

afterAll(async () => {
  for (const image of await docker.listImages({ filters: { reference: [NAME] } })) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
});

describe('removing the image a provisioning replaced', () => {
  it('keeps it while another name still points at it (a sandbox image of another prefix built from the same layers)', async () => {
    const id = await importTiny('one');
    await docker.getImage(id).tag({ repo: NAME, tag: 'other-prefix' });
    // The provisioning's own name moved on to a new build: only the other name is left.
    await docker.getImage(`${NAME}:one`).remove();
    await removeReplacedImage(docker, id);
    expect((await inspectImage(docker, `${NAME}:other-prefix`))?.Id).toBe(id);
  });

  it('removes it once nothing names it', async () => {
    const id = await importTiny();
    expect((await inspectImage(docker, id))?.RepoTags ?? []).toEqual([]);
    await removeReplacedImage(docker, id);
    expect(await inspectImage(docker, id)).toBeUndefined();
  });
});
