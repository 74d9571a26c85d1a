import Docker from 'dockerode';

const docker = new Docker({ socketPath: process.env.GRADER_DOCKER_SOCKET ?? '/var/run/docker.sock' });

/** Sandbox containers (running or not) that belong to any of these submissions. */
export async function containersOf(submissionIds: Iterable<string>): Promise<string[]> {
  const ids = new Set(submissionIds);
  const all = await docker.listContainers({ all: true, filters: { label: ['grader.managed=true'] } });
  return all.filter((c) => ids.has(c.Labels['grader.submission'] ?? '')).map((c) => c.Id);
}
