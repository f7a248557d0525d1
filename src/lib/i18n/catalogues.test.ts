import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, type Token } from '@messageformat/parser';
import { describe, expect, it, onTestFinished } from 'vitest';
import { compileCatalogue } from '../../../scripts/compiled-messages';
import { LOCALES, SOURCE_LOCALE, type Locale } from './locale';

// Every catalogue file as it is on disk, by its path: src/locales/<language>/<area>.json.
const localesDir = path.join(import.meta.dirname, '../../locales');
const files = Object.fromEntries(
  fs.readdirSync(localesDir).flatMap((locale) =>
    fs
      .readdirSync(path.join(localesDir, locale))
      .filter((name) => name.endsWith('.json'))
      .map((name) => {
        const file = path.join(localesDir, locale, name);
        return [file, JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>] as const;
      }),
  ),
);

function catalogueOf(locale: Locale) {
  const messages = new Map<string, string>();
  for (const [file, catalogue] of Object.entries(files)) {
    if (file.split('/').at(-2) !== locale) continue;
    for (const [id, message] of Object.entries(catalogue)) messages.set(id, message);
  }
  return messages;
}

/** What a translation must keep: the placeholders (with their kind), the markup tags of RichMessage. */
function shapeOf(message: string) {
  const placeholders = new Set<string>();
  const tags = new Set<string>();
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'content') for (const tag of token.value.match(/<\/?\d+\/?>/g) ?? []) tags.add(tag);
      else if (token.type === 'argument') placeholders.add(token.arg);
      else if (token.type === 'function') placeholders.add(`${token.arg}, ${token.key}`);
      else if (token.type !== 'octothorpe') {
        placeholders.add(`${token.arg}, ${token.type}`);
        for (const choice of token.cases) visit(choice.tokens);
      }
    }
  };
  visit(parse(message));
  return { placeholders: [...placeholders].sort(), tags: [...tags].sort() };
}

/** Plural categories a message lacks for `locale` (German needs "one" and "other", whatever English has). */
function missingPluralForms(message: string, locale: Locale) {
  const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const missing: string[] = [];
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type !== 'plural' && token.type !== 'select' && token.type !== 'selectordinal') continue;
      if (token.type === 'plural') {
        const keys = token.cases.map((choice) => choice.key);
        for (const category of needed) if (!keys.includes(category)) missing.push(`${token.arg}: ${category}`);
      }
      for (const choice of token.cases) visit(choice.tokens);
    }
  };
  visit(parse(message, { cardinal: ['zero', 'one', 'two', 'few', 'many', 'other'] }));
  return missing;
}

const source = catalogueOf(SOURCE_LOCALE);

describe('the catalogues', () => {
  it('has English messages to translate', () => {
    expect(source.size).toBeGreaterThan(0);
  });

  describe.each(LOCALES.filter((locale) => locale !== SOURCE_LOCALE))('%s', (locale) => {
    const translation = catalogueOf(locale);

    it('translates every English message, and nothing else', () => {
      expect([...translation.keys()].sort()).toEqual([...source.keys()].sort());
    });

    it('keeps the placeholders and markup of every English message', () => {
      for (const [id, english] of source) {
        const translated = translation.get(id);
        if (translated === undefined) continue;
        expect({ id, ...shapeOf(translated) }).toEqual({ id, ...shapeOf(english) });
      }
    });

    it('leaves no message empty', () => {
      for (const [id, translated] of translation) expect({ id, translated: translated.trim() !== '' }).toEqual({ id, translated: true });
    });
  });

  describe.each(LOCALES)('%s plurals', (locale) => {
    it("has every plural form the language's rules ask for", () => {
      for (const [id, message] of catalogueOf(locale)) expect({ id, missing: missingPluralForms(message, locale) }).toEqual({ id, missing: [] });
    });
  });

  it('keeps each message id in one file per language, the same file in each', () => {
    const fileOf = (locale: Locale) =>
      new Map(
        Object.entries(files)
          .filter(([file]) => file.split('/').at(-2) === locale)
          .flatMap(([file, catalogue]) => Object.keys(catalogue).map((id) => [id, file.split('/').at(-1)] as const)),
      );
    const sourceFiles = fileOf(SOURCE_LOCALE);
    for (const locale of LOCALES) {
      for (const [id, file] of fileOf(locale)) expect({ id, file }).toEqual({ id, file: sourceFiles.get(id) });
    }
  });
});

describe('compiling a catalogue for the browser', () => {
  it.each(LOCALES)('compiles every %s message', (locale) => {
    const { messages } = compileCatalogue(localesDir, locale);
    expect(Object.keys(messages).sort()).toEqual([...catalogueOf(locale).keys()].sort());
  });

  function catalogueDir(files: Record<string, Record<string, string>>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-catalogue-'));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.mkdirSync(path.join(dir, 'en'));
    for (const [name, catalogue] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'en', name), JSON.stringify(catalogue));
    return dir;
  }

  it('refuses a message that is not ICU MessageFormat', () => {
    const dir = catalogueDir({ 'a.json': { 'a.broken': '{count, plural, one {# thing}' } });
    expect(() => compileCatalogue(dir, 'en')).toThrow(/a\.broken.*not valid ICU MessageFormat/);
  });

  it('refuses an id that two files of a language define', () => {
    const dir = catalogueDir({ 'a.json': { 'same.id': 'A' }, 'b.json': { 'same.id': 'B' } });
    expect(() => compileCatalogue(dir, 'en')).toThrow(/"same\.id" is already defined/);
  });
});
