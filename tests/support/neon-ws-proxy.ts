import net from 'node:net';
import { WebSocketServer } from 'ws';

/**
 * The Neon driver speaks Postgres over WebSocket. In tests it talks to the local PostgreSQL
 * server through this small WebSocket→TCP proxy (the same job Neon's edge proxy does).
 * Only the allowed address may be reached.
 */
export async function startNeonWsProxy(allowed: { host: string; port: number }): Promise<{ address: string; close(): Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  server.on('connection', (socket, request) => {
    const target = new URL(request.url ?? '/', 'http://proxy').searchParams.get('address') ?? '';
    const [host, port] = target.split(':');
    const allowedHost = host === allowed.host || (host === 'localhost' && allowed.host === '127.0.0.1');
    if (!allowedHost || Number(port) !== allowed.port) {
      socket.close(1008, 'address not allowed');
      return;
    }
    const tcp = net.connect({ host: allowed.host, port: allowed.port });
    const pending: Buffer[] = [];
    tcp.on('connect', () => pending.splice(0).forEach((chunk) => tcp.write(chunk)));
    socket.on('message', (data: Buffer) => (tcp.connecting ? pending.push(data) : tcp.write(data)));
    tcp.on('data', (chunk) => socket.readyState === socket.OPEN && socket.send(chunk));
    socket.on('close', () => tcp.end());
    tcp.on('close', () => socket.close());
    tcp.on('error', () => socket.close());
    socket.on('error', () => tcp.destroy());
  });
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
