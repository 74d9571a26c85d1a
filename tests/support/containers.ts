import Docker from 'dockerode';

const docker = new Docker({ socketPath: process.env.GRADER_DOCKER_SOCKET ?? '/var/run/docker.sock' });

/**
 * Sandbox containers (running or not) that ran any of these submissions: found by their name,
 * `grader-run-<submission>-<random>` (a warm container gets it when a submission claims it; its
 * submission label stays `pool`), or by the submission label of a cold one.
 */
export async function containersOf(submissionIds: Iterable<string>): Promise<string[]> {
  const ids = new Set(submissionIds);
  const all = await docker.listContainers({ all: true, filters: { label: ['grader.managed=true'] } });
  const ranOne = (name: string) => [...ids].some((id) => name === `/grader-run-${id}` || name.startsWith(`/grader-run-${id}-`));
  return all.filter((c) => ids.has(c.Labels['grader.submission'] ?? '') || c.Names.some(ranOne)).map((c) => c.Id);
}
