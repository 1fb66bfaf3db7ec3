// The Dockerfile, checked without a container engine: dockerfile-utils (the linter behind VS Code's
// Docker support) must find nothing, and dockerfile-ast's parse must show what the image promises:
// two stages, production dependencies only, an unprivileged user allowed ports below 1024, volumes
// for data and certificates, a health check on the admin door's /healthz.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url).pathname;
const text = readFileSync(join(root, 'Dockerfile'), 'utf8');
const dockerfile = DockerfileParser.parse(text);
const instructions = dockerfile.getInstructions();
const lastFrom = instructions.lastIndexOf(dockerfile.getFROMs().at(-1)!);
const buildStage = instructions.slice(0, lastFrom);
const runtime = instructions.slice(lastFrom);
const args = (i: Instruction): string => i.getArgumentsContent() ?? '';
const all = (list: Instruction[], keyword: string): Instruction[] => list.filter((i) => i.getKeyword() === keyword);

describe('Dockerfile', () => {
  it('passes the dockerfile-utils linter, which does find problems in a broken file', () => {
    expect(validate(text)).toEqual([]);
    expect(validate('FROM node AS a\nFROM node AS a\nHEALTHCHECK CMD\nEXPOSE 99999\n').length).toBeGreaterThanOrEqual(3);
  });

  it('builds in one stage and runs from another with production dependencies only', () => {
    expect(dockerfile.getFROMs().map((f) => f.getBuildStage())).toEqual(['build', null]);
    expect(all(buildStage, 'RUN').map(args).join('\n')).toMatch(/npm prune --omit=dev/);
    expect(all(runtime, 'RUN').map(args).join('\n')).not.toMatch(/\bnpm (ci|install)\b/);
    const copied = all(runtime, 'COPY').map((c) => [(c as unknown as { getFromFlag(): { getValue(): string } | undefined }).getFromFlag()?.getValue(), args(c)]);
    expect(copied).toContainEqual(['build', '/app/node_modules ./node_modules']);
    expect(copied).toContainEqual(['build', '/app/dist ./dist']);
  });

  it('runs as an unprivileged user that may bind 53, 80 and 443, with data and certs on volumes', () => {
    const user = args(all(runtime, 'USER').at(-1)!);
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(all(runtime, 'RUN').map(args).join('\n')).toMatch(/setcap cap_net_bind_service=\+ep/);
    const volumes = JSON.parse(args(all(runtime, 'VOLUME')[0]!)) as string[];
    expect(volumes).toEqual(['/var/lib/airgap-cache/data', '/var/lib/airgap-cache/certs']);
    expect(args(all(runtime, 'EXPOSE')[0]!).split(/\s+/)).toEqual(['53/udp', '53/tcp', '80/tcp', '443/tcp']);
    const cmd = JSON.parse(args(all(runtime, 'CMD')[0]!)) as string[];
    expect(cmd).toEqual(['serve', '--data-dir', volumes[0], '--certs-dir', volumes[1]]);
  });

  it("checks health on the admin door's /healthz at the default admin address", () => {
    const hc = all(runtime, 'HEALTHCHECK')[0]!.getTextContent();
    const adminListen = (parse(readFileSync(join(root, 'config/default.yaml'), 'utf8')) as { admin: { listen: string } }).admin.listen;
    expect(hc).toContain(`http://${adminListen}/healthz`);
    expect(hc).toMatch(/--interval=\d+s --timeout=\d+s/);
  });

  it('installs Debian packages as hadolint would ask (no recommends, lists removed)', () => {
    for (const run of all(instructions, 'RUN').map(args).filter((r) => r.includes('apt-get install'))) {
      expect(run).toMatch(/apt-get install -y --no-install-recommends /);
      expect(run).toMatch(/rm -rf \/var\/lib\/apt\/lists\/\*/);
    }
  });

  it('copies only what exists, and its command line is one the built CLI accepts', () => {
    for (const c of all(buildStage, 'COPY').concat(all(runtime, 'COPY').filter((c) => !args(c).startsWith('/app/')))) {
      for (const src of args(c).split(/\s+/).slice(0, -1)) expect(existsSync(join(root, src)), src).toBe(true);
    }
    const help = execFileSync(process.execPath, [join(root, 'dist/cli/main.js'), 'serve', '--help'], { encoding: 'utf8' });
    for (const flag of ['--data-dir', '--certs-dir']) expect(help).toContain(flag);
    expect(JSON.parse(args(all(runtime, 'ENTRYPOINT')[0]!))).toEqual(['node', '/app/dist/cli/main.js']);
    expect(readFileSync(join(root, '.dockerignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', 'certs']));
  });
});
