#!/usr/bin/env node
/**
 * Builds the pages (web/: citizen page and staff console) into web/dist with Vite, when the build is
 * missing or older than its sources; `--force` always builds. Runs after `npm ci` (postinstall), in
 * the test setup and before `npm start`, so a clean clone serves current pages. An install without
 * dev dependencies (production image) has no Vite: then it says so and leaves web/dist as it is.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const WEB = path.join(ROOT, 'web');
const BUILT = path.join(WEB, 'dist', 'index.html');
const SOURCES = [
  path.join(WEB, 'src'),
  path.join(WEB, 'index.html'),
  path.join(WEB, 'konsol'),
  path.join(WEB, 'public'),
  path.join(WEB, 'vite.config.ts'),
  path.join(ROOT, 'libs', 'domain', 'src', 'roles.ts'),
];

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(target)
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), stat.mtimeMs);
}

function upToDate() {
  if (!fs.existsSync(BUILT)) return false;
  const built = fs.statSync(BUILT).mtimeMs;
  return SOURCES.every((source) => newestMtime(source) <= built);
}

/** Builds when needed; returns the exit status (0: built, up to date, or no Vite to build with). */
function buildPages(force = false) {
  if (!force && upToDate()) return 0;
  let vite;
  try {
    // The package's exports hide its bin; its package.json is exported and sits beside it.
    vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [ROOT] })), 'bin', 'vite.js');
  } catch {
    console.log('build-web: Vite is not installed (production install?); web/dist is left as it is');
    return 0;
  }
  console.log('build-web: building the pages into web/dist');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', path.join(WEB, 'vite.config.ts'), '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  return result.status ?? 1;
}

if (require.main === module) process.exit(buildPages(process.argv.includes('--force')));
module.exports = { buildPages, upToDate };
