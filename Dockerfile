# syntax=docker/dockerfile:1
#
# Dépêche API image.
#
# No Docker engine runs on the project's machines, so this file cannot be built there. .ci/run
# runs the same commands outside Docker instead: `npm ci`, `npm run build`,
# `npx prisma migrate deploy`, then `node dist/src/main.js` against DATABASE_URL. If you change
# a command here, change it there too.
#
#   docker build -t depeche .
#   docker run -e DATABASE_URL=postgresql://user:password@db-host:5432/depeche -p 4000:4000 depeche
#
# Without DATABASE_URL, the container runs the embedded PGlite database in /app/.data. Mount a
# volume there to keep the data.

# Node 24 LTS. The code also supports Node >= 20.19 (package.json "engines").
ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------------------------
# build: every dependency (TypeScript is a dev dependency), then compile src/ to dist/src/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# The package's postinstall runs `prisma generate`, which reads prisma/schema.prisma and
# prisma.config.ts, so both must be in place before `npm ci`. Copying only these files first
# lets Docker cache the install layer until the dependencies or the schema change.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund

# `npm run build` compiles src/ only (tsconfig.build.json extends tsconfig.json). The tests are
# not in the build context (.dockerignore): CI type-checks and runs them.
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---------------------------------------------------------------------------------------------
# runtime: production dependencies, the compiled code, and the files it reads at run time.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=4000
WORKDIR /app

# Production dependencies only. `prisma` (the CLI) and `@prisma/client` are regular dependencies,
# so `prisma migrate deploy` works in this image.
# --ignore-scripts skips the only install script this stage needs, the package's own
# `prisma generate`. Its output, node_modules/.prisma, is copied from the build stage instead,
# so the image runs the same generated client the code was compiled against.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force
COPY --from=build /app/node_modules/.prisma ./node_modules/.prisma

# What the server reads at run time:
#   dist/src/          compiled code (the entry point is dist/src/main.js)
#   prisma/            schema and migrations. `prisma migrate deploy` applies the migrations to
#                      PostgreSQL, and the embedded database applies the same files on start
#   prisma.config.ts   lets the Prisma CLI work offline through the pg driver adapter
#   locales/           labels and error messages for each language
#   standards/         the official ninjs 3.1 JSON Schema, which importDispatch checks items against
#   package.json       the server finds its root folder (and so the files above) by looking for it
COPY --from=build /app/dist/src ./dist/src
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY locales ./locales
COPY standards ./standards

# The code stays owned by root and read-only for the server. Only the embedded database folder
# (the default DATA_DIR, /app/.data) is writable by the non-root `node` user the server runs as.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node

EXPOSE 4000

# /health answers as soon as the process serves HTTP. /ready, which also checks the database,
# is for load balancers and orchestrators. The slim image has no curl, so this uses Node's fetch.
# start-period covers the first start of the embedded database: loading the WASM, migrating and
# seeding.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# On PostgreSQL (DATABASE_URL set), apply pending migrations and then start the server. The
# embedded database migrates itself on start, and `prisma migrate deploy` has no database to reach
# without DATABASE_URL, so that step runs only when it is set. `npx` runs the local CLI from
# node_modules/.bin and downloads nothing.
# `exec` replaces the shell with node, so node receives SIGTERM from `docker stop` directly and
# shuts down gracefully (stops accepting requests, drains them, closes the database, with a 10 s grace
# period). Docker's default stop timeout is also 10 s, so use `docker stop -t 15` (or
# `--stop-timeout 15`) to let the grace period run to its end.
CMD ["sh", "-c", "set -e; if [ -n \"${DATABASE_URL:-}\" ]; then npx prisma migrate deploy; fi; exec node dist/src/main.js"]
