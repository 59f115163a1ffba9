/**
 * The bundled layouts, as in the Berkeley CS188 Pac-Man project's `layouts/*.lay` (the text
 * of mediumClassic and smallGrid is in /work/shared/REFERENCES.md; smallClassic and
 * originalClassic are the CS188 files as found in several public copies of the project, whose
 * `G` rows agree; mediumGrid is the CS188 file reconstructed from two course forks that each
 * changed one line, and it matches REFERENCES' 8x7, 4 food, 1 ghost).
 */
import { LayoutError, parseLayout, type Layout } from './layout.js';

export const LAYOUT_TEXT = {
  smallGrid: ['%%%%%%%', '% P   %', '% %%% %', '% %.  %', '% %%% %', '%. G  %', '%%%%%%%'],
  mediumGrid: ['%%%%%%%%', '%P     %', '% .% . %', '%  %   %', '% .% . %', '%     G%', '%%%%%%%%'],
  smallClassic: [
    '%%%%%%%%%%%%%%%%%%%%',
    '%......%G  G%......%',
    '%.%%...%%  %%...%%.%',
    '%.%o.%........%.o%.%',
    '%.%%.%.%%%%%%.%.%%.%',
    '%........P.........%',
    '%%%%%%%%%%%%%%%%%%%%',
  ],
  mediumClassic: [
    '%%%%%%%%%%%%%%%%%%%%',
    '%o...%........%....%',
    '%.%%.%.%%%%%%.%.%%.%',
    '%.%..............%.%',
    '%.%.%%.%%  %%.%%.%.%',
    '%......%G  G%......%',
    '%.%.%%.%%%%%%.%%.%.%',
    '%.%..............%.%',
    '%.%%.%.%%%%%%.%.%%.%',
    '%....%...P....%...o%',
    '%%%%%%%%%%%%%%%%%%%%',
  ],
  originalClassic: [
    '%%%%%%%%%%%%%%%%%%%%%%%%%%%%',
    '%............%%............%',
    '%.%%%%.%%%%%.%%.%%%%%.%%%%.%',
    '%o%%%%.%%%%%.%%.%%%%%.%%%%o%',
    '%.%%%%.%%%%%.%%.%%%%%.%%%%.%',
    '%..........................%',
    '%.%%%%.%%.%%%%%%%%.%%.%%%%.%',
    '%.%%%%.%%.%%%%%%%%.%%.%%%%.%',
    '%......%%....%%....%%......%',
    '%%%%%%.%%%%% %% %%%%%.%%%%%%',
    '%%%%%%.%%%%% %% %%%%%.%%%%%%',
    '%%%%%%.%            %.%%%%%%',
    '%%%%%%.% %%%%  %%%% %.%%%%%%',
    '%     .  %G  GG  G%  .     %',
    '%%%%%%.% %%%%%%%%%% %.%%%%%%',
    '%%%%%%.%            %.%%%%%%',
    '%%%%%%.% %%%%%%%%%% %.%%%%%%',
    '%............%%............%',
    '%.%%%%.%%%%%.%%.%%%%%.%%%%.%',
    '%.%%%%.%%%%%.%%.%%%%%.%%%%.%',
    '%o..%%.......  .......%%..o%',
    '%%%.%%.%%.%%%%%%%%.%%.%%.%%%',
    '%%%.%%.%%.%%%%%%%%.%%.%%.%%%',
    '%......%%....%%....%%......%',
    '%.%%%%%%%%%%.%%.%%%%%%%%%%.%',
    '%.............P............%',
    '%%%%%%%%%%%%%%%%%%%%%%%%%%%%',
  ],
} as const satisfies Record<string, readonly string[]>;

export type LayoutName = keyof typeof LAYOUT_TEXT;
export const LAYOUT_NAMES = Object.keys(LAYOUT_TEXT) as LayoutName[];

const cache = new Map<LayoutName, Layout>();

export function isLayoutName(name: string): name is LayoutName {
  return Object.prototype.hasOwnProperty.call(LAYOUT_TEXT, name);
}

/** A bundled layout by name (parsed once; layouts are immutable by convention). */
export function getLayout(name: LayoutName): Layout {
  if (!isLayoutName(name)) {
    throw new LayoutError(
      `unknown layout ${JSON.stringify(name)}; bundled: ${LAYOUT_NAMES.join(', ')}`,
    );
  }
  let layout = cache.get(name);
  if (!layout) {
    layout = parseLayout(LAYOUT_TEXT[name].join('\n'), name);
    cache.set(name, layout);
  }
  return layout;
}

/**
 * A layout from a bundled name, layout text (anything containing a newline or a `%`), or an
 * already parsed `Layout`.
 */
export function resolveLayout(spec: LayoutName | string | Layout): Layout {
  if (typeof spec !== 'string') return spec;
  if (isLayoutName(spec)) return getLayout(spec);
  if (spec.includes('\n') || spec.includes('%')) return parseLayout(spec);
  throw new LayoutError(
    `unknown layout ${JSON.stringify(spec)}; give a bundled name (${LAYOUT_NAMES.join(', ')}) or layout text`,
  );
}
