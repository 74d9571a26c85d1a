import type { z } from 'zod';
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

/**
 * The input document, checked against the sandbox protocol. `manifestSchemas`: kinds the
 * shared manifest does not know (plug-ins bringing their own schema), by name; a manifest
 * of such a kind is checked by its schema, any other as the API checks it.
 */
export function parseInput(raw: Buffer | undefined, manifestSchemas: ReadonlyMap<string, z.ZodType> = new Map()): InputReading {
  if (raw === undefined) return { ok: false, problem: `the input is larger than ${INPUT_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    return { ok: false, problem: `the input is not JSON: ${(err as Error).message}` };
  }
  const kind = (json as { manifest?: { kind?: unknown } } | null)?.manifest?.kind;
  const own = typeof kind === 'string' ? manifestSchemas.get(kind) : undefined;
  // A plug-in's manifest type is not the shared union's: the kind's grader is typed by its own.
  const parsed = (own ? SandboxInput.extend({ manifest: own }) : SandboxInput).safeParse(json) as ReturnType<typeof SandboxInput.safeParse>;
  if (parsed.success) return { ok: true, input: parsed.data };
  const nonce = (json as { nonce?: unknown } | null)?.nonce;
  const wellFormedNonce = typeof nonce === 'string' && /^[A-Za-z0-9]{16,64}$/.test(nonce) ? nonce : undefined;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { ok: false, problem: `the input does not match the sandbox protocol: ${issues.join('; ')}`, nonce: wellFormedNonce };
}
