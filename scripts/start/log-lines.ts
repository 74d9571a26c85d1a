/** The lines `npm start` prints about its children: one per restart, crash, give-up or forced kill. */
import { formatDuration } from '../provision/progress';
import type { Ending, SupervisorEvent } from './supervisor';

function howItEnded(ending: Ending): string {
  if (ending.error) return `could not be started (${ending.error})`;
  if (ending.signal) return `was killed by ${ending.signal}`;
  return `exited with code ${ending.code}`;
}

/**
 * The log line for an event, or undefined for the routine ones (first starts and the
 * stops of a shutdown, which the children announce themselves).
 */
export function describeEvent(event: SupervisorEvent): string | undefined {
  switch (event.type) {
    case 'started':
      return event.run > 1 ? `↻ ${event.name} restarted (pid ${event.pid ?? 'none'})` : undefined;
    case 'exited':
      return `✗ ${event.name} ${howItEnded(event)} after ${formatDuration(event.uptimeMs)}; restarting in ${formatDuration(event.delayMs)}`;
    case 'gave-up':
      return (
        `✗ ${event.name} ${howItEnded(event)}: its start failed ${event.failures} times in a row, never staying up ` +
        `${formatDuration(event.startupWindowMs)}. This is a start-up failure (configuration? see the messages above), ` +
        'not a crash to retry; stopping everything'
      );
    case 'killed':
      return `✗ ${event.name} did not stop within ${formatDuration(event.graceMs)} of SIGTERM; killed`;
    case 'listening':
    case 'restart-cancelled':
    case 'stopping':
    case 'stopped':
      return undefined;
  }
}
