/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** 'browser' in the preview's build (vite.preview.config.ts); unset in the app's. */
  readonly BAM_TARGET?: 'browser';
}

/** The rest of the window's English catalogue (scripts/vite-icu-catalogues.ts; renderer/src/later.ts). */
declare module '*/i18n/en.ts?later' {
  export const en: Readonly<Record<string, unknown>>;
}
