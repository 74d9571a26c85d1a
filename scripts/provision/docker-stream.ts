import type Docker from 'dockerode';

/**
 * The Docker engine answers builds, imports and pulls with a stream of JSON messages:
 * text to show ({"stream": ...}, {"status": ...}), and at most one error ({"error": ...}).
 */

export interface DockerMessage {
  stream?: string;
  status?: string;
  progress?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

export interface StreamSummary {
  /** Human-readable output, in order. */
  output: string;
  /** The engine's error message, if it reported one. */
  error?: string;
  /** Image id from an {"aux": {"ID": ...}} message (builds) or a sha256 status (imports). */
  imageId?: string;
}

export function summarize(messages: readonly DockerMessage[]): StreamSummary {
  const summary: StreamSummary = { output: '' };
  for (const m of messages) {
    if (m.stream) summary.output += m.stream;
    // Per-layer download progress lines are noise in a log tail.
    else if (m.status && !m.progress) summary.output += `${m.id ? `${m.id}: ` : ''}${m.status}\n`;
    if (m.error || m.errorDetail?.message) {
      summary.error ??= (m.errorDetail?.message ?? m.error ?? '').trim();
      summary.output += `${summary.error}\n`;
    }
    if (m.aux?.ID) summary.imageId = m.aux.ID;
    else if (m.status && /^sha256:[0-9a-f]{64}$/.test(m.status)) summary.imageId = m.status;
  }
  return summary;
}

/**
 * Reads a whole message stream from the engine (dockerode's modem splits it into messages).
 * Rejects only when the connection fails: the engine's own error is in the summary.
 */
export function readMessages(modem: Docker['modem'], stream: NodeJS.ReadableStream): Promise<StreamSummary> {
  return new Promise((resolve, reject) => {
    modem.followProgress(stream, (err: Error | null, messages: DockerMessage[]) => (err ? reject(err) : resolve(summarize(messages))));
  });
}
