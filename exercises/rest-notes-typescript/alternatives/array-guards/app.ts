// An alternative correct solution (held-out test): an array, type guards.
import express, { type Request, type Response, type NextFunction } from 'express';

interface Note {
  id: number;
  title: string;
  body: string;
  tags: string[];
}

type NoteInput = Omit<Note, 'id'>;

function parseNote(input: unknown): NoteInput | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'the body must be a JSON object';
  const b = input as Record<string, unknown>;
  if (typeof b.title !== 'string' || b.title.length === 0) return 'title must be a non-empty string';
  if (typeof b.body !== 'string') return 'body must be a string';
  let tags: string[] = [];
  if (b.tags !== undefined) {
    if (!Array.isArray(b.tags) || !b.tags.every((t): t is string => typeof t === 'string')) {
      return 'tags must be an array of strings';
    }
    tags = [...b.tags];
  }
  return { title: b.title, body: b.body, tags };
}

export function createApp(): express.Express {
  const app = express();
  app.use(express.json());
  const notes: Note[] = [];
  let nextId = 1;

  const indexOf = (raw: string): number =>
    /^\d+$/.test(raw) ? notes.findIndex((n) => n.id === Number(raw)) : -1;

  app.get('/notes', (req: Request, res: Response) => {
    const tag = req.query.tag;
    if (typeof tag === 'string') {
      res.json(notes.filter((n) => n.tags.includes(tag)));
      return;
    }
    res.json(notes);
  });

  app.get('/notes/:id', (req: Request<{ id: string }>, res: Response) => {
    const i = indexOf(req.params.id);
    if (i < 0) {
      res.status(404).json({ error: 'note not found' });
      return;
    }
    res.json(notes[i]);
  });

  app.post('/notes', (req: Request, res: Response) => {
    const parsed = parseNote(req.body);
    if (typeof parsed === 'string') {
      res.status(400).json({ error: parsed });
      return;
    }
    const note: Note = { id: nextId++, ...parsed };
    notes.push(note);
    res.status(201).location(`/notes/${note.id}`).json(note);
  });

  app.put('/notes/:id', (req: Request<{ id: string }>, res: Response) => {
    const i = indexOf(req.params.id);
    if (i < 0) {
      res.status(404).json({ error: 'note not found' });
      return;
    }
    const parsed = parseNote(req.body);
    if (typeof parsed === 'string') {
      res.status(400).json({ error: parsed });
      return;
    }
    notes[i] = { id: notes[i].id, ...parsed };
    res.json(notes[i]);
  });

  app.delete('/notes/:id', (req: Request<{ id: string }>, res: Response) => {
    const i = indexOf(req.params.id);
    if (i < 0) {
      res.status(404).json({ error: 'note not found' });
      return;
    }
    notes.splice(i, 1);
    res.status(204).end();
  });

  app.use((req: Request, res: Response) => {
    res.status(404).json({ error: 'no such route' });
  });
  app.use((err: { status?: number }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status ?? 500;
    res.status(status).json({ error: status === 400 ? 'invalid JSON' : 'internal error' });
  });

  return app;
}
