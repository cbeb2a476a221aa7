// Where the published site stands against the store: a small document saying "rendered through store change position P", written at start-up and at a clean stop, so a restart over an unchanged store renders nothing. Pure: no fs, no env, no clock.
import { toFeedDocument } from '../feeds/index.ts';
import type { FeedDocument } from '../feeds/feed-document.ts';

/** Beside the feed summaries, in the folder no feed name can take. */
export const RENDER_STATE_PATH = 'feeds/_site/render-state.json';

/**
 * The document recording that every change up to `through` (a store change position) is in the published site.
 *
 * @example
 * renderRenderStateDocument('2026-12-05T17:00:00.000Z#a1').path //=> 'feeds/_site/render-state.json'
 */
export function renderRenderStateDocument(through: string): FeedDocument {
  return toFeedDocument(RENDER_STATE_PATH, `${JSON.stringify({ version: 1, through })}\n`, 'application/json; charset=utf-8', 'no-cache');
}

/**
 * The position a render-state document records, or undefined when it is not one.
 *
 * @example
 * parseRenderState(renderRenderStateDocument('p')) //=> 'p'
 */
export function parseRenderState(doc: Pick<FeedDocument, 'body'>): string | undefined {
  try {
    const v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(doc.body)) as { version?: unknown; through?: unknown };
    return v.version === 1 && typeof v.through === 'string' ? v.through : undefined;
  } catch {
    return undefined;
  }
}
