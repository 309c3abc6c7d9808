import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { renderGenerated, SCHEMAS_DIR } from './render';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
const STALE = 'generated files are stale: run `pnpm --filter @rapport/contracts generate` and commit the result';

describe('generated/', () => {
  const files = renderGenerated(version);

  test('rendering is deterministic', () => {
    expect([...renderGenerated(version)]).toEqual([...files]);
  });

  test.each([...files.keys()])('%s is up to date', (path) => {
    let onDisk: string | undefined;
    try {
      onDisk = readFileSync(join(packageDir, path), 'utf8');
    } catch {
      onDisk = undefined;
    }
    expect(onDisk === files.get(path), `${path}: ${STALE}`).toBe(true);
  });

  test('holds no schema file that is no longer generated', () => {
    const extra = readdirSync(join(packageDir, SCHEMAS_DIR)).filter((f) => !files.has(`${SCHEMAS_DIR}/${f}`));
    expect(extra, STALE).toEqual([]);
  });
});
