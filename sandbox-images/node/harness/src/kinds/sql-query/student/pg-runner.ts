/**
 * The PostgreSQL runner of the sql-query kind: one PGlite engine in this process, taking
 * tests one by one on stdin, so that the engine (about 0.6 s of CPU to start) starts once
 * per submission rather than once per test. Runs as the student's uid for the student's
 * query, and as the harness's user for the reference solution; in both it runs nothing but
 * this file's code and SQL, inside PostgreSQL.
 *
 *   pg-runner.js <template.tar> <max rows>
 *     stdout: READY line once the engine is up; then, for each request line on stdin
 *     ({"dataset": "<script>", "query": "<sql>"}), a LOADED line once the dataset is in, and
 *     one response line: the RunnerOutput, or {"kind":"dataset-error","message"} (instead of
 *     LOADED) when the dataset script itself fails.
 *   pg-runner.js --make-template <out.tar>
 *     writes the engine's prepared data directory (run once, when the image is built).
 *
 * Every line this process means for the harness starts with PG_LINE_PREFIX; anything else
 * on stdout is not ours and is ignored.
 */
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { volunteerForOomKiller } from '../../../common/process/oom-volunteer';
import { loadDataset, makeTemplate, resetDatabase, startEngine, type PgEngine } from '../postgres/pg-engine';
import { executePostgresQuery } from '../postgres/pg-execute';
import { PG_LINE_PREFIX, PG_LOADED, PG_READY, PgRequestSchema, type PgResponse } from '../postgres/pg-protocol';

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--make-template') {
    if (!argv[1]) throw new Error('usage: pg-runner --make-template <out.tar>');
    writeFileSync(argv[1], await makeTemplate());
    process.exit(0);
  }
  const [templatePath, maxRowsText] = argv;
  const maxRows = Number(maxRowsText);
  if (!templatePath || !Number.isInteger(maxRows)) throw new Error('usage: pg-runner <template.tar | -> <max rows>');
  volunteerForOomKiller();

  const db = await startEngine(templatePath === '-' ? undefined : templatePath);
  send(PG_READY);
  let first = true;
  // One request at a time: the harness sends the next only after our answer.
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const request = PgRequestSchema.parse(JSON.parse(line));
    if (!first) await resetDatabase(db);
    first = false;
    send(JSON.stringify(await runOne(db, request.dataset, request.query, maxRows)));
  }
  // stdin closed: the harness has no more tests.
  process.exit(0);
}

async function runOne(db: PgEngine, dataset: string, query: string, maxRows: number): Promise<PgResponse> {
  try {
    await loadDataset(db, dataset);
  } catch (err) {
    return { kind: 'dataset-error', message: String((err as { message?: unknown })?.message ?? err).slice(0, 2000) };
  }
  send(PG_LOADED);
  return executePostgresQuery(db, query, maxRows);
}

function send(line: string): void {
  // Writes to a pipe are synchronous on Linux: the line is complete when this returns.
  process.stdout.write(`${PG_LINE_PREFIX}${line}\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
