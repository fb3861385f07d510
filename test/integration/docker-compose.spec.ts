/**
 * docker-compose.yml cannot run here (no Docker engine), so this keeps it consistent with the code:
 * the same env variables as config.ts reads, the same ports, task queue and search attributes.
 */
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

/** Compose's `${NAME:-default}` interpolation, with `given` standing in for the operator's .env. */
function interpolate(env: Record<string, string>, given: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [
      key,
      value.replace(
        /\$\{(\w+)(?::-([^}]*))?\}/g,
        (_match, name: string, fallback?: string) => given[name] ?? fallback ?? '',
      ),
    ]),
  );
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
      ['gateway', 'postgresql', 'temporal', 'temporal-search-attributes', 'temporal-ui', 'worker'].sort(),
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
      const config = loadConfig(interpolate(environmentOf(service), { JWT_SECRET: 'from-dot-env' }));
      expect(config.env).toBe('production');
      expect(config.temporal.address).toBe('temporal:7233');
      expect(config.temporal.taskQueue).toBe(TASK_QUEUES.complaints);
      const database = new URL(config.database.url);
      expect(database.hostname).toBe('postgresql');
      expect(database.pathname).toBe(`/${compose.services.postgresql.environment?.POSTGRES_DB}`);
      expect(compose.services[service].depends_on?.postgresql?.condition).toBe('service_healthy');
      expect(compose.services[service].depends_on?.temporal?.condition).toBe('service_healthy');
    }
    expect(compose.services.temporal.environment?.POSTGRES_SEEDS).toBe('postgresql');
    expect(compose.services['temporal-ui'].environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('publishes the gateway on the port its configuration listens on', () => {
    const config = loadConfig(interpolate(environmentOf('gateway'), { JWT_SECRET: 'from-dot-env' }));
    expect(config.gateway.host).toBe('0.0.0.0');
    expect(compose.services.gateway.ports).toContain(`${config.gateway.port}:${config.gateway.port}`);
    const probe = ([] as string[]).concat(compose.services.gateway.healthcheck?.test ?? []).join(' ');
    expect(probe).toContain(`:${config.gateway.port}/health/ready`);
  });

  it('registers exactly the search attributes the code defines', () => {
    const job = compose.services['temporal-search-attributes'];
    expect(job.depends_on?.temporal?.condition).toBe('service_healthy');
    expect(compose.services.worker.depends_on?.['temporal-search-attributes']?.condition).toBe(
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
    expect(dockerfile).toMatch(/^FROM node:20/m);
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
});
