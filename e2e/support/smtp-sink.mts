/**
 * A real SMTP server for the e2e run: `tsx e2e/support/smtp-sink.mts PORT`. The app servers under
 * test send to it (SMTP_URL=smtp://127.0.0.1:PORT, set in playwright.config.ts) through nodemailer's
 * pooled transport, exactly as they would send to a provider. Every message it accepts is written
 * raw to `e2eMailDir(PORT)` (emptied at start: one folder per run), as `<n>.eml` with its SMTP
 * envelope beside it (`<n>.json`), each renamed into place when complete, so a reader never sees
 * half a message. e2e/support/mailbox.ts reads and parses them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { e2eMailDir } from './e2e-env.ts';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) throw new Error('usage: smtp-sink.mts PORT');

const dir = e2eMailDir(port);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

let count = 0;
const server = new SMTPServer({
  // Plain SMTP on localhost, no sign-in: nodemailer's smtp:// URL without credentials.
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  banner: 'Haven e2e sink',
  size: 10 * 1024 * 1024,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', callback);
    stream.on('end', () => {
      try {
        count += 1;
        const name = `${String(Date.now()).padStart(14, '0')}-${String(count).padStart(6, '0')}`;
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          receivedAt: new Date().toISOString(),
        };
        fs.writeFileSync(path.join(dir, `${name}.json.part`), JSON.stringify(envelope));
        fs.writeFileSync(path.join(dir, `${name}.eml.part`), Buffer.concat(chunks));
        fs.renameSync(path.join(dir, `${name}.json.part`), path.join(dir, `${name}.json`));
        fs.renameSync(path.join(dir, `${name}.eml.part`), path.join(dir, `${name}.eml`));
        callback();
      } catch (err) {
        callback(err as Error);
      }
    });
  },
});
server.on('error', (err) => console.error(`[smtp-sink] ${err.message}`));
server.listen(port, '127.0.0.1', () => console.log(`[smtp-sink] listening on 127.0.0.1:${port}, writing to ${dir}`));

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
