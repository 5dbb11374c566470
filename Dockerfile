# syntax=docker/dockerfile:1
# One image for every role: ROLE=web (HTTP, sockets, relay), ROLE=worker (BullMQ), ROLE=all.
# Two stages: `build` installs every dependency (vite is a dev dependency) and builds the console;
# `runtime` installs the production dependencies only and takes the built console from `build`.
# `npm test` checks this file statically (scripts/checkDockerfile.ts), as CI has no Docker engine.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY shared ./shared
COPY server ./server
COPY workers ./workers
COPY simulator ./simulator
COPY --from=build /app/dist/client ./dist/client
# The process runs as `node`, so DATA_DIR (VAPID keys, evidence, uploads) must be a folder it owns;
# a named volume mounted on /data takes this ownership.
RUN mkdir -p /data && chown node:node /data
ENV DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 3000
USER node
# Node itself with tsx as a loader (a runtime dependency): one process, which gets SIGTERM and drains.
CMD ["node", "--import", "tsx", "server/main.ts"]
