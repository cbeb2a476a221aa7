// Public entry of the site config module. Pure: no fs, no env.
export { parseSiteConfig, siteConfigJsonSchema, ConfigError } from './site-config.ts';
export { maxAgeOf, articlesBaseUrlOf } from './config-values.ts';
export type { SiteConfig } from './site-config.ts';
