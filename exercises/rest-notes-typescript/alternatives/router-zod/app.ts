// An alternative: a Router, a zod schema for the body, a class for the store, an error type carrying its status.
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';

const NoteBody = z.object({
  title: z.string().min(1),
  body: z.string(),
  tags: z.array(z.string()).default([]),
});
type Note = z.infer<typeof NoteBody> & { id: number };

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

class NoteStore {
  private readonly notes = new Map<number, Note>();
  private next = 1;

  list(tag?: string): Note[] {
    return [...this.notes.values()].filter((n) => tag === undefined || n.tags.includes(tag));
  }
  get(id: string): Note {
    const note = /^\d+$/.test(id) ? this.notes.get(Number(id)) : undefined;
    if (!note) throw new HttpError(404, `note ${id} not found`);
    return note;
  }
  add(data: z.infer<typeof NoteBody>): Note {
    const note = { id: this.next++, ...data };
    this.notes.set(note.id, note);
    return note;
  }
  replace(id: string, data: z.infer<typeof NoteBody>): Note {
    const note = { id: this.get(id).id, ...data };
    this.notes.set(note.id, note);
    return note;
  }
  remove(id: string): void {
    this.notes.delete(this.get(id).id);
  }
}

function parseBody(body: unknown): z.infer<typeof NoteBody> {
  const parsed = NoteBody.safeParse(body);
  if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

function notesRouter(store: NoteStore): Router {
  const router = Router();
  router.get('/', (req, res) => {
    res.json(store.list(typeof req.query.tag === 'string' ? req.query.tag : undefined));
  });
  router.get('/:id', (req, res) => {
    res.json(store.get(req.params.id));
  });
  router.post('/', (req, res) => {
    const note = store.add(parseBody(req.body));
    res.status(201).setHeader('Location', `/notes/${note.id}`);
    res.json(note);
  });
  router.put('/:id', (req, res) => {
    const existing = store.get(req.params.id);
    res.json(store.replace(String(existing.id), parseBody(req.body)));
  });
  router.delete('/:id', (req, res) => {
    store.remove(req.params.id);
    res.sendStatus(204);
  });
  return router;
}

export const createApp = () => {
  const app = express();
  app.use(express.json());
  app.use('/notes', notesRouter(new NoteStore()));
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof HttpError) return void res.status(err.status).json({ error: err.message });
    // Malformed JSON: express.json() fails before any route; answer 400 as JSON, as every error.
    if ((err as { type?: string }).type === 'entity.parse.failed') return void res.status(400).json({ error: 'the body is not valid JSON' });
    next(err);
  });
  return app;
};
