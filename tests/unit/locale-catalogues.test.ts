/** The dashboard's message catalogues (web/src/locales): every key in one is in the other, and no message is empty. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('../../web/src/locales/', import.meta.url));

type Catalogue = { [key: string]: string | Catalogue };

function keys(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`)));
}

const messages = (catalogue: Catalogue): string[] => Object.values(catalogue).flatMap((value) => (typeof value === 'string' ? [value] : messages(value)));

describe('dashboard message catalogues', () => {
  const catalogues = Object.fromEntries(
    readdirSync(DIR)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [path.basename(file, '.json'), JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Catalogue]),
  );

  it('has English and Simplified Chinese with the same keys', () => {
    expect(Object.keys(catalogues).sort()).toEqual(['en', 'zh-CN']);
    const english = keys(catalogues['en'] as Catalogue).sort();
    const chinese = keys(catalogues['zh-CN'] as Catalogue).sort();
    expect(
      chinese.filter((key) => !english.includes(key)),
      'in zh-CN only',
    ).toEqual([]);
    expect(
      english.filter((key) => !chinese.includes(key)),
      'in en only',
    ).toEqual([]);
  });

  it('leaves no message empty, and names the same placeholders in both', () => {
    for (const catalogue of Object.values(catalogues)) expect(messages(catalogue).filter((message) => message.trim() === '')).toEqual([]);
    const placeholders = (catalogue: Catalogue, key: string) => {
      const value = key.split('.').reduce<Catalogue | string>((node, part) => (node as Catalogue)[part] as Catalogue | string, catalogue) as string;
      return [...value.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    };
    for (const key of keys(catalogues['en'] as Catalogue)) {
      expect(placeholders(catalogues['zh-CN'] as Catalogue, key), key).toEqual(placeholders(catalogues['en'] as Catalogue, key));
    }
  });
});
