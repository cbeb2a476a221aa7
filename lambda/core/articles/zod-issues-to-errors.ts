// Translates zod validation issues into ArticleErrors with stable codes and plain words. Pure: imports only types.
import type * as z from 'zod/mini';
import { articleError, joinPath, type ArticleError } from './article-error.ts';

/**
 * One `ArticleError` per zod issue, with the path rooted at `root` ("$[3]") and a stable code.
 *
 * @example
 * zodIssuesToErrors(result.error.issues, '$[3]', value)
 * //=> [{ path: '$[3].title', field: 'title', code: 'MISSING_FIELD', message: 'title is missing' }]
 */
export function zodIssuesToErrors(issues: ReadonlyArray<z.core.$ZodIssue>, root: string, value: unknown): ArticleError[] {
  return issues.map((issue) => {
    const keys = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    const path = joinPath(root, keys);
    const name =
      keys.length > 0
        ? keys
            .map((k) => (typeof k === 'number' ? `[${k}]` : k))
            .join('.')
            .replace(/\.\[/g, '[')
        : 'article';
    const input = valueAt(value, keys);
    switch (issue.code) {
      case 'invalid_type':
        return input === undefined
          ? articleError(path, 'MISSING_FIELD', `${name} is missing`)
          : articleError(path, 'INVALID_TYPE', `${name} must be ${article(issue.expected)}, not ${typeName(input)}`);
      case 'too_small':
        return typeof input === 'string'
          ? articleError(path, 'EMPTY_FIELD', `${name} is empty`)
          : articleError(path, 'INVALID_VALUE', `${name} is too small (minimum ${String(issue.minimum)})`);
      case 'too_big':
        return articleError(
          path,
          'TOO_LONG',
          `${name} is too long (at most ${String(issue.maximum)} ${issue.origin === 'array' ? 'items' : 'characters'})`,
        );
      case 'invalid_format':
        if (issue.format === 'url') return urlError(path, name, input);
        return articleError(path, 'INVALID_VALUE', `${name} has the wrong form (${issue.message})`);
      default:
        return articleError(path, 'INVALID_VALUE', `${name}: ${issue.message}`);
    }
  });
}

function urlError(path: string, name: string, input: unknown): ArticleError {
  const text = typeof input === 'string' ? input : '';
  let scheme: string | null = null;
  try {
    scheme = new URL(text).protocol;
  } catch {
    scheme = null;
  }
  if (scheme !== null && scheme !== 'http:' && scheme !== 'https:') {
    return articleError(path, 'URL_NOT_HTTP', `${name} must be an http or https URL, not "${scheme}"`);
  }
  return articleError(path, 'INVALID_URL', `${name} "${text.slice(0, 200)}" is not a valid absolute URL`);
}

function valueAt(value: unknown, keys: ReadonlyArray<string | number>): unknown {
  let v: unknown = value;
  for (const k of keys) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return article(typeof v);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
