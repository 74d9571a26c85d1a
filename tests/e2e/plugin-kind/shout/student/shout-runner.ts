/**
 * Student side of kind `shout`, run as the student's uid: requires the student's module
 * (argv[2]), calls what it exports with the text on stdin and prints the answer as one JSON
 * line: {"answer": text} or {"error": message}.
 */
async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fn = require(process.argv[2]!) as unknown;
    if (typeof fn !== 'function') throw new Error(`the module exports ${typeof fn}, not a function`);
    const answer = await (fn as (text: string) => unknown)(Buffer.concat(chunks).toString('utf8'));
    process.stdout.write(`${JSON.stringify({ answer: String(answer) })}\n`);
  } catch (err) {
    process.stdout.write(`${JSON.stringify({ error: (err as Error).message })}\n`);
  }
}

void main();
export {};
