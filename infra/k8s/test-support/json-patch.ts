// RFC 6902 JSON patches, the `add`, `replace` and `remove` operations: what kustomize applies for a
// `patches:` entry whose file is a list of operations. Anything else is refused, so that a patch
// the subset does not understand fails the test instead of being skipped.

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

type Container = Record<string, unknown> | unknown[];

export class JsonPatchError extends Error {
  override readonly name = 'JsonPatchError';
}

/** Parses a list of operations, refusing unknown operations and fields. */
export function parsePatch(input: unknown): PatchOperation[] {
  if (!Array.isArray(input)) throw new JsonPatchError('a JSON patch is a list of operations');
  return input.map((entry, index) => {
    if (typeof entry !== 'object' || entry === null) throw new JsonPatchError(`operation ${index} is not an object`);
    const { op, path, value, ...rest } = entry as Record<string, unknown>;
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw new JsonPatchError(`operation ${index}: unsupported op ${String(op)}`);
    if (typeof path !== 'string' || !path.startsWith('/')) throw new JsonPatchError(`operation ${index}: path must be a JSON pointer`);
    if (Object.keys(rest).length > 0) throw new JsonPatchError(`operation ${index}: unexpected ${Object.keys(rest).join(', ')}`);
    if (op !== 'remove' && value === undefined) throw new JsonPatchError(`operation ${index}: ${op} needs a value`);
    return op === 'remove' ? { op, path } : { op, path, value };
  });
}

/** Applies the operations in order to `document`, in place. */
export function applyPatch(document: Record<string, unknown>, operations: readonly PatchOperation[]): void {
  for (const operation of operations) {
    const tokens = pointerTokens(operation.path);
    const last = tokens.pop();
    if (last === undefined) throw new JsonPatchError('cannot patch the whole document');
    const parent = resolve(document, tokens, operation.path);
    switch (operation.op) {
      case 'add':
        add(parent, last, structuredClone(operation.value), operation.path);
        break;
      case 'replace':
        if (!has(parent, last)) throw new JsonPatchError(`replace: nothing at ${operation.path}`);
        set(parent, last, structuredClone(operation.value));
        break;
      case 'remove':
        if (!has(parent, last)) throw new JsonPatchError(`remove: nothing at ${operation.path}`);
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete parent[last];
        break;
    }
  }
}

function pointerTokens(pointer: string): string[] {
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function resolve(document: Record<string, unknown>, tokens: readonly string[], pointer: string): Container {
  let node: unknown = document;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[arrayIndex(node, token, pointer, false)];
    else if (typeof node === 'object' && node !== null) node = (node as Record<string, unknown>)[token];
    else node = undefined;
    if (node === undefined) throw new JsonPatchError(`no parent for ${pointer}`);
  }
  if (typeof node !== 'object' || node === null) throw new JsonPatchError(`no parent for ${pointer}`);
  return node as Container;
}

function arrayIndex(array: readonly unknown[], token: string, pointer: string, forAdd: boolean): number {
  if (forAdd && token === '-') return array.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new JsonPatchError(`${pointer}: ${token} is not an array index`);
  const index = Number(token);
  if (index > array.length || (!forAdd && index === array.length)) throw new JsonPatchError(`${pointer}: index ${index} out of range`);
  return index;
}

function has(parent: Container, token: string): boolean {
  if (Array.isArray(parent)) return /^\d+$/.test(token) && Number(token) < parent.length;
  return Object.hasOwn(parent, token);
}

function set(parent: Container, token: string, value: unknown): void {
  if (Array.isArray(parent)) parent[Number(token)] = value;
  else parent[token] = value;
}

function add(parent: Container, token: string, value: unknown, pointer: string): void {
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, token, pointer, true), 0, value);
  else parent[token] = value;
}
