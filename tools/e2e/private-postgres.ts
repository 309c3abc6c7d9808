import { execFile } from 'node:child_process';
import { chownSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@rapport/testing/ports';
import { REPO_ROOT } from './service-process';

// A PostgreSQL server of the fault suite's own (`initdb` + `pg_ctl` on its own port and data
// folder under .local/e2e/), so that stopping or crashing it never touches the machine's shared
// server. Runs as the `postgres` OS user when the suite runs as root (Postgres refuses root).

const run = promisify(execFile);
const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const PG_USER = 'postgres';

export class PrivatePostgres {
  readonly adminUrl: string;
  private readonly dataDir: string;

  private constructor(
    readonly port: number,
    readonly home: string,
  ) {
    this.adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    this.dataDir = join(home, 'data');
  }

  static async start(label: string): Promise<PrivatePostgres> {
    const port = await freePort();
    const pg = new PrivatePostgres(port, join(REPO_ROOT, '.local', 'e2e', `pg-${label}-${port}`));
    mkdirSync(pg.home, { recursive: true });
    if (process.getuid?.() === 0) {
      const uid = Number((await run('id', ['-u', PG_USER])).stdout.trim());
      const gid = Number((await run('id', ['-g', PG_USER])).stdout.trim());
      chownSync(pg.home, uid, gid);
    }
    await pg.tool('initdb', ['-D', pg.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await pg.start();
    return pg;
  }

  /** `pg_ctl start`, waiting until it accepts connections. */
  async start(): Promise<void> {
    // NOTE: fsync off: a crash of the server process (not of the OS) loses nothing either way, and
    // the shared machine's disk is spared. Sockets in the home folder, TCP on 127.0.0.1 only.
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.home} -c fsync=off -c max_connections=200`;
    await this.tool('pg_ctl', ['-D', this.dataDir, '-l', join(this.home, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
  }

  /** `fast`: a clean shutdown that cuts every session; `immediate`: a crash (WAL replay at the next start). */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.tool('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    rmSync(this.home, { recursive: true, force: true });
  }

  private async tool(name: string, args: string[]): Promise<void> {
    const command = join(BIN, name);
    const asRoot = process.getuid?.() === 0;
    try {
      await (asRoot ? run('runuser', ['-u', PG_USER, '--', command, ...args], { cwd: '/' }) : run(command, args));
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(`${name} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: error });
    }
  }
}
