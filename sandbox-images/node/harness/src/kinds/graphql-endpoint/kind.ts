import type { ExerciseManifest } from '../../contracts';
import { SERVICE_PORTS } from '../../container-layout';
import { appSyntaxError } from '../../common/app-syntax';
import { parseSourceData } from '../../common/data-source/source-data';
import { startDataSource, type SourceData } from '../../common/data-source/server';
import { testResultOf } from '../../common/test-feedback';
import { graderWorkDir } from '../../common/workspace';
import type { Kind } from '../kind';
import { checkedFeedback, runCheckedTest, type CheckedOutcome } from '../rest-endpoint/checked-test';
import { REST_RUNNER } from '../rest-endpoint/student-runners';
import type { TestKit } from '../rest-endpoint/test-kit';
import { loadTestCases, type TestCases } from '../rest-endpoint/test-cases-module';
import { CHECK_LESSONS } from './feedback';
import { createGraphqlKit } from './graphql-kit';

type GraphqlEndpointManifest = Extract<ExerciseManifest, { kind: 'graphql-endpoint' }>;

interface GraphqlEndpointReady {
  manifest: GraphqlEndpointManifest;
  entryPath: string;
  cases: TestCases;
  sourceData: SourceData;
}

/**
 * Kind graphql-endpoint: the student's web app (Express with graphql-js) serves a GraphQL
 * schema over HTTP, its resolvers reading and writing through a backend the harness serves
 * (common/data-source: SOURCE_URL, every request counted, a fresh copy of the exercise's data
 * for each test). Each test starts the app afresh as rest-endpoint does; the instructor's case
 * sends queries and mutations (`t.graphql`), checks data and errors with their paths, and counts
 * what a nested query cost the backend (`t.source`): an N+1 resolver shows as one request per parent.
 */
export const graphqlEndpoint: Kind<GraphqlEndpointManifest, GraphqlEndpointReady, CheckedOutcome> = {
  name: 'graphql-endpoint',
  studentRunners: [REST_RUNNER],

  async prepare({ manifest, input, written }) {
    const entryPath = written.get(manifest.graphql.entry);
    if (entryPath === undefined) return { common: { kind: 'compile', message: `your submission has no file ${manifest.graphql.entry}` } };
    const syntaxError = await appSyntaxError(manifest.graphql.language, input.submission);
    if (syntaxError !== undefined) return { common: { kind: 'compile', message: syntaxError } };
    const cases = loadTestCases(manifest.graphql.testsFile, input.exerciseFiles, graderWorkDir('package'));
    return { ready: { manifest, entryPath, cases, sourceData: parseSourceData(manifest.graphql.sourceFile, input.exerciseFiles[manifest.graphql.sourceFile]) } };
  },

  async runTest({ manifest, entryPath, cases, sourceData }, { test }) {
    const source = await startDataSource(sourceData, manifest.graphql.sourceLatencyMs, SERVICE_PORTS.dataSource);
    try {
      return await runCheckedTest({
        testCase: cases.get(test.case),
        caseId: test.case,
        language: manifest.graphql.language,
        entryPath,
        entryName: manifest.graphql.entry,
        startupTimeMs: manifest.graphql.startupTimeMs,
        testTimeMs: manifest.limits.testTimeMs,
        memoryMb: manifest.limits.memoryMb,
        env: { SOURCE_URL: `http://127.0.0.1:${SERVICE_PORTS.dataSource}` },
        // Called as the case starts: what the app asked the backend while starting (a warm-up) is not the queries' cost.
        extendKit: (kit): TestKit => (source.resetRequests(), createGraphqlKit(kit, source, manifest.graphql.path)),
      });
    } finally {
      await source.close();
    }
  },

  resultOf: (test, outcome, durationMs) => testResultOf(test, (visibility) => checkedFeedback(outcome, visibility, test.check && CHECK_LESSONS[test.check]), durationMs),
  internal: (message) => ({ kind: 'internal', message }),
};
