import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { createLogger, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const nhsukAssets = fileURLToPath(new URL('./node_modules/nhsuk-frontend/dist/nhsuk/assets', import.meta.url));

/**
 * nhsuk-frontend's CSS refers to its icons at the absolute path /assets/...; copying them
 * there keeps the icons without rewriting the stylesheet.
 */
function nhsukAssetsPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'pathflow-nhsuk-assets',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      cpSync(nhsukAssets, `${outDir}/assets`, { recursive: true });
    },
  };
}

/**
 * nhsuk-frontend's CSS loads the Frutiger web font from assets.nhs.uk. The app makes no
 * request off its own origin (it must work offline and leak nothing about who opens it),
 * so the remote @font-face rules are dropped and text falls to the design system's own
 * fallback stack (Arial, sans-serif), or to Frutiger where it is installed locally.
 */
function noRemoteFontsPlugin(): Plugin {
  return {
    name: 'pathflow-no-remote-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!/nhsuk-frontend[\\/].*\.css(\?|$)/.test(id)) return undefined;
      return { code: code.replace(/@font-face\s*\{[^}]*url\(\s*["']?https?:[^}]*\}/g, ''), map: null };
    },
  };
}

// Those icon URLs are meant to stay as they are (see above): their warnings are noise.
const logger = createLogger();
const warnOnce = logger.warnOnce.bind(logger);
logger.warnOnce = (message, options) => {
  if (!/nhsuk-icon-[\w-]+\.svg.*didn't resolve at build time/.test(message)) warnOnce(message, options);
};

export default defineConfig({
  customLogger: logger,
  root: 'src/web',
  base: './',
  plugins: [react(), noRemoteFontsPlugin(), nhsukAssetsPlugin()],
  worker: { format: 'es' },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // The engine and ECharts make one large chunk; it is cached after the first visit.
    chunkSizeWarningLimit: 1500,
    // nhsuk-frontend ships minified CSS with old-IE hacks (`@media screen\0`) that the
    // lightningcss minifier rejects; it needs no second minification anyway.
    cssMinify: false,
  },
  server: { fs: { allow: ['../..'] } },
});
