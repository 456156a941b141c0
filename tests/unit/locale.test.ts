/** The caller's language from Accept-Language (src/graphql/locale.ts). */
import { describe, expect, it } from 'vitest';
import { localeFromHeader } from '../../src/graphql/locale.js';

describe('localeFromHeader', () => {
  it('picks Chinese when the caller prefers it, English otherwise', () => {
    expect(localeFromHeader('zh-CN')).toBe('zh-CN');
    expect(localeFromHeader('zh-Hans-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(localeFromHeader('en-GB,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(localeFromHeader('fr-FR,zh;q=0.5')).toBe('zh-CN'); // French is not phrased: the best we phrase in
    expect(localeFromHeader('de-DE')).toBe('en');
    expect(localeFromHeader(undefined)).toBe('en');
    expect(localeFromHeader('zh;q=abc, en;q=0.1')).toBe('en'); // a malformed q is skipped
  });
});
