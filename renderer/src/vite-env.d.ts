/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** 'browser' in the preview's build (vite.preview.config.ts); unset in the app's. */
  readonly BAM_TARGET?: 'browser';
}
