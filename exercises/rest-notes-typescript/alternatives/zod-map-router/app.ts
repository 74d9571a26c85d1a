// An alternative correct solution (held-out test): zod, a Map, an express.Router.
import express, { Router, type Request, type Response, type NextFunction } from 'express';
import { z } from 'zod';

const NoteBody = z.object({
  title: z.string().min(1),
  body: z.string(),
  tags: z.array(z.string()).optional(),
});

interface Note {
  readonly id: number;
  title: string;
  body: string;
  tags: string[];
}

class BadRequest extends Error { readonly status = 400; }
class NotFound extends Error { readonly status = 404; }

class NoteStore {
  private readonly notes = new Map<number, Note>();
  private counter = 0;

  list(tag?: string): Note[] {
    const all = [...this.notes.values()].sort((a, b) => a.id - b.id);
    return tag === undefined ? all : all.filter((n) => n.tags.some((t) => t === tag));
  }
  get(rawId: string): Note {
    const id = /^[0-9]+$/.test(rawId) ? Number.parseInt(rawId, 10) : NaN;
    const note = this.notes.get(id);
    if (!note) throw new NotFound(`malformed or unknown note id "${rawId}"`);
    return note;
  }
  create(input: z.infer<typeof NoteBody>): Note {
    const note: Note = { id: ++this.counter, title: input.title, body: input.body, tags: input.tags ?? [] };
    this.notes.set(note.id, note);
    return note;
  }
  replace(id: number, input: z.infer<typeof NoteBody>): Note {
    const note: Note = { id, title: input.title, body: input.body, tags: input.tags ?? [] };
    this.notes.set(id, note);
    return note;
  }
  remove(id: number): void {
    this.notes.delete(id);
  }
}

function validate(body: unknown): z.infer<typeof NoteBody> {
  const result = NoteBody.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new BadRequest(`syntax error near "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid note'}`);
  }
  return result.data;
}

export function createApp(): express.Express {
  const store = new NoteStore();
  const router = Router();

  router.get('/', (req: Request, res: Response) => {
    const { tag } = req.query;
    res.status(200).json(store.list(typeof tag === 'string' ? tag : undefined));
  });
  router.get('/:id', (req: Request<{ id: string }>, res: Response) => {
    res.json(store.get(req.params.id));
  });
  router.post('/', (req: Request, res: Response) => {
    const note = store.create(validate(req.body));
    res.status(201).setHeader('Location', '/notes/' + String(note.id));
    res.json(note);
  });
  router.put('/:id', (req: Request<{ id: string }>, res: Response) => {
    // validate first: an invalid body is a 400 even for a missing note
    const input = validate(req.body);
    const existing = store.get(req.params.id);
    res.json(store.replace(existing.id, input));
  });
  router.delete('/:id', (req: Request<{ id: string }>, res: Response) => {
    store.remove(store.get(req.params.id).id);
    res.sendStatus(204);
  });

  const app = express();
  app.use(express.json({ strict: false }));
  app.use('/notes', router);
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof BadRequest || err instanceof NotFound) {
      res.status(err.status).json({ error: err.message });
      return;
    }
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    res.status(status).json({ error: status === 400 ? 'malformed JSON' : 'internal error' });
  });
  return app;
}
