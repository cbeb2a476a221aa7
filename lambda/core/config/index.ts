// Public entry of the site config module. Pure: no fs, no env.
export { parseSiteConfig, siteConfigSchema, siteConfigJsonSchema, ConfigError } from './site-config.ts';
export { maxAgeOf, articlesBaseUrlOf } from './config-values.ts';
export type { SiteConfig, ConfigIssue } from './site-config.ts';
