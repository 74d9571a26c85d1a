import express from 'express';
import { z } from 'zod';

const NoteBody = z.object({
  title: z.string().min(1),
  body: z.string(),
  tags: z.array(z.string()).optional(),
});
type Note = { id: number; title: string; body: string; tags: string[] };

const toId = (s: string): number | undefined => (/^\d+$/.test(s) ? Number(s) : undefined);

export function createApp(): express.Express {
  const app = express();
  app.use(express.json());
  let notes: ReadonlyArray<Note> = [];
  let seq = 0;

  const parse = (raw: unknown) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false as const, error: 'body must be an object' };
    const r = NoteBody.safeParse(raw);
    return r.success
      ? { ok: true as const, value: { title: r.data.title, body: r.data.body, tags: r.data.tags ?? [] } }
      : { ok: false as const, error: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  };
  const byId = (id: string) => notes.find((n) => n.id === toId(id));

  app.get('/notes', (req, res) => {
    const tag = req.query.tag;
    res.json(typeof tag === 'string' ? notes.filter((n) => n.tags.some((t) => t === tag)) : notes);
  });
  app.get('/notes/:id', (req, res) => {
    const n = byId(req.params.id);
    if (n) res.json(n); else res.status(404).json({ error: 'not found' });
  });
  app.post('/notes', (req, res) => {
    const p = parse(req.body);
    if (!p.ok) { res.status(400).json({ error: p.error }); return; }
    const note: Note = { id: ++seq, ...p.value };
    notes = [...notes, note];
    res.status(201).setHeader('Location', '/notes/' + note.id);
    res.json(note);
  });
  app.put('/notes/:id', (req, res) => {
    const existing = byId(req.params.id);
    if (!existing) { res.status(404).json({ error: 'not found' }); return; }
    const p = parse(req.body);
    if (!p.ok) { res.status(400).json({ error: p.error }); return; }
    const updated: Note = { id: existing.id, ...p.value };
    notes = notes.map((n) => (n.id === existing.id ? updated : n));
    res.json(updated);
  });
  app.delete('/notes/:id', (req, res) => {
    const existing = byId(req.params.id);
    if (!existing) { res.status(404).json({ error: 'not found' }); return; }
    notes = notes.filter((n) => n !== existing);
    res.status(204).send();
  });
  app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(400).json({ error: 'malformed JSON: ' + err.message });
  });
  return app;
}
