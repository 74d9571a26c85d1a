/** Diagnostics go to stderr: stdout carries only the result document. */
export function log(message: string): void {
  process.stderr.write(`[harness] ${message}\n`);
}
