// Accept-Encoding negotiation between br, gzip and identity, honouring q-values. Pure.

export type ContentCoding = 'br' | 'gzip' | 'identity';

/**
 * Picks the response coding for an Accept-Encoding header. Highest q wins; on a tie br beats gzip
 * beats identity. `*` stands for any coding not listed; `q=0` refuses. No header → identity.
 *
 * @example
 * negotiateEncoding('gzip;q=0.8, br;q=0.5') //=> 'gzip'
 * negotiateEncoding('br;q=0, *') //=> 'gzip'
 */
export function negotiateEncoding(header: string | null): ContentCoding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [rawName, ...params] = part.split(';');
    const name = (rawName ?? '').trim().toLowerCase();
    if (!name) continue;
    let weight = 1;
    for (const p of params) {
      const [k, val] = p.split('=').map((s) => s.trim());
      if (k?.toLowerCase() === 'q' && val !== undefined) {
        const n = Number(val);
        weight = Number.isFinite(n) ? Math.min(Math.max(n, 0), 1) : 0;
      }
    }
    // "x-gzip" is the legacy alias (RFC 9110 §8.4.1.3).
    const key = name === 'x-gzip' ? 'gzip' : name;
    q.set(key, Math.max(q.get(key) ?? 0, weight));
  }
  const star = q.get('*');
  const weightOf = (c: ContentCoding): number => q.get(c) ?? (c === 'identity' ? (star ?? 0.001) : (star ?? 0));
  let best: ContentCoding = 'identity';
  let bestQ = weightOf('identity');
  for (const c of ['gzip', 'br'] as const) {
    const w = weightOf(c);
    if (w > 0 && w >= bestQ) {
      best = c;
      bestQ = w;
    }
  }
  return best;
}
