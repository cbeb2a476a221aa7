// Synth-time check of the nashra.config.json every function bundles: a bad config stops synth, naming file and path.
import { describe, expect, it } from 'vitest';
import { BundledSiteConfigError, checkBundledSiteConfig } from '../../infra/constructs/nashra-function.ts';
import siteJson from '../../nashra.config.json' with { type: 'json' };

describe('checkBundledSiteConfig', () => {
  it('accepts the committed nashra.config.json', () => {
    expect(checkBundledSiteConfig().title).toBe(siteJson.title);
  });
  it('rejects a broken config with the file and every bad path in the message', () => {
    const broken = { ...siteJson, title: '', timeZone: 'Mars/Olympus' };
    expect(() => checkBundledSiteConfig(broken)).toThrow(BundledSiteConfigError);
    expect(() => checkBundledSiteConfig(broken)).toThrow(
      /^nashra\.config\.json \(bundled into every function\): invalid site config:\n {2}\$\.title: .*\n {2}\$\.timeZone: must be an IANA time zone/,
    );
  });
});
