import { SandboxInput } from './contracts';

/**
 * The whole of stdin, bounded: an exercise package is text (datasets, tests, solution),
 * 32 MiB is far above any real one and well below the container's memory.
 */
export const INPUT_BYTES = 32 * 1024 * 1024;

export type InputReading =
  | { ok: true; input: SandboxInput }
  /** `nonce` is there when the document carried a well-formed one: the error can still be reported. */
  | { ok: false; problem: string; nonce?: string };

export async function readStdin(stream: NodeJS.ReadableStream, maxBytes = INPUT_BYTES): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > maxBytes) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}

export function parseInput(raw: Buffer | undefined): InputReading {
  if (raw === undefined) return { ok: false, problem: `the input is larger than ${INPUT_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    return { ok: false, problem: `the input is not JSON: ${(err as Error).message}` };
  }
  const parsed = SandboxInput.safeParse(json);
  if (parsed.success) return { ok: true, input: parsed.data };
  const nonce = (json as { nonce?: unknown } | null)?.nonce;
  const wellFormedNonce = typeof nonce === 'string' && /^[A-Za-z0-9]{16,64}$/.test(nonce) ? nonce : undefined;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { ok: false, problem: `the input does not match the sandbox protocol: ${issues.join('; ')}`, nonce: wellFormedNonce };
}
