import net from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

/**
 * A real SMTP server on localhost for tests (npm smtp-server), with an outage it can play:
 * - `down`: nothing listens on the port (connections are refused, as when the mail server is off);
 * - `rejecting`: it listens, takes the message, then answers 451 (a temporary failure) — each
 *   such attempt is recorded with its Message-ID and time;
 * - `up`: it accepts, and keeps every message (envelope, Message-ID, raw source).
 * The port stays the same across the phases, so SMTP_URL is set once.
 */
export type SinkPhase = 'down' | 'rejecting' | 'up';
export type Received = { messageId: string; from: string; to: string[]; raw: string; at: number };
export type Rejected = { messageId: string; at: number };

export type SmtpSink = {
  url: string;
  port: number;
  phase(): SinkPhase;
  setPhase(phase: SinkPhase): Promise<void>;
  received: Received[];
  rejected: Rejected[];
  close(): Promise<void>;
};

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function readAll(stream: SMTPServerDataStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

function messageIdOf(raw: string): string {
  const header = raw.split(/\r?\n\r?\n/)[0] ?? '';
  return /^message-id:\s*(<[^>]+>)/im.exec(header)?.[1] ?? '';
}

export async function startSmtpSink(initial: SinkPhase = 'up'): Promise<SmtpSink> {
  const port = await freePort();
  let phase: SinkPhase = 'down';
  const received: Received[] = [];
  const rejected: Rejected[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      readAll(stream).then(
        (raw) => {
          const messageId = messageIdOf(raw);
          if (phase !== 'up') {
            rejected.push({ messageId, at: Date.now() });
            const err = new Error('4.3.0 Try again later') as Error & { responseCode: number };
            err.responseCode = 451;
            callback(err);
            return;
          }
          received.push({
            messageId,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            at: Date.now(),
          });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  server.on('error', () => {});
  let listening = false;

  const setPhase = async (next: SinkPhase) => {
    phase = next;
    if (next === 'down' && listening) {
      // Stop listening; connections already open are cut (a server going away).
      await new Promise<void>((resolve) => server.close(() => resolve()));
      listening = false;
    } else if (next !== 'down' && !listening) {
      await new Promise<void>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
      listening = true;
    }
  };
  await setPhase(initial);

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    phase: () => phase,
    setPhase,
    received,
    rejected,
    close: async () => {
      if (listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      listening = false;
    },
  };
}
