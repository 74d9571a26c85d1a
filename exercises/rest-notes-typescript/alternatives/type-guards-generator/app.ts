// An alternative: type guards instead of a schema library, ids from a generator, the notes in a
// class of its own, and routes chained with app.route().
import express, { type Request, type Response } from 'express';

interface NoteInput {
  title: string;
  body: string;
  tags?: string[];
}

interface Note {
  id: number;
  title: string;
  body: string;
  tags: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isNoteInput(value: unknown): value is NoteInput {
  if (!isRecord(value)) return false;
  return typeof value.title === 'string' && value.title !== '' && typeof value.body === 'string' && (value.tags === undefined || isStringArray(value.tags));
}

function* counting(from: number): Generator<number, never, void> {
  for (let n = from; ; n += 1) yield n;
}

class Notebook {
  private readonly notes: Note[] = [];
  private readonly ids = counting(1);

  all(tag: string | undefined): Note[] {
    return tag === undefined ? [...this.notes] : this.notes.filter((note) => note.tags.includes(tag));
  }

  find(id: string): Note | undefined {
    return this.notes.find((note) => String(note.id) === id);
  }

  add(input: NoteInput): Note {
    const note: Note = { id: this.ids.next().value, title: input.title, body: input.body, tags: input.tags ?? [] };
    this.notes.push(note);
    return note;
  }

  replace(existing: Note, input: NoteInput): Note {
    const note: Note = { id: existing.id, title: input.title, body: input.body, tags: input.tags ?? [] };
    this.notes[this.notes.indexOf(existing)] = note;
    return note;
  }

  remove(existing: Note): void {
    this.notes.splice(this.notes.indexOf(existing), 1);
  }
}

const INVALID = 'a note needs a non-empty title, a string body and, if any, tags as an array of strings';

export function createApp(): express.Express {
  const app = express();
  app.use(express.json());
  const notebook = new Notebook();

  const missing = (req: Request, res: Response): void => {
    res.status(404).json({ error: `note ${String(req.params.id)} does not exist` });
  };

  app
    .route('/notes')
    .get((req: Request, res: Response) => {
      const tag = typeof req.query.tag === 'string' ? req.query.tag : undefined;
      res.json(notebook.all(tag));
    })
    .post((req: Request, res: Response) => {
      const input: unknown = req.body;
      if (!isNoteInput(input)) {
        res.status(400).json({ error: INVALID });
        return;
      }
      const note = notebook.add(input);
      res.status(201).location(`/notes/${note.id}`).json(note);
    });

  app
    .route('/notes/:id')
    .get((req: Request, res: Response) => {
      const note = notebook.find(String(req.params.id));
      if (note) res.json(note);
      else missing(req, res);
    })
    .put((req: Request, res: Response) => {
      const input: unknown = req.body;
      if (!isNoteInput(input)) {
        res.status(400).json({ error: INVALID });
        return;
      }
      const note = notebook.find(String(req.params.id));
      if (!note) return missing(req, res);
      res.json(notebook.replace(note, input));
    })
    .delete((req: Request, res: Response) => {
      const note = notebook.find(String(req.params.id));
      if (!note) return missing(req, res);
      notebook.remove(note);
      res.status(204).end();
    });

  // Malformed JSON: express.json() fails before any route; answer 400 as JSON, as every error.
  app.use((err: { type?: string }, _req: Request, res: Response, next: express.NextFunction) => {
    if (err.type === 'entity.parse.failed') return void res.status(400).json({ error: 'the body is not valid JSON' });
    next(err);
  });
  return app;
}
