// Public entry of the site service. Pure: ports only.
export {
  createSiteService,
  feedKeysOfChange,
  RebuildConflictError,
  type RebuildReport,
  type ArticleChangeImages,
  type IngestInput,
  type IngestReport,
  type IngestResult,
  type SiteService,
  type SiteServiceOptions,
} from './site-service.ts';
