import type { HubConfig } from '../config/load-config.ts';
import type { ProcessingMode } from './extraction/extracted-document.ts';

/** Limits for one document, from configuration; enforced at intake and inside the parser sandbox. */
export function documentLimitsFrom(config: HubConfig) {
  return {
    maxBytes: config.UPLOAD_MAX_BYTES,
    maxPages: config.MAX_PAGES,
    maxImagePixels: config.MAX_IMAGE_PIXELS,
    maxUnzippedBytes: config.MAX_UNZIPPED_BYTES,
    timeoutMs: config.PROCESSING_TIMEOUT_SECONDS * 1000,
    memoryMb: config.PROCESSING_MEMORY_MB,
  };
}

/** Full processing on local instances, basic in the cloud, unless PROCESSING_MODE forces one. */
export function defaultProcessingMode(config: HubConfig): ProcessingMode {
  if (config.PROCESSING_MODE === 'full') return 'local_full';
  if (config.PROCESSING_MODE === 'basic') return 'cloud_simple';
  return config.DEPLOYMENT_MODE === 'local' ? 'local_full' : 'cloud_simple';
}
