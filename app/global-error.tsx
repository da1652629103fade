'use client';

/**
 * Shown only when the root layout itself fails. It replaces the whole document, so it carries
 * its own minimal styles and never shows error details.
 */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body style={{ margin: 0, fontFamily: 'system-ui, sans-serif', background: '#f8f6f2', color: '#1e2629' }}>
        <title>Something went wrong</title>
        <main style={{ maxWidth: '36rem', margin: '0 auto', padding: '4rem 1.25rem', lineHeight: 1.6 }}>
          <h1 style={{ fontSize: '1.75rem', fontFamily: 'Georgia, serif' }}>Sorry, something went wrong on our side</h1>
          <p>Nothing you entered was shared. Please try again in a moment, or call the practice.</p>
          <button
            type="button"
            onClick={() => retry()}
            style={{ marginTop: '1rem', padding: '0.75rem 1.25rem', borderRadius: '0.5rem', border: 0, background: '#2d5a53', color: '#fff', fontSize: '1rem', cursor: 'pointer' }}
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
