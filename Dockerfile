# Image for the API and worker processes (not the sandbox: see sandbox-images/).
# Where a registry is reachable:  docker build -t grader-app .
# Where none is (no official base, no npm inside the build): `npm run provision` builds it as
# grader-app:latest on the locally built Node 20 base, with the host's node_modules (same Node,
# same libc) in the build context instead of an npm ci here (scripts/provision/deploy-images.ts).
ARG BASE_IMAGE=node:20-bookworm-slim
FROM ${BASE_IMAGE}
WORKDIR /app
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY runtime/package.json runtime/
COPY api/package.json api/
COPY worker/package.json worker/
COPY sandbox-images/node/harness/package.json sandbox-images/node/harness/
# Prepared dependencies when the context has them (the glob matches nothing in a build from the
# repository, whose .dockerignore leaves node_modules out; package-lock.json is a source that is
# always there, as COPY refuses to match nothing at all), else installed from the lockfile.
COPY package-lock.json node_module[s] ./node_modules/
RUN if [ -d node_modules/express ]; then rm node_modules/package-lock.json; else npm ci --omit=optional; fi; \
    mkdir -p /data && chown node:node /data
COPY tsconfig.base.json tsconfig.json ./
COPY contracts contracts
COPY runtime runtime
COPY api api
COPY worker worker
# The worker's container policy takes the sandbox's layout from the harness package's main.
COPY sandbox-images/node/harness/src sandbox-images/node/harness/src
COPY exercises exercises
# The web app's bundle (made by provisioning: npm run provision), when the context has it.
COPY package.json web/dis[t] web/dist/
RUN rm web/dist/package.json
ENV GRADER_HOST=0.0.0.0 GRADER_DATA_DIR=/data
# The API's SQLite file lives here: a volume the node user owns (made above, before the volume is
# first mounted, so the engine copies its owner).
VOLUME /data
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "api/src/main.ts"]
