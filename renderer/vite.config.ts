import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const govukAssets = fileURLToPath(new URL('../node_modules/govuk-frontend/dist/govuk/assets/', import.meta.url));

/**
 * The production page may only run the bundled scripts and load styles from files. Style attributes stay
 * allowed because a sandboxed srcdoc iframe inherits this policy and Notify's email HTML is styled inline.
 * Dev mode is left without it: Vite's dev server injects inline scripts.
 */
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "font-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'notify-desk-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  root: rendererRoot,
  // Relative URLs so the same build loads from Electron's custom protocol and from the web host.
  base: './',
  plugins: [react(), contentSecurityPolicyMeta()],
  resolve: {
    // govuk-frontend's CSS points at /assets/fonts and /assets/images: bundle them from the package
    // so they are emitted next to the CSS with relative, hashed URLs.
    alias: [{ find: /^\/assets\/(fonts|images)\//, replacement: `${govukAssets}$1/` }],
  },
  css: {
    lightningcss: { errorRecovery: true },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
  },
});
