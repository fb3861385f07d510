/**
 * `npm run migrate`: creates the database named in DATABASE_URL if missing and applies pending
 * migrations. `npm run migrate -- --revert` undoes the last applied one.
 */
import 'reflect-metadata';
import { loadConfig } from '../../config/src/config';
import { revertLastMigration, runMigrations } from './data-source';
import { ensureDatabase } from './database';

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function main(argv: string[]): Promise<void> {
  const revert = argv.includes('--revert');
  const unknown = argv.filter((arg) => arg !== '--revert');
  if (unknown.length > 0) throw new Error(`unknown argument(s): ${unknown.join(' ')} (usage: migrate [--revert])`);
  const { database } = loadConfig();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Database: ${redact(database.url)}`);
  if (!revert) {
    try {
      if (await ensureDatabase(database.url)) out('Created the database.');
    } catch (error) {
      // The server may forbid CREATE DATABASE or connecting to `postgres`; the migration will tell.
      out(`Could not check/create the database (${error instanceof Error ? error.message : String(error)}).`);
    }
    const applied = await runMigrations(database.url);
    if (applied.length === 0) out('No pending migrations.');
    for (const name of applied) out(`Applied ${name}`);
    return;
  }
  const reverted = await revertLastMigration(database.url);
  out(reverted ? `Reverted ${reverted}` : 'No applied migration to revert.');
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`migrate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
