import { harnessRunner } from '../../common/student-runner';

/** Hosts the student's Express app on the test's port (and the reference's, trusted, on a socket). */
export const REST_RUNNER = harnessRunner('rest-runner.js', 'kinds/rest-endpoint/student/rest-runner.ts');
