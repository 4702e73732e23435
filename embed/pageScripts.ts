// Build plugin: the scripts of Duet's own pages, emitted beside embed.js under fixed names (briefly cached, like
// embed.js): dist/embed-builder.js for the /embed page and dist/duet-element.js for <duet-booking>. Neither shares a
// module with the widget, so neither changes a byte of what a site loads for the booking form.
import type { Plugin } from 'vite';

export const PAGE_SCRIPTS: Record<string, string> = {
  'embed-builder.js': 'embed/builder/embedBuilder.ts',
  'duet-element.js': 'embed/element/duetElement.ts',
};

export function pageScripts(): Plugin {
  return {
    name: 'duet-page-scripts',
    apply: 'build',
    buildStart() {
      for (const [fileName, id] of Object.entries(PAGE_SCRIPTS)) this.emitFile({ type: 'chunk', id, fileName });
    },
  };
}
