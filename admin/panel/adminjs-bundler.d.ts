// adminjs exports `adminjs/bundler` without type declarations; this is the part the panel uses.
declare module 'adminjs/bundler' {
  import type AdminJS from 'adminjs';

  export class AssetBundler {
    constructor(input: Record<string, unknown>, output: Record<string, unknown>);
    inputOptions: Record<string, unknown>;
    outputOptions: Record<string, unknown>;
    build(): Promise<void>;
  }
  export const componentsBundler: AssetBundler;
  export function generateUserComponentEntry(admin: AdminJS, entryPath: string): string;
  export const ADMIN_JS_TMP_DIR: string;
  export const COMPONENTS_OUTPUT_PATH: string;
  export const NODE_ENV: 'production' | 'development';
}
