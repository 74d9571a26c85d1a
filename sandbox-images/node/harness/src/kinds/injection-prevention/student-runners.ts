import { harnessRunner } from '../../common/student-runner';

/** Calls the student's data-access functions on the test's database. */
export const INJECTION_RUNNER = harnessRunner('injection-runner.js', 'kinds/injection-prevention/student/injection-runner.ts');
