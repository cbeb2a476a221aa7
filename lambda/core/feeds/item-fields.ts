// Per-item values every format shares: ids, resolved URLs, image MIME types, instants. Pure.
import { createHash } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import type { Article, ArticleDate, ArticleImage } from '../articles/article.ts';

const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;
const HTTP_URL = /^https?:\/\/[^\s]+$/i;

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  return HTTP_URL.test(value);
}

/**
 * The Atom id of an article: the id itself when it is an absolute URI, else a name-based
 * `urn:uuid:` (UUID v5-style over the id), stable across renders and `feed` versions.
 *
 * @example
 * atomIdOf('aljazeera-2024-0001') //=> 'urn:uuid:…' (always the same for this id)
 */
export function atomIdOf(id: string): string {
  if (ABSOLUTE_URI.test(id)) return id;
  const h = createHash('sha1').update(`nashra:article:${id}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Resolves an article URL against the site base URL; returns it unchanged when it cannot be parsed. */
export function resolveUrl(url: string, baseUrl: string): string {
  try {
    return new URL(url, baseUrl).href;
  } catch {
    return url;
  }
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/** MIME type of an image: the one given, else from the URL's extension, else "application/octet-stream". */
export function imageTypeOf(image: ArticleImage): string {
  if (image.type && /^[\w.+-]+\/[\w.+-]+$/.test(image.type)) return image.type.toLowerCase();
  const ext = /\.([a-z0-9]+)(?:$|[?#])/i.exec(image.url)?.[1]?.toLowerCase();
  return (ext && IMAGE_TYPES[ext]) || 'application/octet-stream';
}

/**
 * The publisher's UTC offset at an instant, in minutes east, from `TZDate` (ICU's zone data). date-fns
 * `format` over `TZDate` gave the same strings at about 110 µs each on the build machine, and a `TZDate`
 * alone at about 16 µs, which a 1,000-item cold render would pay per format. Offsets only change at
 * transitions, which fall on quarter hours, so the offset is kept per zone and quarter hour (bounded).
 */
function offsetMinutesOf(date: Pick<ArticleDate, 'instant' | 'timeZone'>): number {
  const quarter = Math.floor(Date.parse(date.instant) / 900_000);
  const key = `${date.timeZone} ${quarter}`;
  let offset = OFFSETS.get(key);
  if (offset === undefined) {
    offset = -new TZDate(quarter * 900_000, date.timeZone).getTimezoneOffset();
    if (OFFSETS.size >= 10_000) OFFSETS.clear();
    OFFSETS.set(key, offset);
  }
  return offset;
}

const OFFSETS = new Map<string, number>();

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The wall clock at the publisher's offset (a Date read with its UTC getters), and the offset. */
function wallClockOf(date: Pick<ArticleDate, 'instant' | 'timeZone'>): { wall: Date; offset: number } {
  const offset = offsetMinutesOf(date);
  return { wall: new Date(Date.parse(date.instant) + offset * 60_000), offset };
}

function offsetText(offset: number, colon: boolean): string {
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}${colon ? ':' : ''}${pad2(abs % 60)}`;
}

/**
 * RFC 3339 form of an article date, written with the publisher's UTC offset that day, so the printed
 * day and clock are what the publisher printed.
 *
 * @example
 * rfc3339Of({ instant: '2026-07-17T11:00:00.000Z', timeZone: 'Africa/Casablanca' }) //=> '2026-07-17T12:00:00+01:00'
 */
export function rfc3339Of(date: Pick<ArticleDate, 'instant' | 'timeZone'>): string {
  const { wall, offset } = wallClockOf(date);
  return `${wall.toISOString().slice(0, 19)}${offset === 0 ? 'Z' : offsetText(offset, true)}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * RFC 822 form (RFC 1123 profile with a numeric zone) of an article date, as RSS pubDate wants,
 * written with the publisher's UTC offset that day.
 *
 * @example
 * rfc822Of({ instant: '2026-07-17T11:00:00.000Z', timeZone: 'Africa/Casablanca' }) //=> 'Fri, 17 Jul 2026 12:00:00 +0100'
 */
export function rfc822Of(date: Pick<ArticleDate, 'instant' | 'timeZone'>): string {
  const { wall, offset } = wallClockOf(date);
  return (
    `${DAYS[wall.getUTCDay()]}, ${pad2(wall.getUTCDate())} ${MONTHS[wall.getUTCMonth()]} ${wall.getUTCFullYear()} ` +
    `${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}:${pad2(wall.getUTCSeconds())} ${offsetText(offset, false)}`
  );
}

/** The date behind Atom `updated`: the article's real update, else its publication. */
export function updatedDateOf(article: Article): ArticleDate {
  return article.updated ?? article.published;
}
