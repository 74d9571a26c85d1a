import { z } from 'zod';

/** The Location header of an answer that created (or queued) something. */
export const located = z.object({ Location: z.string().meta({ description: 'Where the new resource is.' }) });
