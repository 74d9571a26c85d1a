import express, { type Request, type Response } from 'express';

interface Note {
  id: number;
  title: string;
  body: string;
  tags: string[];
}

export function createApp(): express.Express {
  const app = express();
  app.use(express.json());
  const notes: Note[] = [];

  app.get('/notes', (req: Request, res: Response) => {
    res.json(notes);
  });

  // TODO: GET /notes/:id, POST, PUT and DELETE, validation, ?tag=

  return app;
}
