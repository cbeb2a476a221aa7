// Where the published site stands against the store: a small document saying "rendered through store change position P with config C", written at start-up and at a clean stop, so a restart over an unchanged store and config renders nothing. Pure: no fs, no env, no clock.
import { toFeedDocument } from '../feeds/index.ts';
import type { FeedDocument } from '../feeds/feed-document.ts';

/** Beside the feed summaries, in the folder no feed name can take. */
export const RENDER_STATE_PATH = 'feeds/_site/render-state.json';

/** What a render-state document records. */
interface RenderState {
  /** Every store change up to this position is in the published site. */
  through: string;
  /** The fingerprint of the site config the site was rendered with (its base URL, titles, limits…). */
  config: string | undefined;
}

/**
 * The document recording that every change up to `through` (a store change position) is in the published site,
 * rendered with the config whose fingerprint is `config`.
 *
 * @example
 * renderRenderStateDocument('2026-12-05T17:00:00.000Z#a1', '3f2a9c01d4e5b6a7').path //=> 'feeds/_site/render-state.json'
 */
export function renderRenderStateDocument(through: string, config: string): FeedDocument {
  return toFeedDocument(
    RENDER_STATE_PATH,
    `${JSON.stringify({ version: 1, through, config })}\n`,
    'application/json; charset=utf-8',
    'no-cache',
  );
}

/**
 * What a render-state document records, or undefined when it is not one (`config` is undefined in documents written
 * before it was recorded, so they never match a config).
 *
 * @example
 * parseRenderState(renderRenderStateDocument('p', 'c')) //=> { through: 'p', config: 'c' }
 */
export function parseRenderState(doc: Pick<FeedDocument, 'body'>): RenderState | undefined {
  try {
    const v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(doc.body)) as {
      version?: unknown;
      through?: unknown;
      config?: unknown;
    };
    if (v.version !== 1 || typeof v.through !== 'string') return undefined;
    return { through: v.through, config: typeof v.config === 'string' ? v.config : undefined };
  } catch {
    return undefined;
  }
}
