# Production image of the worker and the gateway (one image, two commands; see docker-compose.yml).
# An external Temporal cluster is used in production, so the local Temporal binaries are not
# provisioned (npm ci --ignore-scripts skips the postinstall that fetches them).

# Node 22: the current LTS line within package.json's engines (>=20.3 <23).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY workflows ./workflows
COPY activities ./activities
COPY libs ./libs
COPY scripts ./scripts
RUN npm run build
# The pages (citizen page, staff console), built with Vite from the dev dependencies.
COPY web ./web
RUN npm run build:web

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; the TypeScript toolchain (a dependency for `npm start`) is not needed to
# run the compiled code, so it is removed, and so are npm and its cache once the install is done.
RUN npm ci --omit=dev --ignore-scripts \
  && rm -rf node_modules/typescript node_modules/ts-node node_modules/.bin/tsc node_modules/.bin/tsserver \
     node_modules/.bin/ts-node* \
  && npm cache clean --force \
  && rm -rf /usr/local/lib/node_modules/npm /usr/local/bin/npm /usr/local/bin/npx
COPY --from=build /app/dist ./dist
# The compiled code's root is dist/, so the gateway looks for the pages in dist/web/dist.
COPY --from=build /app/web/dist ./dist/web/dist
# The seed offices and SOPs, loaded into PostgreSQL by the migrate step.
COPY seeds ./seeds
USER node
# The gateway by default; the worker service overrides the command.
EXPOSE 4000
CMD ["node", "dist/apps/gateway/src/main.js"]
