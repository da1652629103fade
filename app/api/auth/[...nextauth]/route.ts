import NextAuth from 'next-auth';
import { refuseInvalidCallbackUrl } from '@/lib/auth/callback-url-guard';
import { authOptions } from '@/lib/auth/options';

const handler = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function guarded(request: Request, context: RouteContext) {
  return refuseInvalidCallbackUrl(request) ?? handler(request, context);
}

export { guarded as GET, guarded as POST };
export const dynamic = 'force-dynamic';
