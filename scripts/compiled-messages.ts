import fs from 'node:fs';
import path from 'node:path';
import { compileMessageOrThrow, type CompiledMessage } from '@lingui/message-utils/compileMessage';
import type { Plugin } from 'vite';

/** `import messages from 'virtual:rollcall-messages/de'`: every src/locales/de/*.json, compiled for Lingui. */
export const MESSAGES_MODULE_PREFIX = 'virtual:rollcall-messages/';
const RESOLVED_PREFIX = `\0${MESSAGES_MODULE_PREFIX}`;

/**
 * Reads one language's catalogue files (ICU MessageFormat, Lingui's "minimal" JSON: `{ "id": "message" }`) and
 * compiles every message, so the browser gets Lingui's compiled form and never ships the ICU parser. A message that
 * does not parse, or an id that two files both define, fails the build.
 */
export function compileCatalogue(localesDir: string, locale: string): { messages: Record<string, CompiledMessage>; files: string[] } {
  const dir = path.join(localesDir, locale);
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => path.join(dir, name));
  const messages: Record<string, CompiledMessage> = {};
  const definedIn = new Map<string, string>();
  for (const file of files) {
    const catalogue = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const [id, message] of Object.entries(catalogue)) {
      if (typeof message !== 'string') throw new Error(`${file}: the message "${id}" is not a string`);
      const other = definedIn.get(id);
      if (other) throw new Error(`${file}: the message id "${id}" is already defined in ${other}`);
      definedIn.set(id, file);
      try {
        messages[id] = compileMessageOrThrow(message);
      } catch (error) {
        throw new Error(`${file}: the message "${id}" is not valid ICU MessageFormat: ${String(error)}`, { cause: error });
      }
    }
  }
  return { messages, files };
}

export function compiledMessages(localesDir: string): Plugin {
  return {
    name: 'rollcall-compiled-messages',
    resolveId(id) {
      return id.startsWith(MESSAGES_MODULE_PREFIX) ? `\0${id}` : undefined;
    },
    load(id) {
      if (!id.startsWith(RESOLVED_PREFIX)) return undefined;
      const locale = id.slice(RESOLVED_PREFIX.length);
      if (!/^[a-z]{2}(-[A-Z]{2})?$/.test(locale)) throw new Error(`No catalogue for "${locale}"`);
      const { messages, files } = compileCatalogue(localesDir, locale);
      // Editing a catalogue file reloads the language in development.
      for (const file of files) this.addWatchFile(file);
      // JSON.parse of a string literal is quicker for the browser than the same object as a JS literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(messages))});`;
    },
  };
}
