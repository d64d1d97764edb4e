# syntax=docker/dockerfile:1
# aios-lovable-mcp: the API (`serve`, the default command) and the worker (`worker`) in one image.
#   docker build -t aios-lovable-mcp .
#   docker run -p 3000:3000 --env-file .env aios-lovable-mcp
# Node is pinned by major: 22 is the LTS line the service is tested on (it also runs on 20.19+).

# --- Build: the TypeScript compiler and the other dev dependencies live only here. ---
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No dependency needs an install script to build; refusing them keeps the build reproducible.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- Runtime: production dependencies and the compiled output, run as a non-root user. ---
FROM node:22-slim AS runtime
# glibc malloc: two arenas, not eight per core (agent threads and zlib took their own), and blocks
# of 64 kB or more mapped alone and given back when freed: fewer arenas left behind by more threads
# (the bench's 3,000 jobs no longer show a gain: docs/DEPLOYMENT.md, "Key metrics to monitor").
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data \
    MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=65536
WORKDIR /app
COPY package.json package-lock.json ./
# msgpackr-extract (via BullMQ) is the only package with an install script: it loads its prebuilt
# binary without one, and falls back to plain JavaScript where there is none.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force
COPY --from=build /app/dist ./dist
# `aios-mcp keys ...` on the PATH for `docker exec` / `railway ssh`; DATA_DIR writable by the app
# (the API key file of the embedded mode; on Redis the keys live in Redis).
RUN chmod +x dist/cli.js \
    && ln -s /app/dist/cli.js /usr/local/bin/aios-mcp \
    && mkdir -p /app/data \
    && chown node:node /app/data
# The `node` user (uid 1000) comes with the official image.
USER node
EXPOSE 3000
# Slim images have no curl: Node's own fetch asks /health, which answers 503 while Redis is down.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself, so shutdown is graceful.
CMD ["node", "dist/cli.js", "serve"]
