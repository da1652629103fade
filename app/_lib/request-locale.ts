import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { localeFromAcceptLanguage } from '@/lib/i18n/locale';

/** The locale server-rendered dates and times use: the request's Accept-Language, validated (lib/i18n/locale.ts). */
export const getRequestLocale = cache(async (): Promise<string> => localeFromAcceptLanguage((await headers()).get('accept-language')));
