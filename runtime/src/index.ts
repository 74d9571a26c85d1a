export * from './config';
export * from './logger';
export * from './redis';
export * from './bundle-hash';
export * from './process-lifecycle';
export * from './retry-policy';
export * from './grader-errors';
