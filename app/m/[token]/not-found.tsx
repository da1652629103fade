import { loadPracticeOrNull } from '../../_lib/practice';
import { sharedPageMetadata } from '../../_lib/shared-page-metadata';

export const generateMetadata = sharedPageMetadata;

export default async function LinkNotFound() {
  const practice = await loadPracticeOrNull();
  return (
    <div>
      <h1 className="font-serif text-3xl font-semibold text-ink">This link isn&apos;t active</h1>
      <div className="mt-4 space-y-3 text-lg text-ink-muted">
        <p>
          Private links stop working when they&apos;re replaced with a new one, or when the consultation they belong to
          has been cancelled and closed. The address may also be incomplete: check that you copied all of it.
        </p>
        <p>
          {practice?.phone || practice?.email ? (
            <>
              Please contact {practice.name}
              {practice.phone ? (
                <>
                  {' '}
                  at{' '}
                  <a href={`tel:${practice.phone.replace(/[^\d+]/g, '')}`} className="font-medium text-accent underline underline-offset-4">
                    {practice.phone}
                  </a>
                </>
              ) : null}
              {practice.email ? (
                <>
                  {practice.phone ? ' or ' : ' at '}
                  <a href={`mailto:${practice.email}`} className="font-medium text-accent underline underline-offset-4">
                    {practice.email}
                  </a>
                </>
              ) : null}{' '}
              and we&apos;ll help.
            </>
          ) : (
            'Please contact the practice and we will help.'
          )}
        </p>
      </div>
      <a href="/" className="mt-8 inline-flex min-h-11 items-center text-accent underline underline-offset-4">
        Go to the practice page
      </a>
    </div>
  );
}
