/**
 * The methods each registered path answers, so that a known path asked with another method is a
 * 405 with `Allow` rather than a 404. Patterns use Fastify's syntax (`:id`, `:id(regex)`, `*`).
 */
export class MethodTable {
  private readonly routes: Array<{ pattern: RegExp; methods: Set<string> }> = [];

  add(url: string, methods: string | readonly string[]): void {
    const list = typeof methods === 'string' ? [methods] : methods;
    const source = toRegExpSource(url);
    const known = this.routes.find((route) => route.pattern.source === source);
    if (known) for (const method of list) known.methods.add(method);
    else this.routes.push({ pattern: new RegExp(source), methods: new Set(list) });
  }

  /** Methods allowed on `path`, sorted; empty when no route matches the path at all. */
  allowed(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes) if (route.pattern.test(path)) for (const method of route.methods) methods.add(method);
    return [...methods].sort();
  }
}

function toRegExpSource(url: string): string {
  let source = '';
  for (let i = 0; i < url.length; i++) {
    const char = url.charAt(i);
    if (char === ':' && url.charAt(i + 1) === ':') {
      source += ':';
      i++;
    } else if (char === ':') {
      let j = i + 1;
      while (j < url.length && /[\w$-]/.test(url.charAt(j))) j++;
      if (url.charAt(j) === '(') {
        const end = closingParen(url, j);
        // find-my-way anchors parameter patterns itself and ignores the ^ and $ written in them.
        source += `(?:${url.slice(j + 1, end).replace(/^\^/, '').replace(/\$$/, '')})`;
        i = end;
      } else {
        source += '[^/]+';
        i = j - 1;
      }
    } else if (char === '*') {
      source += '.*';
    } else {
      source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return `^${source}$`;
}

function closingParen(url: string, open: number): number {
  let depth = 0;
  for (let i = open; i < url.length; i++) {
    if (url.charAt(i) === '(') depth++;
    else if (url.charAt(i) === ')' && --depth === 0) return i;
  }
  return url.length - 1;
}
