// Public entry of the site config module. Pure: no fs, no env.
export { parseSiteConfig, siteConfigSchema, siteConfigJsonSchema, ConfigError, maxAgeOf, articlesBaseUrlOf } from './site-config.ts';
export type { SiteConfig, ConfigIssue } from './site-config.ts';
