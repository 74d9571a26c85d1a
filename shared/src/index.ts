export * from './config';
export * from './jobs';
export * from './limits';
export * from './manifest';
export * from './sandbox';
export * from './submitted-files';
export * from './verdicts';
