/**
 * The language a caller reads: what the API phrases for people (the reasons behind a lookalike
 * member, a churn risk, a recommendation) follows the request's Accept-Language, English unless
 * the caller prefers Chinese. Codes, enums, ids and error messages stay as they are: clients
 * branch on those (the dashboard translates error codes itself).
 */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The caller's locale from an Accept-Language header (RFC 9110 §12.5.4): the language with the
 * highest q among those we phrase in (zh, zh-CN, zh-Hans… read as zh-CN); English otherwise.
 */
export function localeFromHeader(header: string | undefined): Locale {
  let best: { locale: Locale; q: number } = { locale: 'en', q: 0 };
  for (const part of (header ?? '').split(',')) {
    const [tag = '', ...parameters] = part.trim().toLowerCase().split(';');
    const qParameter = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('q='));
    const q = qParameter ? Number(qParameter.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= best.q) continue;
    if (tag === 'zh' || tag.startsWith('zh-')) best = { locale: 'zh-CN', q };
    else if (tag === 'en' || tag.startsWith('en-') || tag === '*') best = { locale: 'en', q };
  }
  return best.locale;
}
