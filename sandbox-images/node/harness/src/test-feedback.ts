import type { TestStatus, Verdict } from './contracts';

/** What every kind's feedback says of one test, before points and visibility are added. */
export interface TestFeedback {
  status: TestStatus;
  verdict: Verdict;
  message: string;
  /** Short renderings for visible tests only. */
  expected?: string;
  actual?: string;
}
