// WebSub publisher ping: tells a hub which topic URLs changed (hub.mode=publish), one form POST per batch. Used by the render and rebuild functions and by `nashra serve`.

export interface HubPingResult {
  ok: boolean;
  status?: number;
  error?: string;
}

/**
 * POSTs `hub.mode=publish` with one `hub.url` per changed topic. Never throws: a hub outage must not fail
 * a render whose feeds are already published; the caller logs the result. Times out after `timeoutMs`.
 *
 * @example
 * await pingWebSubHub('https://pubsubhubbub.appspot.com/', ['https://feeds.example/feeds/all.atom'])
 * //=> { ok: true, status: 204 }
 */
export async function pingWebSubHub(
  hubUrl: string,
  topicUrls: readonly string[],
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<HubPingResult> {
  if (topicUrls.length === 0) return { ok: true };
  const form = new URLSearchParams({ 'hub.mode': 'publish' });
  for (const url of topicUrls) form.append('hub.url', url);
  try {
    const res = await (options.fetch ?? fetch)(hubUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
    });
    await res.arrayBuffer().catch(() => undefined);
    return { ok: res.status >= 200 && res.status < 300, status: res.status };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
