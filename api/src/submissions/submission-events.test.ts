import type { Submission } from '../store/submission-store';
import { SubmissionEvents } from './submission-events';

const submission = (id: string, status: Submission['status']) => ({ id, status }) as Submission;

describe('the submission event bus', () => {
  it('delivers a change to the subscribers of that submission only, until they unsubscribe', () => {
    const bus = new SubmissionEvents();
    const seen: string[] = [];
    const stop = bus.subscribe('a', (s) => seen.push(`a:${s.status}`));
    bus.subscribe('b', (s) => seen.push(`b:${s.status}`));
    bus.publish(submission('a', 'running'));
    bus.publish(submission('b', 'graded'));
    stop();
    bus.publish(submission('a', 'graded'));
    expect(seen).toEqual(['a:running', 'b:graded']);
    expect(bus.listenerCount('a')).toBe(0);
  });

  it('keeps delivering to the others when one subscriber throws', () => {
    const bus = new SubmissionEvents();
    const seen: string[] = [];
    bus.subscribe('a', () => {
      throw new Error('socket gone');
    });
    bus.subscribe('a', (s) => seen.push(s.status));
    expect(() => bus.publish(submission('a', 'running'))).not.toThrow();
    expect(seen).toEqual(['running']);
  });

  it('tells every stream when the process stops, and anyone who asks afterwards at once', async () => {
    const bus = new SubmissionEvents();
    const told: string[] = [];
    bus.onClosing(() => told.push('before'));
    bus.close();
    bus.onClosing(() => told.push('after'));
    await Promise.resolve();
    expect(told).toEqual(['before', 'after']);
  });
});
