import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS_CHAIN_HEADER, UNRESOLVED_CLIENT, clientAddress, normaliseAddress } from './client-address';
import { installPeerAddressHeader } from './peer-address';

describe('clientAddress', () => {
  it('with no trusted proxy (next start facing clients) is the socket peer, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.9', 0)).toBe('203.0.113.9');
    expect(clientAddress('198.51.100.1, 203.0.113.9', 0)).toBe('203.0.113.9');
    expect(clientAddress('unknown, 10.0.0.3, 203.0.113.9', 0)).toBe('203.0.113.9');
  });

  it('with trusted hops reads the address the outermost trusted proxy saw, ignoring what the client wrote before it', () => {
    // client wrote "1.1.1.1", the proxy appended 203.0.113.9 (what it saw), our peer is the proxy 10.0.0.2.
    expect(clientAddress('1.1.1.1, 203.0.113.9, 10.0.0.2', 1)).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9, 10.0.0.2', 1)).toBe('203.0.113.9');
    for (let i = 0; i < 20; i++) expect(clientAddress(`198.51.100.${i}, 203.0.113.9, 10.0.0.2`, 1)).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9, 10.0.0.5, 10.0.0.2', 2)).toBe('203.0.113.9');
  });

  it('never fails open: unusable values share one bucket', () => {
    expect(clientAddress(null, 0)).toBe(UNRESOLVED_CLIENT);
    expect(clientAddress(undefined, 1)).toBe(UNRESOLVED_CLIENT);
    expect(clientAddress('', 0)).toBe(UNRESOLVED_CLIENT);
    expect(clientAddress('unknown, 10.0.0.3', 1)).toBe(UNRESOLVED_CLIENT); // the example
    expect(clientAddress('garbage-17, 10.0.0.3', 1)).toBe(UNRESOLVED_CLIENT);
    expect(clientAddress('10.0.0.2', 1)).toBe(UNRESOLVED_CLIENT); // fewer entries than hops: no proxy did its job
    expect(clientAddress(', 10.0.0.2', 1)).toBe(UNRESOLVED_CLIENT);
    expect(clientAddress('203.0.113.9:4711, 10.0.0.2', 1)).toBe(UNRESOLVED_CLIENT);
    expect(clientAddress(`${'1.1.1.1,'.repeat(600)}10.0.0.2`, 0)).toBe(UNRESOLVED_CLIENT);
    expect(clientAddress('10.0.0.2', -1)).toBe(UNRESOLVED_CLIENT);
    expect(clientAddress('10.0.0.2', 0.5)).toBe(UNRESOLVED_CLIENT);
  });
});

describe('normaliseAddress', () => {
  it('keeps IPv4 and unwraps IPv4-mapped IPv6 (next start reports ::ffff:127.0.0.1)', () => {
    expect(normaliseAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(normaliseAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseAddress('::FFFF:7f00:1')).toBe('127.0.0.1');
  });

  it('counts IPv6 by its /64, so rotating the interface id does not give a fresh bucket', () => {
    expect(normaliseAddress('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(normaliseAddress('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(normaliseAddress('[2001:0db8:0001:0002::ffff]')).toBe('2001:db8:1:2::/64');
    expect(normaliseAddress('::1')).toBe('0:0:0:0::/64');
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('refuses anything that is not an address', () => {
    for (const v of ['unknown', '', 'localhost', '1.2.3', '1.2.3.4.5', '999.1.1.1', '2001:db8::g', '::ffff:1.2.3.4:80', '_hidden']) {
      expect(normaliseAddress(v)).toBeNull();
    }
  });
});

describe('installPeerAddressHeader', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    await installPeerAddressHeader();
    await installPeerAddressHeader(); // idempotent
    server = http.createServer((req, res) => res.end(String(req.headers[ADDRESS_CHAIN_HEADER])));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const get = (headers: Record<string, string>) =>
    new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, headers }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve(body));
        })
        .on('error', reject);
    });

  it('appends the socket address to what arrived, and overwrites a chain the client sent', async () => {
    expect(await get({})).toBe('127.0.0.1');
    expect(await get({ 'X-Forwarded-For': '198.51.100.7' })).toBe('198.51.100.7, 127.0.0.1');
    expect(await get({ 'X-Forwarded-For': 'unknown, 10.0.0.3', [ADDRESS_CHAIN_HEADER]: '203.0.113.1' })).toBe('unknown, 10.0.0.3, 127.0.0.1');
    expect(clientAddress(await get({ 'X-Forwarded-For': '198.51.100.7' }), 0)).toBe('127.0.0.1');
  });
});
