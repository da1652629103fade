// @ts-check

/** Private-link pages carry a capability token in the URL: never cache them, never leak them. */
const privateLinkHeaders = [
  { key: 'Cache-Control', value: 'no-store, max-age=0' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
];

/**
 * HSTS only in production builds (browsers ignore it over plain http, e.g. `npm run demo`); two
 * years, subdomains included. The Content-Security-Policy needs a nonce per response: proxy.ts.
 */
const productionHeaders =
  process.env.NODE_ENV === 'production' ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : [];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // PGlite loads its WASM and extension bundles (btree_gist) from its own package folder at run
  // time; bundled into a route it cannot find them ("Extension bundle not found").
  serverExternalPackages: ['@electric-sql/pglite'],
  reactStrictMode: true,
  experimental: {
    // The largest form (a booking with a 1,000-character note, or a week of hours) posts a few kB;
    // 64 kB leaves ample margin and refuses anything bigger before it is parsed (default: 1 MB).
    serverActions: { bodySizeLimit: '256kb' },
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
          ...productionHeaders,
        ],
      },
      { source: '/m/:path*', headers: privateLinkHeaders },
    ];
  },
};

module.exports = nextConfig;
