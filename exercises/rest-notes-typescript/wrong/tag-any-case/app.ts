import express, { type Request, type Response } from 'express';

interface Note {
  id: number;
  title: string;
  body: string;
  tags: string[];
}

type NoteInput = Omit<Note, 'id'>;

/** The note a body describes, or why it is invalid. */
function readNote(body: unknown): NoteInput | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  const { title, body: text, tags } = body as Record<string, unknown>;
  if (typeof title !== 'string' || title === '') return 'title must be a non-empty string';
  if (typeof text !== 'string') return 'body must be a string';
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((tag): tag is string => typeof tag === 'string'))) {
    return 'tags must be an array of strings';
  }
  return { title, body: text, tags: tags ?? [] };
}

export function createApp(): express.Express {
  const app = express();
  app.use(express.json());

  const notes = new Map<number, Note>();
  let lastId = 0;
  const idOf = (req: Request): number => (/^\d+$/.test(String(req.params.id)) ? Number(req.params.id) : NaN);
  const notFound = (res: Response, req: Request): void => {
    res.status(404).json({ error: `no note ${String(req.params.id)}` });
  };

  app.get('/notes', (req: Request, res: Response) => {
    const { tag } = req.query;
    const all = [...notes.values()];
    res.json(typeof tag === 'string' ? all.filter((note) => note.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) : all);
  });

  app.get('/notes/:id', (req: Request, res: Response) => {
    const note = notes.get(idOf(req));
    if (!note) return notFound(res, req);
    res.json(note);
  });

  app.post('/notes', (req: Request, res: Response) => {
    const input = readNote(req.body);
    if (typeof input === 'string') {
      res.status(400).json({ error: input });
      return;
    }
    lastId += 1;
    const note: Note = { id: lastId, ...input };
    notes.set(note.id, note);
    res.status(201).location(`/notes/${note.id}`).json(note);
  });

  app.put('/notes/:id', (req: Request, res: Response) => {
    const existing = notes.get(idOf(req));
    if (!existing) return notFound(res, req);
    const input = readNote(req.body);
    if (typeof input === 'string') {
      res.status(400).json({ error: input });
      return;
    }
    const note: Note = { id: existing.id, ...input };
    notes.set(note.id, note);
    res.json(note);
  });

  app.delete('/notes/:id', (req: Request, res: Response) => {
    if (!notes.delete(idOf(req))) return notFound(res, req);
    res.status(204).end();
  });

  // Malformed JSON: express.json() fails before any route; answer 400 as JSON, as every error.
  app.use((err: { type?: string }, _req: Request, res: Response, next: express.NextFunction) => {
    if (err.type === 'entity.parse.failed') return void res.status(400).json({ error: 'the body is not valid JSON' });
    next(err);
  });
  return app;
}
