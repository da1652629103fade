import { getStaffActor } from '@/lib/auth/session';
import { AppError, isUuid } from '@/lib/errors';
import { getIntakeResponseDownload } from '@/lib/intake/review';

export const dynamic = 'force-dynamic';

const notFound = () =>
  new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

/**
 * A sent intake as a FHIR R4 QuestionnaireResponse (JSON), as a download: the staff session's
 * actor and the data layer's check (the booking's own clinician; audited 'intake.downloaded').
 * Anyone else, and anything not sent, gets the same 404. The address holds the intake's id only;
 * the file is named by the booking's reference — never a name or an answer.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getStaffActor();
  if (!actor || !isUuid(id)) return notFound();
  try {
    const download = await getIntakeResponseDownload({ actor, intakeId: id });
    return new Response(download.body, {
      status: 200,
      headers: {
        'Content-Type': 'application/fhir+json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${download.filename}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return notFound();
    throw error;
  }
}
