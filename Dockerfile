# airgap-cache appliance image: DNS on 53/udp+tcp, HTTP 80, HTTPS 443, as an unprivileged user.
# State lives in two volumes: /var/lib/airgap-cache/data (the store) and /var/lib/airgap-cache/certs
# (the CA; its key never leaves it). The admin door stays on the container's loopback unless the
# config gives it another address and a token (admin.listen, admin.token).
#
#   docker build -t airgap-cache .
#   docker run -d --name airgap-cache --network host \
#     -v agc-data:/var/lib/airgap-cache/data -v agc-certs:/var/lib/airgap-cache/certs airgap-cache
#
# Checked by test/packaging/dockerfile.test.ts (no container engine is needed for that).

# --- build: compile TypeScript, then keep production dependencies only --------------------------
FROM node:20-bookworm-slim AS build
# better-sqlite3 builds its native module from source when no prebuilt binary can be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm rebuild better-sqlite3 \
 && npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime ---------------------------------------------------------------------------------------
FROM node:20-bookworm-slim
LABEL org.opencontainers.image.title="airgap-cache" \
      org.opencontainers.image.description="DNS, TLS and a seeded content cache for Ubuntu, MAAS, snapd and Juju with no internet" \
      org.opencontainers.image.licenses="Apache-2.0"
# gpgv checks the signatures of what `airgap-cache import` brings; setcap grants the one capability
# an unprivileged user needs for ports below 1024 (CAP_NET_BIND_SERVICE, in Docker's default set).
RUN apt-get update \
 && apt-get install -y --no-install-recommends gpgv libcap2-bin \
 && setcap cap_net_bind_service=+ep "$(readlink -f /usr/local/bin/node)" \
 && apt-get purge -y --auto-remove libcap2-bin \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 airgap \
 && useradd --system --uid 10001 --gid airgap --home-dir /var/lib/airgap-cache --shell /usr/sbin/nologin airgap \
 && mkdir -p /var/lib/airgap-cache/data /var/lib/airgap-cache/certs /etc/airgap-cache \
 && chown -R airgap:airgap /var/lib/airgap-cache \
 && chmod 0700 /var/lib/airgap-cache/certs
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
USER airgap:airgap
VOLUME ["/var/lib/airgap-cache/data", "/var/lib/airgap-cache/certs"]
EXPOSE 53/udp 53/tcp 80/tcp 443/tcp
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9180/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/dist/cli/main.js"]
CMD ["serve", "--data-dir", "/var/lib/airgap-cache/data", "--certs-dir", "/var/lib/airgap-cache/certs"]
