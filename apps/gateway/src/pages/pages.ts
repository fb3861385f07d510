import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '../../../../libs/config/src/config';
import type { AppLogger } from '../../../../libs/logging/src/logger';

interface HttpRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}
interface HttpResponse {
  status(code: number): HttpResponse;
  type(type: string): HttpResponse;
  setHeader(name: string, value: string): void;
  send(body: string): void;
}

/** Where `npm run build:web` puts the citizen page (`/`) and the staff console (`/konsol/`). */
export function webDistDir(config: AppConfig): string {
  return path.join(config.rootDir, 'web', 'dist');
}

/** The explorer's assets, each from its installed npm package: nothing comes from a CDN. */
const EXPLORER_ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'application/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'application/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'dist/index.umd.js', type: 'application/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'dist/style.css', type: 'text/css' },
};

const assetCache = new Map<string, string>();

function packageAsset(pkg: string, file: string): string {
  const key = `${pkg}/${file}`;
  let text = assetCache.get(key);
  if (text === undefined) {
    text = fs.readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file), 'utf8');
    assetCache.set(key, text);
  }
  return text;
}

export const EXPLORER_HTML = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Aduan — penjelajah GraphQL</title>
<link rel="stylesheet" href="/explorer/graphiql.css">
<style>html,body,#explorer{height:100%;margin:0}</style>
</head>
<body>
<div id="explorer">Memuat penjelajah GraphQL…</div>
<script src="/explorer/react.js"></script>
<script src="/explorer/react-dom.js"></script>
<script src="/explorer/graphiql.js"></script>
<script>
  const token = sessionStorage.getItem('aduan.token');
  const fetcher = GraphiQL.createFetcher({
    url: '/graphql',
    headers: token ? { authorization: 'Bearer ' + token } : {},
  });
  ReactDOM.createRoot(document.getElementById('explorer')).render(
    React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true }),
  );
</script>
</body>
</html>`;

function wantsHtml(request: HttpRequest): boolean {
  const accept = request.headers.accept;
  return typeof accept === 'string' && accept.includes('text/html');
}

/**
 * Serves the built pages (citizen page at `/`, staff console at `/konsol/`) and, outside
 * production, the offline GraphQL explorer at `/explorer` (and at `/graphql` for a browser).
 */
export function servePages(app: NestExpressApplication, config: AppConfig, logger: AppLogger): void {
  const production = config.env === 'production';
  if (!production) {
    app.use((request: HttpRequest, response: HttpResponse, next: () => void) => {
      if (request.method !== 'GET') return next();
      const explorerPage =
        request.path === '/explorer' ||
        request.path === '/explorer/' ||
        (request.path === '/graphql' && wantsHtml(request) && request.query.query === undefined);
      if (explorerPage) {
        response.type('text/html').send(EXPLORER_HTML);
        return;
      }
      const asset = request.path.startsWith('/explorer/') ? EXPLORER_ASSETS[request.path.slice(10)] : undefined;
      if (!asset) return next();
      response.setHeader('cache-control', 'public, max-age=86400');
      response.type(asset.type).send(packageAsset(asset.pkg, asset.file));
    });
  }
  const dist = webDistDir(config);
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    logger.warn('pages are not built; run `npm run build:web`', { dist });
    app.use((request: HttpRequest, response: HttpResponse, next: () => void) => {
      if (request.method !== 'GET' || !wantsHtml(request) || request.path.startsWith('/graphql')) return next();
      response
        .status(503)
        .type('text/html')
        .send(
          '<!doctype html><meta charset="utf-8"><p>Halaman belum dibangun: jalankan <code>npm run build:web</code>.</p>',
        );
    });
    return;
  }
  app.useStaticAssets(dist, { index: 'index.html', redirect: true, maxAge: '1h' });
}
