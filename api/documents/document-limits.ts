import type { HubConfig } from '../config/load-config.ts';
import type { ProcessingMode } from './extraction/extracted-document.ts';

/** A local instance's parser may use most of a small machine: OCR and LibreOffice need it. */
export const LOCAL_PARSER_MEMORY_MB = 768;
/**
 * The cloud's 512 MB instance holds the hub (~260 MB with the admin panel, docs/cloud-memory.md) and
 * one parser: this keeps the whole process tree under its 420 MB peak budget. Typical text PDFs need
 * 125-160 MB; a file that needs more fails here and is left for a local instance.
 */
export const CLOUD_PARSER_MEMORY_MB = 160;

/** PROCESSING_MEMORY_MB when set, otherwise the budget of this kind of instance. */
export function parserMemoryMb(config: Pick<HubConfig, 'PROCESSING_MEMORY_MB' | 'DEPLOYMENT_MODE'>): number {
  return config.PROCESSING_MEMORY_MB ?? (config.DEPLOYMENT_MODE === 'cloud' ? CLOUD_PARSER_MEMORY_MB : LOCAL_PARSER_MEMORY_MB);
}

/** Limits for one document, from configuration; enforced at intake and inside the parser sandbox. */
export function documentLimitsFrom(config: HubConfig) {
  return {
    maxBytes: config.UPLOAD_MAX_BYTES,
    maxPages: config.MAX_PAGES,
    maxImagePixels: config.MAX_IMAGE_PIXELS,
    maxUnzippedBytes: config.MAX_UNZIPPED_BYTES,
    timeoutMs: config.PROCESSING_TIMEOUT_SECONDS * 1000,
    memoryMb: parserMemoryMb(config),
  };
}

/** Full processing on local instances, basic in the cloud, unless PROCESSING_MODE forces one. */
export function defaultProcessingMode(config: HubConfig): ProcessingMode {
  if (config.PROCESSING_MODE === 'full') return 'local_full';
  if (config.PROCESSING_MODE === 'basic') return 'cloud_simple';
  return config.DEPLOYMENT_MODE === 'local' ? 'local_full' : 'cloud_simple';
}
