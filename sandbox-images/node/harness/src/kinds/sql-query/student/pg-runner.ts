/**
 * The PostgreSQL runner of the sql-query kind: one PostgreSQL server (pg-engine.ts), started
 * by this process on a private copy of the image's cluster, taking tests one by one on stdin,
 * so that the server starts once per submission rather than once per test. Runs as the
 * student's uid for the student's query, and as REFERENCE_DB for the reference solution; its
 * server runs as the same uid.
 *
 *   pg-runner.js <cluster dir> <max rows> <work dir>
 *     stdout: READY line once the engine is up; then, for each request line on stdin
 *     ({"dataset": "<script>", "query": "<sql>"}), a LOADED line once the dataset is in, and
 *     one response line: the RunnerOutput, or {"kind":"dataset-error","message"} (instead of
 *     LOADED) when the dataset script itself fails.
 *   pg-runner.js --make-cluster <dir> [<bin dir>]
 *     makes the cluster (run once, when the image is built, as a uid that is not root), with
 *     the server binaries of <bin dir> (CONTAINER_LAYOUT.pgBin by default).
 *
 * Every line this process means for the harness starts with PG_LINE_PREFIX; anything else
 * on stdout is not ours and is ignored.
 */
import { createInterface } from 'node:readline';
import postgres from 'postgres';
import { volunteerForOomKiller } from '../../../common/process/oom-volunteer';
import { createSchema, loadDataset, makeCluster, renewReader, resetDatabase, startEngine, stopEngine, type PgEngine } from '../postgres/pg-engine';
import { executePostgresQuery } from '../postgres/pg-execute';
import { PG_LINE_PREFIX, PG_LOADED, PG_READY, PgRequestSchema, type PgRequest, type PgResponse } from '../postgres/pg-protocol';

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--make-cluster') {
    if (!argv[1]) throw new Error('usage: pg-runner --make-cluster <dir>');
    makeCluster(argv[1], argv[2]);
    process.exit(0);
  }
  const [clusterDir, maxRowsText, workDir] = argv;
  const maxRows = Number(maxRowsText);
  if (!clusterDir || !workDir || !Number.isInteger(maxRows)) throw new Error('usage: pg-runner <cluster dir> <max rows> <work dir>');
  volunteerForOomKiller();

  const engine = await startEngine({ clusterDir, workDir });
  // However this process ends, the server goes with it (its processes are not in our group).
  process.once('exit', () => engine.server.kill('SIGQUIT'));
  send(PG_READY);
  const database = new DatabaseState(engine);
  // One request at a time: the harness sends the next only after our answer.
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const request = PgRequestSchema.parse(JSON.parse(line));
    send(JSON.stringify(await runOne(database, request, maxRows)));
  }
  // stdin closed: the harness has no more tests.
  await stopEngine(engine);
  process.exit(0);
}

/**
 * What the database holds between two tests: nothing (each dataset is rolled back with its
 * query), a shared schema's tables (PgRequest.schema), or what a dataset committed itself,
 * which is dropped before the next test.
 */
class DatabaseState {
  private schema: string | undefined;
  private leftovers = false;

  constructor(readonly engine: PgEngine) {}

  /** The database ready for `request`'s rows: emptied unless it holds exactly its schema; the schema created. */
  async prepare(request: PgRequest): Promise<void> {
    if (this.leftovers || (this.schema !== undefined && this.schema !== request.schema)) {
      await resetDatabase(this.engine);
      this.schema = undefined;
      this.leftovers = false;
    }
    if (request.schema !== undefined && this.schema !== request.schema) {
      // Marked as leftovers first: a schema that fails halfway is dropped before the next test.
      this.leftovers = true;
      await createSchema(this.engine, request.schema);
      this.leftovers = false;
      this.schema = request.schema;
    }
  }

  /** After a dataset that committed itself. */
  committed(): void {
    this.leftovers = true;
  }
}

async function runOne(database: DatabaseState, request: PgRequest, maxRows: number): Promise<PgResponse> {
  let committed: boolean;
  try {
    await database.prepare(request);
    ({ committed } = await loadDataset(database.engine, request.dataset));
  } catch (err) {
    // The server's error: the dataset's fault, rolled back, nothing of it stays. Anything else
    // (the connection lost: the engine died) ends this runner, as an engine's death.
    if (!(err instanceof postgres.PostgresError)) throw err;
    return { kind: 'dataset-error', message: err.message.slice(0, 2000) };
  }
  if (committed) database.committed();
  send(PG_LOADED);
  const output = await executePostgresQuery(database.engine.reader, request.query, maxRows, !committed);
  if (output.kind === 'error' && output.code === TEMP_FILE_LIMIT_HIT) await renewReader(database.engine);
  return output;
}

/** SQLSTATE 53400, configuration_limit_exceeded: here, temp_file_limit. */
const TEMP_FILE_LIMIT_HIT = '53400';

function send(line: string): void {
  // Writes to a pipe are synchronous on Linux: the line is complete when this returns.
  process.stdout.write(`${PG_LINE_PREFIX}${line}\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
