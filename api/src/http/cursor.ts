import { z } from 'zod';
import { Errors } from './app-error';

/** An opaque pagination cursor: the last row's sort key, base64url JSON. */
const Cursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });
export type Cursor = z.infer<typeof Cursor>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw Errors.validation([{ path: 'cursor', message: 'not a cursor this API gave out' }]);
  }
}
